using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.GpuFoldedConstantsAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN018: two constants of one floating-point expression in a [Gen] body that ILGPU folds into one on a GPU.</summary>
public class GpuFoldedConstantsTests
{
    [Test]
    public Task Each_form_the_builder_folds()
    {
        return V.Analyzer("""
            public static partial class Models
            {
                private const double Shift = 0.2;

                [Gen]
                public static double M(double x)
                {
                    var a = {|GEN018:x + 0.1 + Shift|};
                    var b = {|GEN018:0.3 + (x + 0.1)|};
                    var c = {|GEN018:x - 0.1 - 0.2|};
                    var d = {|GEN018:1.0 - (2.0 - x)|};
                    var e = {|GEN018:x * 0.1 * 3.0|};
                    var f = {|GEN018:(float)x + 0.1f + 0.7f|};
                    return normal(a + b + c + d + e + f, 1).At("y");
                }
            }
            """);
    }

    [Test]
    public Task Forms_that_keep_their_rounding_are_not_reported()
    {
        return V.Analyzer("""
            public static partial class Models
            {
                [Gen]
                public static double M(double x, int i)
                {
                    var exact = x * 0.5 * 3.0;          // a power of two: reassociating it is exact
                    var mixed = x - 0.1 + 0.2;          // a subtraction then an addition: left alone
                    var left = (0.1 - x) - 0.2;         // the constant on the other side
                    var line = 0.5 + 1.5 * x + 2.5 * x * x;
                    var constant = 1.0 + 2.0 + 3.0;     // folded by C# itself, on both sides
                    var integers = i + 1 + 2;           // integer arithmetic reassociates exactly
                    var kept = PortableMath.Opaque(x + 0.1) + 0.2;
                    return normal(exact + mixed + left + line + constant + integers + kept, 1).At("y");
                }

                public static double NotAModel(double x) => x + 0.1 + 0.2;
            }
            """);
    }

    [Test]
    public Task Through_locals_assigned_once()
    {
        return V.Analyzer("""
            public static partial class Models
            {
                [Gen]
                public static double M(double x)
                {
                    var half = 0.5 * x;
                    var w = 1.0 - half;
                    var lost = {|GEN018:1.0 - w|} - half;   // PortableMath's cosine error term, as ILGPU folded it
                    var shifted = x + 0.1;
                    var copy = shifted;
                    var again = {|GEN018:copy + 0.2|};
                    var c = 0.3;
                    var viaLocal = {|GEN018:x + 0.1 + c|};
                    var m = x + 0.1;
                    m = m * 2.5;
                    var reassigned = m + 0.2;                // m is no longer x + 0.1
                    var total = 0.0;
                    for (var i = 0; i < 3; i++) total += 0.1;
                    var counted = total + 0.2;               // total is written in the loop
                    return normal(lost + again + viaLocal + reassigned + counted, 1).At("y");
                }
            }
            """);
    }

    [Test]
    public Task The_message_quotes_the_expression()
    {
        return V.Analyzer("""
            public static partial class Models
            {
                [Gen]
                public static double M(double x) => normal({|#0:x - 0.1 - 0.2|}, 1).At("y");
            }
            """,
            V.Diagnostic("GEN018").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(0).WithArguments("x - 0.1 - 0.2"));
    }
}
