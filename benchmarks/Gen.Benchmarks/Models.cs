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

public static partial class Models
{
    /// <summary>Bayesian linear regression as benchmarks/Gen.Benchmarks.Nuts writes it (posteriordb sblri-blr): beta_k ~ N(0, 10²), sigma ~ N⁺(0, 10²), y_n ~ N(x_n · beta, sigma²).</summary>
    [Gen]
    public static double Regression(double[][] x, int d)
    {
        var beta = new double[d];
        for (var k = 0; k < d; k++) beta[k] = normal(0, 10).At("beta", k);
        var sigma = half_normal(10).At("sigma");
        for (var n = 0; n < x.Length; n++)
        {
            var mean = 0.0;
            for (var k = 0; k < d; k++) mean += x[n][k] * beta[k];
            normal(mean, sigma).At("y", n);
        }
        return sigma;
    }
}
