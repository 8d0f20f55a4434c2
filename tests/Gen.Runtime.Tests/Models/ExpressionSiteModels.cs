using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>
/// Sample sites inside expressions, where lowering must keep C#'s evaluation exactly: nested in another site's
/// parameters or address, in conditional arms, as helper arguments, under short-circuit operators and in initialisers.
/// </summary>
public static partial class ExpressionSiteModels
{
    /// <summary>The mean of one choice is another choice.</summary>
    [Gen]
    public static double Nested() => normal(normal(0, 1).At("mu"), 1).At("x");

    /// <summary>A site in the index of another site's address.</summary>
    [Gen]
    public static double InAddress() => normal(0, 1).At("y", poisson(2).At("k"));

    /// <summary>Only the taken arm of a conditional expression samples.</summary>
    [Gen]
    public static double Conditional() => flip(0.3).At("c") ? normal(0, 1).At("a") : exponential(2).At("b");

    /// <summary>Sites as arguments of helper methods (a library method and one of ours).</summary>
    [Gen]
    public static double HelperArguments() => Math.Exp(normal(0, 1).At("z")) + Add(normal(1, 2).At("u"), gamma(2, 1).At("v"));

    /// <summary>The right operands of &amp;&amp; and || sample only when C# evaluates them.</summary>
    [Gen]
    public static bool ShortCircuit() => (flip(0.5).At("p") && flip(0.25).At("q")) || flip(0.75).At("r");

    /// <summary>Sites in array, object and collection initialisers, evaluated left to right.</summary>
    [Gen]
    public static double Initialisers()
    {
        var pair = new Pair { X = normal(0, 1).At("px"), Y = normal(0, 3).At("py") };
        var array = new[] { uniform(0, 1).At("a0"), uniform(0, 2).At("a1") };
        double[] collection = [beta(2, 3).At("c0"), pair.X + array[1]];
        var tuple = (laplace(0, 1).At("t0"), 2.0);
        return collection[0] + collection[1] + tuple.Item1 + pair.Y;
    }

    /// <summary>A null-coalescing right operand and a switch expression arm.</summary>
    [Gen]
    public static double CoalesceAndSwitch(int which)
    {
        double? missing = which > 5 ? 1.0 : null;
        var first = missing ?? normal(0, 1).At("fallback");
        return first + which switch
        {
            0 => exponential(1).At("zero"),
            _ => uniform(0, 1).At("other"),
        };
    }

    private static double Add(double a, double b) => a + b;

    public sealed class Pair
    {
        public double X { get; set; }
        public double Y { get; set; }
    }
}
