using static Gen.Distributions;

namespace Gen.Samples.HmcWithinSir;

/// <summary>A line with unknown noise: the scale is a positive parameter, which HMC moves on the log scale.</summary>
public static partial class Regression
{
    /// <summary>slope ~ N(0, 2²), intercept ~ N(0, 2²), noise ~ N⁺(0, 1), y_i ~ N(slope · x_i + intercept, noise²).</summary>
    [Gen]
    public static double Line(double[] xs)
    {
        var slope = normal(0, 2).At("slope");
        var intercept = normal(0, 2).At("intercept");
        var noise = half_normal(1).At("noise");
        for (var i = 0; i < xs.Length; i++) normal(slope * xs[i] + intercept, noise).At("y", i);
        return slope;
    }
}
