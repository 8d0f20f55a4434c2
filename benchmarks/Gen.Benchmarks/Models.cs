using static Gen.Distributions;

namespace Gen.Benchmarks;

public static partial class Models
{
    /// <summary>The design's Line model.</summary>
    [Gen]
    public static double Line(double[] xs)
    {
        var slope = normal(0, 1).At("slope");
        var intercept = normal(0, 2).At("intercept");
        for (var i = 0; i < xs.Length; i++)
            normal(slope * xs[i] + intercept, 0.5).At("y", i);
        return slope;
    }

    /// <summary>A 1,000-site model: a Gaussian random walk.</summary>
    [Gen]
    public static double Walk(int steps)
    {
        var x = normal(0, 1).At("x0");
        for (var t = 0; t < steps; t++)
            x = normal(x, 0.3).At("x", t);
        return x;
    }
}
