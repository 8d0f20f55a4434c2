using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.GenericGenMethodAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN007: a generic [Gen] method, reported at its type parameter list.</summary>
public class GenericGenMethodTests
{
    [Test]
    public Task At_the_type_parameter_list()
    {
        return V.Analyzer("""
            partial class M
            {
                [Gen] static double Generic{|GEN007:<T>|}() => normal(0, 1).At("x");
                [Gen] static double Constrained{|GEN007:<T, U>|}(T t, U u) where T : struct => normal(0, 1).At("x");
            }
            """);
    }

    [Test]
    public Task The_message_names_the_method_and_the_fix()
    {
        return V.Analyzer("""
            partial class M { [Gen] static double Generic{|#0:<T>|}() => normal(0, 1).At("x"); }
            """,
            V.Error("GEN007").WithLocation(0).WithMessage(
                "[Gen] method 'Generic' is generic; generic generative functions are not supported. Write one [Gen] method per concrete type."));
    }

    [Test]
    public Task Quiet_for_a_Gen_method_in_a_generic_type_and_for_generic_methods_without_Gen()
    {
        // A generic *type* is not this rule's business; the generator copies its type parameters.
        return V.Analyzer("""
            partial class Box<T> { [Gen] static double A() => normal(0, 1).At("x"); }
            partial class M { static T Id<T>(T t) => t; }
            """);
    }
}
