using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.NonPartialTypeAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN004 (declaration half): a [Gen] method in a type that is not partial, reported at the type's name.</summary>
public class NonPartialTypeTests
{
    [Test]
    public Task At_the_name_of_a_type_that_is_not_partial()
    {
        return V.Analyzer("""
            static class {|GEN004:M|}
            {
                [Gen] static double A() => normal(0, 1).At("x");
            }
            """);
    }

    [Test]
    public Task The_message_names_the_type_the_method_and_the_fix()
    {
        return V.Analyzer("""
            static class {|#0:M|} { [Gen] static double A() => normal(0, 1).At("x"); }
            """,
            V.Error("GEN004").WithLocation(0).WithMessage(
                "type 'M' declares [Gen] method 'A' but is not partial; add the 'partial' modifier so the generator can add AGen."));
    }

    [Test]
    public Task Every_enclosing_type_must_be_partial_each_reported_for_each_method_in_it()
    {
        return V.Analyzer("""
            static class {|#0:Outer|}
            {
                static partial class Inner { [Gen] static double A() => normal(0, 1).At("x"); }
                static class {|GEN004:Plain|} { [Gen] static double B() => normal(0, 1).At("x"); }
            }
            struct {|GEN004:S|} { [Gen] static double C() => normal(0, 1).At("x"); }
            record {|GEN004:R|} { [Gen] static double D() => normal(0, 1).At("x"); }
            """,
            V.Error("GEN004").WithLocation(0).WithArguments("type 'Outer' declares [Gen] method 'A' but is not partial; add the 'partial' modifier so the generator can add AGen."),
            V.Error("GEN004").WithLocation(0).WithArguments("type 'Outer' declares [Gen] method 'B' but is not partial; add the 'partial' modifier so the generator can add BGen."));
    }

    [Test]
    public Task Quiet_for_partial_types_and_for_methods_without_Gen()
    {
        return V.Analyzer("""
            static partial class Models { [Gen] static double A() => normal(0, 1).At("x"); }
            partial record struct R { [Gen] static double B() => normal(0, 1).At("x"); }
            static class Plain { static double C() => 1; }
            """);
    }
}
