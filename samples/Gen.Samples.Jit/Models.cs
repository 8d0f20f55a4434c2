using Gen;
using static Gen.Distributions;

namespace Gen.Samples.Jit;

public static partial class Models
{
    /// <summary>A line through noisy points; returns the slope. The generator adds <c>LineGen(xs)</c>.</summary>
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
