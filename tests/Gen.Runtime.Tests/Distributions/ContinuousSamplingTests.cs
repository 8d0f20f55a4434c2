using static Gen.Distributions;
using static Gen.Tests.Distributions.SampleStats;
using MN = MathNet.Numerics.Distributions;

namespace Gen.Tests.Distributions;

/// <summary>
/// Samplers of the continuous distributions: N draws with keys <c>new Key(Seed).FoldIn(i)</c>; the sample mean and
/// variance within 5 standard errors of the closed forms (see <see cref="SampleStats"/> for the SE formulas), and the
/// fraction of draws below a few points within 5 SE of the CDF there.
/// </summary>
public class ContinuousSamplingTests
{
    private const int N = 50_000;

    private static double[] Draw(Distribution<double> d) => SampleStats.Draw(d.Sample, N);

    private static void AssertCdf(double[] xs, Func<double, double> cdf, params double[] points)
    {
        Assert.Multiple(() =>
        {
            foreach (var x in points) AssertProportion(xs.Count(v => v <= x), xs.Length, cdf(x), $"P(X <= {x})");
        });
    }

    [Test]
    public void Normal_moments()
    {
        var xs = Draw(normal(1.5, 2));
        AssertMoments(xs, 1.5, 4, 0);
        AssertCdf(xs, x => MN.Normal.CDF(1.5, 2, x), -1, 1.5, 4);
    }

    [Test]
    public void Uniform_moments_and_range()
    {
        var xs = Draw(uniform(-2, 3));
        AssertMoments(xs, 0.5, 25.0 / 12, -1.2);
        AssertCdf(xs, x => (x + 2) / 5, -1.5, 0, 2.9);
        Assert.That(xs, Is.All.InRange(-2.0, 3.0));
    }

