using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.FileLocalGenTypeAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN012: a [Gen] method declared in, or naming, a file-local type.</summary>
public class FileLocalGenTypeTests
{
    [Test]
    public Task At_the_first_name_of_a_file_local_type_in_the_body()
    {
        return V.Analyzer("""
            file sealed class Local { public static double One => 1; public static double Two => 2; }
            static partial class M
            {
                [Gen] static double UsesFileType() => {|GEN012:Local|}.One + Local.Two + normal(0, 1).At("x");
            }
            """);
    }

    [Test]
    public Task At_the_name_of_an_enclosing_file_local_type_once()
    {
        // Names in the body that resolve to members of the enclosing type do not repeat the report.
        return V.Analyzer("""
            file static partial class {|GEN012:M|}
            {
                static double Offset => 1;
                [Gen] static double A() => Offset + normal(0, 1).At("x");
            }
            """);
    }

    [Test]
    public Task The_messages_name_the_method_the_type_and_the_fix()
    {
        return V.Analyzer("""
            file sealed class Local { public static double One => 1; }
            file static partial class {|#1:Inner|} { [Gen] static double B() => normal(0, 1).At("x"); }
            static partial class M { [Gen] static double A() => {|#0:Local|}.One + normal(0, 1).At("x"); }
            """,
            V.Error("GEN012").WithLocation(0).WithMessage(
                "the [Gen] method 'A' uses the file-local type 'Local'; its compiled code lives in another file, where file-local types are not visible. Make the type internal."),
            V.Error("GEN012").WithLocation(1).WithMessage(
                "the [Gen] method 'B' is declared in the file-local type 'Inner'; its compiled code lives in another file, where file-local types are not visible. Make the type internal."));
    }

    [Test]
    public Task Quiet_for_internal_types_and_for_file_local_types_outside_Gen_methods()
    {
        return V.Analyzer("""
            internal sealed class Shared { public static double One => 1; }
            file sealed class Local { public static double One => 1; }
            static partial class M
            {
                [Gen] static double A() => Shared.One + normal(0, 1).At("x");
                static double Plain() => Local.One;
            }
            """);
    }
}
