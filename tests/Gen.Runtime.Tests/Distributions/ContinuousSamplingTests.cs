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
}