    [TestCase(2.0, 5.0)]
    [TestCase(0.5, 0.5)]
    [TestCase(0.1, 0.3)]
    [TestCase(40.0, 15.0)]
    public void Beta_moments(double a, double b)
    {
        var xs = Draw(beta(a, b));
        var s = a + b;
        var variance = a * b / (s * s * (s + 1));
        var kurtosis = 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3));
        AssertMoments(xs, a / s, variance, kurtosis);
        var median = MN.Beta.InvCDF(a, b, 0.5);
        AssertCdf(xs, x => MN.Beta.CDF(a, b, x), median / 4, median, (1 + median) / 2);
        Assert.That(xs, Is.All.InRange(0.0, 1.0));
    }

    [TestCase(0.3, 2.0)]
    [TestCase(1.0, 1.5)]
    [TestCase(4.5, 0.5)]
    [TestCase(50.0, 0.1)]
    [TestCase(0.05, 3.0)]
    public void Gamma_moments_with_scale(double shape, double scale)
    {
        var xs = Draw(gamma(shape, scale));
        // mean kθ, variance kθ², excess kurtosis 6/k.
        AssertMoments(xs, shape * scale, shape * scale * scale, 6 / shape);
        var median = MN.Gamma.InvCDF(shape, 1 / scale, 0.5);
        AssertCdf(xs, x => MN.Gamma.CDF(shape, 1 / scale, x), median / 10, median, median * 3);
    }

    [Test]
    public void Exponential_moments()
    {
        var xs = Draw(exponential(2.5));
        AssertMoments(xs, 0.4, 0.16, 6);
        AssertCdf(xs, x => 1 - Math.Exp(-2.5 * x), 0.05, 0.3, 1.5);
    }

    [Test]
    public void Laplace_moments()
    {
        var xs = Draw(laplace(-1, 0.7));
        AssertMoments(xs, -1, 2 * 0.49, 3);
        AssertCdf(xs, x => MN.Laplace.CDF(-1, 0.7, x), -2.5, -1, -0.2);
    }

    [Test]
    public void Cauchy_quantiles()
    {
        // No mean: the fractions below x0 − γ, x0, x0 + γ, x0 + 10γ are 1/4, 1/2, 3/4, 1/2 + atan(10)/π.
        var xs = Draw(cauchy(2, 0.5));
        AssertCdf(xs, x => 0.5 + Math.Atan((x - 2) / 0.5) / Math.PI, 1.5, 2, 2.5, 7);
    }

    [Test]
    public void StudentT_moments()
    {
        // ν = 7: mean mu, variance σ²ν/(ν − 2), excess kurtosis 6/(ν − 4) = 2.
        var xs = Draw(student_t(7, 1, 2));
        AssertMoments(xs, 1, 4 * 7.0 / 5, 2);
        AssertCdf(xs, x => MN.StudentT.CDF(1, 2, 7, x), -2, 1, 5);
    }

    [Test]
    public void StudentT_heavy_tails()
    {
        // ν = 2.5: finite variance ν/(ν − 2) = 5 (so the mean's SE is valid) but infinite kurtosis: mean and CDF only.
        var xs = Draw(student_t(2.5, 0, 1));
        AssertMean(xs, 0, 5);
        AssertCdf(xs, x => MN.StudentT.CDF(0, 1, 2.5, x), -3, 0.5, 2);
        // ν = 0.8 (gamma shape 0.4, the boosted path): no mean; CDF only.
        var ys = Draw(student_t(0.8, 0, 1));
        AssertCdf(ys, x => MN.StudentT.CDF(0, 1, 0.8, x), -10, -1, 0, 0.5, 3);
    }

    [Test]
    public void InverseGamma_moments()
    {
        // α = 6, β = 2: mean β/(α − 1), variance β²/((α − 1)²(α − 2)), excess kurtosis 6(5α − 11)/((α − 3)(α − 4)) = 19.
        var xs = Draw(inverse_gamma(6, 2));
        AssertMoments(xs, 0.4, 4.0 / (25 * 4), 19);
        AssertCdf(xs, x => MN.InverseGamma.CDF(6, 2, x), 0.2, 0.4, 0.8);
    }

    [Test]
    public void InverseGamma_small_shape()
    {
        var xs = Draw(inverse_gamma(0.5, 1));
        AssertCdf(xs, x => MN.InverseGamma.CDF(0.5, 1, x), 0.1, 1, 10, 1000);
    }

    [TestCase(1.0)]
    [TestCase(1.7)]
    public void HalfNormal_moments(double scale)
    {
        // Mean σ√(2/π), variance σ²(1 − 2/π), excess kurtosis 8(π − 3)/(π − 2)².
        var xs = Draw(half_normal(scale));
        AssertMoments(xs, scale * Math.Sqrt(2 / Math.PI), scale * scale * (1 - 2 / Math.PI), 8 * (Math.PI - 3) / Math.Pow(Math.PI - 2, 2));
        AssertCdf(xs, x => MathNet.Numerics.SpecialFunctions.Erf(x / (scale * Math.Sqrt(2))), scale / 4, scale, 2.5 * scale);
        Assert.That(xs, Is.All.GreaterThanOrEqualTo(0.0));
    }

    [Test]
    public void HalfCauchy_quantiles()
    {
        // No mean: the CDF is (2/π) atan(x/γ); γ is the median.
        var xs = Draw(half_cauchy(0.8));
        AssertCdf(xs, x => 2 / Math.PI * Math.Atan(x / 0.8), 0.2, 0.8, 3.2, 40);
        Assert.That(xs, Is.All.GreaterThanOrEqualTo(0.0).And.All.LessThan(double.PositiveInfinity));
    }

    [TestCase(0.3, 0.5)]
    [TestCase(-2.0, 0.25)]
    public void LogNormal_moments(double mu, double sigma)
    {
        // Mean e^(mu + σ²/2), variance (e^σ² − 1)e^(2mu + σ²), excess kurtosis e^4σ² + 2e^3σ² + 3e^2σ² − 6.
        var xs = Draw(lognormal(mu, sigma));
        var s2 = sigma * sigma;
        AssertMoments(xs, Math.Exp(mu + s2 / 2), (Math.Exp(s2) - 1) * Math.Exp(2 * mu + s2),
            Math.Exp(4 * s2) + 2 * Math.Exp(3 * s2) + 3 * Math.Exp(2 * s2) - 6);
        AssertCdf(xs, x => MN.LogNormal.CDF(mu, sigma, x), Math.Exp(mu - sigma), Math.Exp(mu), Math.Exp(mu + 2 * sigma));
        Assert.That(xs, Is.All.GreaterThan(0.0));
    }

    // Mean, variance, excess kurtosis and quartiles computed with mpmath (quadrature at 40 digits). The cases cover
    // every branch of the sampler: around 0 with a uniform proposal (−0.5, 1), around 0 with normal draws (−1, 2),
    // (0, ∞) after standardising; one-sided tails with the exponential proposal, up to lo = mu + 40σ; a short interval
    // in the tail (uniform proposal); the left tail by symmetry.
    [TestCase(0.0, 1.0, -0.5, 1.0, 0.206631218061533, 0.17277325908649325, -1.1021705138976681, -0.14656081954264299, 0.18896823220577513, 0.54796765632215948)]
    [TestCase(0.0, 1.0, -1.0, 2.0, 0.22963717909132897, 0.51976253921153394, -0.71982754207710341, -0.34964142929246547, 0.17116391801782477, 0.74744072396405922)]
    [TestCase(1.0, 2.0, 0.0, double.PositiveInfinity, 2.018320867674067, 1.9447017427854684, 0.37301301869800894, 0.90673544953920378, 1.7937423501790891, 2.8858032227177519)]
    [TestCase(0.0, 1.0, 0.5, double.PositiveInfinity, 1.1410777703680645, 0.26848040715587895, 1.4290982118716876, 0.73423371577644248, 1.0182955159602791, 1.4246141435023123)]
    [TestCase(0.0, 1.0, 3.0, double.PositiveInfinity, 3.2830986549304365, 0.070559186785268117, 3.8023845084180574, 3.0865634828351757, 3.2051549205989332, 3.3995578444761614)]
    [TestCase(0.0, 1.0, 10.0, double.PositiveInfinity, 10.098093233962512, 0.0094453778256562612, 5.5803723236650452, 10.02844905536923, 10.068411836081429, 10.136370593869968)]
    [TestCase(0.0, 1.0, 40.0, double.PositiveInfinity, 40.024968847207264, 0.00062266837859138877, 5.9702735585368263, 40.007186920337577, 40.017314126764651, 40.034620774855168)]
    [TestCase(2.0, 1.0, 3.0, 3.2, 3.0963411630355755, 0.003320870398522559, -1.190634172348382, 3.0460938248106298, 3.0945246916233852, 3.145669007281314)]
    [TestCase(0.0, 1.0, double.NegativeInfinity, -5.0, -5.1865039671258421, 0.032696434617112225, 4.7591828604083536, -5.2609336048211602, -5.1320183320442985, -5.0551834053591369)]
    [TestCase(-1.0, 0.5, -1.2, -0.3, -0.80985213703624945, 0.058567909111328621, -0.98435104912083899, -1.0147354307689326, -0.83154079110937764, -0.62132972218399476)]
    public void TruncatedNormal_moments_and_quartiles(double mu, double sigma, double lo, double hi,
        double mean, double variance, double kurtosis, double q1, double median, double q3)
    {
        var xs = Draw(truncated_normal(mu, sigma, lo, hi));
        AssertMoments(xs, mean, variance, kurtosis);
        Assert.Multiple(() =>
        {
            AssertProportion(xs.Count(x => x <= q1), N, 0.25, "P(X <= q1)");
            AssertProportion(xs.Count(x => x <= median), N, 0.5, "P(X <= median)");
            AssertProportion(xs.Count(x => x <= q3), N, 0.75, "P(X <= q3)");
        });
        Assert.That(xs, Is.All.InRange(lo, hi));
    }

    [Test]
    public void TruncatedNormal_extreme_tail_and_narrow_intervals_stay_inside()
    {
        // lo = mu + 1e5σ: the law is ≈ lo + Exp(rate 1e5)·σ, mean 1e-5σ above lo.
        var far = Draw(truncated_normal(1, 2, 1 + 2e5, double.PositiveInfinity));
        Assert.That(far, Is.All.GreaterThanOrEqualTo(1 + 2e5));
        AssertMean(far.Select(x => (x - (1 + 2e5)) / 2).ToArray(), 1e-5, 1e-10);
        var narrow = Draw(truncated_normal(0, 1, 1, 1 + 1e-8));
        Assert.That(narrow, Is.All.InRange(1.0, 1 + 1e-8));
        var left = Draw(truncated_normal(0, 1, double.NegativeInfinity, -40));
        Assert.That(left, Is.All.LessThanOrEqualTo(-40.0));
        AssertMean(left, -40.024968847207264, 0.00062266837859138877);
    }

    [Test]
    public void PiecewiseUniform_moments_and_bins()
    {
        double[] bounds = [-1, 0, 2, 2.5, 6];
        double[] probs = [0.1, 0.4, 0.0, 0.5];
        var xs = Draw(piecewise_uniform(bounds, probs));
        // Mixture of uniforms: E X = Σ pᵢ(lᵢ + uᵢ)/2, E X² = Σ pᵢ(lᵢ² + lᵢuᵢ + uᵢ²)/3, μ₄ = Σ pᵢ((uᵢ − m)⁵ − (lᵢ − m)⁵)/(5wᵢ).
        var bins = Enumerable.Range(0, probs.Length).Select(i => (P: probs[i], L: bounds[i], U: bounds[i + 1])).ToArray();
        var mean = bins.Sum(b => b.P * (b.L + b.U) / 2);
        var variance = bins.Sum(b => b.P * (b.L * b.L + b.L * b.U + b.U * b.U) / 3) - mean * mean;
        var mu4 = bins.Sum(b => b.P * (Math.Pow(b.U - mean, 5) - Math.Pow(b.L - mean, 5)) / (5 * (b.U - b.L)));
        AssertMoments(xs, mean, variance, mu4 / (variance * variance) - 3);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < bins.Length; i++)
                AssertProportion(xs.Count(x => x > bins[i].L && x <= bins[i].U), N, bins[i].P, $"P(bin {i})");
            AssertCdf(xs, x => x <= 0 ? 0.1 * (x + 1) : 0.1 + 0.2 * x, -0.5, 1);
        });
        Assert.That(xs, Is.All.GreaterThan(-1.0).And.All.LessThan(6.0));
    }
}
