using static Gen.Distributions;

namespace Gen.Samples.GaussianProcess;

/// <summary>
/// Gaussian-process regression with its kernel's hyperparameters unknown: y ~ N(0, K + σ²I) with
/// K_ij = α² exp(−(x_i − x_j)² / (2ρ²)), the function integrated out. NUTS moves α, ρ and σ through the gradient of
/// the mv_normal's density in its covariance, which the generator compiles from the loop that fills it.
/// </summary>
public static partial class Gp
{
    [Gen]
    public static double[] Regression(double[] xs)
    {
        var alpha = half_normal(2).At("alpha"); // the signal's standard deviation
        var rho = lognormal(0, 1).At("rho"); // the length-scale
        var sigma = half_normal(0.5).At("sigma"); // the noise's standard deviation
        var n = xs.Length;
        var cov = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var d = xs[i] - xs[j];
                cov[i, j] = alpha * alpha * Math.Exp(-d * d / (2 * rho * rho)) + (i == j ? sigma * sigma : 0);
            }
        return mv_normal(new double[n], cov).At("y");
    }

    /// <summary>The inputs: 20 points spread over [0, 10].</summary>
    public static readonly double[] Xs = Enumerable.Range(0, 20).Select(i => 0.5 * i + 0.25 * Math.Sin(3 * i)).ToArray();

    /// <summary>The data: sin(x) plus N(0, 0.3²) noise drawn from a fixed key, so every run sees the same y.</summary>
    public static double[] Ys(Key key) =>
        Xs.Select((x, i) => Math.Sin(x) + 0.3 * Normal.Sample(key.FoldIn((uint)i), 0, 1)).ToArray();
}
