using static Gen.Combinators;
using static Gen.Distributions;

namespace Gen.Samples.CurveFitting;

/// <summary>
/// Curve fitting with outliers, the classic Gen tutorial: a quadratic through the data, each point either an inlier
/// near the curve or an outlier from a broad distribution, with a latent flag per point.
/// </summary>
public static partial class Curve
{
    /// <summary>The spread of outliers around zero.</summary>
    public const double OutlierSd = 5;

    /// <summary>
    /// One data point: an outlier flag ~ Bernoulli(probOutlier) at "outlier", then y at "y": N(curve(x), noise) for an
    /// inlier, N(0, 5) for an outlier.
    /// </summary>
    [Gen]
    public static double Point(double x, double[] coefficients, double probOutlier, double noise)
    {
        var outlier = flip(probOutlier).At("outlier");
        var mean = coefficients[0] + coefficients[1] * x + coefficients[2] * x * x;
        return outlier ? normal(0, OutlierSd).At("y") : normal(mean, noise).At("y");
    }

    /// <summary>
    /// The model: coefficients c0, c1, c2, the outlier rate and the inlier noise, then the points mapped with Vmap at
    /// ("data", i, "outlier") and ("data", i, "y").
    /// </summary>
    [Gen]
    public static double[] Model(double[] xs)
    {
        double[] coefficients = [normal(0, 2).At("c0"), normal(0, 2).At("c1"), normal(0, 1).At("c2")];
        var probOutlier = uniform(0, 0.5).At("prob_outlier");
        var noise = gamma(2, 0.1).At("noise");
        return Vmap((double x) => PointGen(x, coefficients, probOutlier, noise), xs).At("data");
    }

    /// <summary>A random-walk proposal for one parameter, for Metropolis-Hastings with a custom proposal.</summary>
    [Gen]
    public static double Drift(Trace<double[]> trace, string address, double step) => normal(trace.Get<double>(address), step).At(address);
}
