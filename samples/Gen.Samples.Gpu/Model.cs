using Gen;
using static Gen.Distributions;

namespace Gen.Samples.Gpu;

public static partial class Models
{
    /// <summary>Bayesian linear regression: in the kernel subset (numbers, a loop, normal choices), so it has a GPU kernel.</summary>
    [Gen]
    public static double Line(double[] xs, double noise)
    {
        var slope = normal(0, 1).At("slope");
        var intercept = normal(0, 2).At("intercept");
        for (var i = 0; i < xs.Length; i++)
            normal(slope * xs[i] + intercept, noise).At("y", i);
        return slope;
    }
}
