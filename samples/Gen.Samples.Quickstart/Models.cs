using Gen;
using static Gen.Distributions;

namespace Gen.Samples.Quickstart;

public static partial class Models
{
    /// <summary>Bayesian linear regression: a slope, an intercept and one noisy observation per x.</summary>
    [Gen]
    public static double Line(double[] xs)
    {
        var slope = normal(0, 1).At("slope");
        var intercept = normal(0, 2).At("intercept");
        for (var i = 0; i < xs.Length; i++)
            normal(slope * xs[i] + intercept, 0.5).At("y", i);
        return slope;
    }
}
