using static Gen.Distributions;

namespace Gen.Tests.Inference;

/// <summary>
/// Models whose density cannot be evaluated everywhere a proposal may go: a scale that a random walk or a prior can
/// push below zero, which then parameterises <c>normal(0, s)</c> (an <see cref="ArgumentOutOfRangeException"/>), and an
/// integer division by a choice that can be zero (an <see cref="ArithmeticException"/>).
/// </summary>
public static partial class RejectionModels
{
    public static readonly double[] Quarters = [0.25, 0.25, 0.25, 0.25];

    /// <summary>s ~ exponential(1); y_j ~ N(0, s²) for j &lt; n. Every s &gt; 0 is fine; s ≤ 0 makes normal(0, s) throw.</summary>
    [Gen]
    public static double Scale(int n)
    {
        var s = exponential(1).At("s");
        for (var j = 0; j < n; j++) normal(0, s).At("y", j);
        return s;
    }

    /// <summary>s ~ N(center, 1); y_j ~ N(0, s²): the prior itself puts mass on s ≤ 0, where the model throws.</summary>
    [Gen]
    public static double SignedScale(double center, int n)
    {
        var s = normal(center, 1).At("s");
        for (var j = 0; j < n; j++) normal(0, s).At("y", j);
        return s;
    }

    /// <summary>A random-walk proposal for "s": symmetric, and free to propose negative values.</summary>
    [Gen]
    public static double ScaleDrift(Trace<double> trace, double width) => normal(trace.Get<double>("s"), width).At("s");

    /// <summary>An importance proposal for "s" that proposes negative values now and then.</summary>
    [Gen]
    public static double ScaleGuess(double mean, double sd) => normal(mean, sd).At("s");

    /// <summary>One step of a stochastic-volatility-like model: s_t ~ N(s_{t-1}, 0.5²), y_t ~ N(0, s_t²).</summary>
    [Gen]
    public static double VolatilityStep(int t, double previous)
    {
        var s = normal(previous, 0.5).At("s");
        normal(0, s).At("y");
        return s;
    }

    /// <summary>A proposal for step t's scale (at the Scan address (t, "s")) around the previous one.</summary>
    [Gen]
    public static double VolatilityProposal(double previous, int t) => normal(previous, 0.8).At((t, "s"));

    /// <summary>A random-walk rejuvenation proposal for step t's scale.</summary>
    [Gen]
    public static double VolatilityDrift(Trace<double[]> trace, int t) => normal(trace.Get<double>((t, "s")), 1.0).At((t, "s"));

    /// <summary>k uniform on {0, 1, 2, 3}; y ~ N(0, k²): k = 0 cannot be evaluated.</summary>
    [Gen]
    public static int Spread()
    {
        var k = categorical(Quarters).At("k");
        normal(0, k).At("y");
        return k;
    }

    /// <summary>n uniform on {0, 1, 2, 3}; y ~ N(12 / n, 1) in integer arithmetic: n = 0 divides by zero.</summary>
    [Gen]
    public static int Ratio()
    {
        var n = categorical(Quarters).At("n");
        normal(12 / n, 1).At("y");
        return n;
    }
}
