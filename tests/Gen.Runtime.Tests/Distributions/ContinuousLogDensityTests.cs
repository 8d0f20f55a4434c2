using static Gen.Distributions;
using MN = MathNet.Numerics.Distributions;
using SF = MathNet.Numerics.SpecialFunctions;

namespace Gen.Tests.Distributions;

/// <summary>Log densities of the continuous scalar distributions against hand formulas and MathNet.</summary>
public class ContinuousLogDensityTests
{
    private const double Tol = 1e-12;

    private static void Same(double actual, double expected) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Tol * Math.Max(1, Math.Abs(expected))));

    [TestCase(0.0, 0.0, 1.0)]
    [TestCase(1.7, -0.3, 2.5)]
    [TestCase(-40.0, 3.0, 0.1)]
    public void Normal_matches_hand_formula_and_MathNet(double x, double mu, double sigma)
    {
        var z = (x - mu) / sigma;
        Same(normal(mu, sigma).LogDensity(x), -0.5 * z * z - Math.Log(sigma * Math.Sqrt(2 * Math.PI)));
        Same(Normal.LogDensity(x, mu, sigma), MN.Normal.PDFLn(mu, sigma, x));
    }

    [TestCase(0.5, 0.0, 1.0)]
    [TestCase(-2.0, -3.0, 4.0)]
    [TestCase(4.0, -3.0, 4.0)]
    [TestCase(-3.0, -3.0, 4.0)]
    public void Uniform_matches_hand_formula_and_MathNet(double x, double lo, double hi)
    {
        Same(uniform(lo, hi).LogDensity(x), -Math.Log(hi - lo));
        Same(Uniform.LogDensity(x, lo, hi), MN.ContinuousUniform.PDFLn(lo, hi, x));
    }

    [TestCase(0.3, 2.0, 5.0)]
    [TestCase(0.9, 0.5, 0.5)]
    [TestCase(0.01, 1.0, 3.0)]
    [TestCase(0.5, 30.0, 12.5)]
    public void Beta_matches_hand_formula_and_MathNet(double x, double a, double b)
    {
        var expected = (a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - SF.BetaLn(a, b);
        Same(beta(a, b).LogDensity(x), expected);
        Same(Beta.LogDensity(x, a, b), MN.Beta.PDFLn(a, b, x));
    }

    [Test]
    public void Beta_at_the_ends_takes_the_density_limit()
    {
        Same(beta(1, 3).LogDensity(0), Math.Log(3));  // density b(1 − x)^(b−1) at 0
        Same(beta(2, 1).LogDensity(1), Math.Log(2));  // density a·x^(a−1) at 1
        Assert.That(beta(0.5, 2).LogDensity(0), Is.EqualTo(double.PositiveInfinity));
        Assert.That(beta(2, 2).LogDensity(0), Is.EqualTo(double.NegativeInfinity));
        Assert.That(beta(2, 2).LogDensity(1), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void Gamma_takes_shape_and_scale_not_rate()
    {
        // gamma(2, 3) at x = 1: x^(k−1) e^(−x/θ) / (Γ(k) θ^k) = e^(−1/3) / 9.
        Same(gamma(2, 3).LogDensity(1), -1.0 / 3 - Math.Log(9));
    }

    [TestCase(1.0, 2.0, 3.0)]
    [TestCase(0.2, 0.3, 1.0)]
    [TestCase(12.0, 7.5, 0.5)]
    [TestCase(3.0, 1.0, 2.0)]
    public void Gamma_matches_hand_formula_and_MathNet(double x, double shape, double scale)
    {
        var expected = (shape - 1) * Math.Log(x) - x / scale - SF.GammaLn(shape) - shape * Math.Log(scale);
        Same(gamma(shape, scale).LogDensity(x), expected);
        Same(Gamma.LogDensity(x, shape, scale), MN.Gamma.PDFLn(shape, 1 / scale, x));
    }

    [Test]
    public void Gamma_at_zero_takes_the_density_limit()
    {
        Same(gamma(1, 2).LogDensity(0), -Math.Log(2));
        Assert.That(gamma(0.5, 2).LogDensity(0), Is.EqualTo(double.PositiveInfinity));
        Assert.That(gamma(3, 2).LogDensity(0), Is.EqualTo(double.NegativeInfinity));
    }

    [TestCase(0.0, 1.5)]
    [TestCase(2.0, 1.5)]
    [TestCase(0.01, 100.0)]
    public void Exponential_matches_hand_formula_and_MathNet(double x, double rate)
    {
        Same(exponential(rate).LogDensity(x), Math.Log(rate) - rate * x);
        Same(Exponential.LogDensity(x, rate), MN.Exponential.PDFLn(rate, x));
    }

    [TestCase(0.0, 0.0, 1.0)]
    [TestCase(-3.5, 1.0, 2.0)]
    [TestCase(4.0, 1.0, 0.25)]
    public void Laplace_matches_hand_formula_and_MathNet(double x, double mu, double b)
    {
        Same(laplace(mu, b).LogDensity(x), -Math.Log(2 * b) - Math.Abs(x - mu) / b);
        Same(Laplace.LogDensity(x, mu, b), MN.Laplace.PDFLn(mu, b, x));
    }

    [TestCase(0.0, 0.0, 1.0)]
    [TestCase(3.0, -1.0, 0.5)]
    [TestCase(-1e6, 2.0, 3.0)]
    public void Cauchy_matches_hand_formula_and_MathNet(double x, double x0, double g)
    {
        var z = (x - x0) / g;
        Same(cauchy(x0, g).LogDensity(x), -Math.Log(Math.PI * g * (1 + z * z)));
        Same(Cauchy.LogDensity(x, x0, g), MN.Cauchy.PDFLn(x0, g, x));
    }

    [Test]
    public void Cauchy_far_tail_stays_finite()
    {
        // z² would overflow; log density ≈ −log(πγ) − 2 log|z|.
        Same(cauchy(0, 1).LogDensity(1e200), -Math.Log(Math.PI) - 2 * Math.Log(1e200));
    }

    [TestCase(0.0, 3.0, 0.0, 1.0)]
    [TestCase(1.3, 1.0, 0.5, 2.0)]
    [TestCase(-7.0, 4.5, 1.0, 0.3)]
    [TestCase(2.0, 1e4, 0.0, 1.0)]
    public void StudentT_matches_hand_formula_and_MathNet(double x, double nu, double mu, double sigma)
    {
        var z = (x - mu) / sigma;
        var expected = SF.GammaLn((nu + 1) / 2) - SF.GammaLn(nu / 2) - 0.5 * Math.Log(nu * Math.PI) - Math.Log(sigma)
            - (nu + 1) / 2 * Math.Log(1 + z * z / nu);
        Same(student_t(nu, mu, sigma).LogDensity(x), expected);
        Same(StudentT.LogDensity(x, nu, mu, sigma), MN.StudentT.PDFLn(mu, sigma, nu, x));
    }

    [TestCase(1.0, 3.0, 2.0)]
    [TestCase(0.1, 0.5, 1.0)]
    [TestCase(7.0, 10.0, 40.0)]
    public void InverseGamma_matches_hand_formula_and_MathNet(double x, double shape, double scale)
    {
        var expected = shape * Math.Log(scale) - SF.GammaLn(shape) - (shape + 1) * Math.Log(x) - scale / x;
        Same(inverse_gamma(shape, scale).LogDensity(x), expected);
        Same(InverseGamma.LogDensity(x, shape, scale), MN.InverseGamma.PDFLn(shape, scale, x));
    }

    [TestCase(0.0, 1.0)]
    [TestCase(0.7, 2.5)]
    [TestCase(30.0, 0.4)]
    public void HalfNormal_matches_hand_formula_and_MathNet(double x, double scale)
    {
        // Twice the N(0, scale²) density on x ≥ 0.
        Same(half_normal(scale).LogDensity(x), 0.5 * Math.Log(2 / Math.PI) - Math.Log(scale) - x * x / (2 * scale * scale));
        Same(HalfNormal.LogDensity(x, scale), Math.Log(2) + MN.Normal.PDFLn(0, scale, x));
    }

    [TestCase(0.0, 1.0)]
    [TestCase(0.7, 2.5)]
    [TestCase(1e6, 0.3)]
    public void HalfCauchy_matches_hand_formula_and_MathNet(double x, double scale)
    {
        var z = x / scale;
        Same(half_cauchy(scale).LogDensity(x), Math.Log(2 / (Math.PI * scale * (1 + z * z))));
        Same(HalfCauchy.LogDensity(x, scale), Math.Log(2) + MN.Cauchy.PDFLn(0, scale, x));
    }

    [Test]
    public void HalfCauchy_far_tail_stays_finite()
    {
        Same(half_cauchy(1).LogDensity(1e200), Math.Log(2 / Math.PI) - 2 * Math.Log(1e200));
    }

    [TestCase(1.0, 0.0, 1.0)]
    [TestCase(0.05, 0.3, 0.5)]
    [TestCase(250.0, 4.0, 2.0)]
    [TestCase(1e-300, -1.0, 3.0)]
    public void LogNormal_matches_hand_formula_and_MathNet(double x, double mu, double sigma)
    {
        var z = (Math.Log(x) - mu) / sigma;
        Same(lognormal(mu, sigma).LogDensity(x), -0.5 * z * z - Math.Log(x * sigma * Math.Sqrt(2 * Math.PI)));
        Same(LogNormal.LogDensity(x, mu, sigma), MN.LogNormal.PDFLn(mu, sigma, x));
    }

    [TestCase(0.5, 0.0, 1.0, -1.0, 2.0)]
    [TestCase(0.3, 1.0, 2.0, 0.0, double.PositiveInfinity)]
    [TestCase(-3.0, -2.0, 3.0, -50.0, -1.5)]
    [TestCase(0.7, 0.0, 1.0, double.NegativeInfinity, double.PositiveInfinity)]
    [TestCase(5.2, 0.0, 1.0, 5.0, 5.5)]
    [TestCase(10.2, 0.0, 1.0, 10.0, double.PositiveInfinity)]
    public void TruncatedNormal_matches_MathNet(double x, double mu, double sigma, double lo, double hi)
    {
        // φ((x − mu)/σ)/σ divided by the mass Z; MathNet's CDF is accurate here (Z is not tiny relative to the CDFs).
        var z = (lo - mu) / sigma >= 0
            ? 0.5 * (SF.Erfc((lo - mu) / (sigma * Math.Sqrt(2))) - SF.Erfc((hi - mu) / (sigma * Math.Sqrt(2))))
            : MN.Normal.CDF(mu, sigma, hi) - MN.Normal.CDF(mu, sigma, lo);
        Same(truncated_normal(mu, sigma, lo, hi).LogDensity(x), MN.Normal.PDFLn(mu, sigma, x) - Math.Log(z));
    }

    // Reference values computed with mpmath at 50 digits: log φ((x − mu)/σ) − log σ − log Z, Z = Φ(b) − Φ(a).
    [TestCase(0.5, 0.0, 1.0, -1.0, 2.0, -0.84377223888021016183)]
    [TestCase(40.01, 0.0, 1.0, 40.0, double.PositiveInfinity, 3.2894534805491950255)]         // Z ≈ e^−804.6
    [TestCase(503.001, 3.0, 0.5, 503.0, double.PositiveInfinity, 5.6009014595868761929)]      // lo = mu + 1000σ
    [TestCase(100000.000001, 0.0, 1.0, 1e5, double.PositiveInfinity, 11.412926158811914258)] // Z ≈ e^−5e9
    [TestCase(1.000000005, 0.0, 1.0, 1.0, 1.00000001, 18.420680750029836462)]                 // a narrow interval
    [TestCase(-30.05, 0.0, 1.0, double.NegativeInfinity, -30.0, 1.9010554231385030138)]       // the left tail
    [TestCase(1e-6, 0.0, 1.0, -1e-6, 2e-6, 12.716898269296164458)]                            // narrow, around 0
    [TestCase(50.02, 0.0, 1.0, 50.0, 51.0, 2.9122226062150721304)]                            // far and two-sided
    public void TruncatedNormal_is_exact_in_far_tails_and_narrow_intervals(double x, double mu, double sigma, double lo, double hi, double expected)
    {
        Same(TruncatedNormal.LogDensity(x, mu, sigma, lo, hi), expected);
    }

    [TestCase(0.0, 1.0, 10.0, double.PositiveInfinity)]
    [TestCase(0.0, 1.0, 40.0, double.PositiveInfinity)]
    [TestCase(3.0, 0.5, 503.0, double.PositiveInfinity)]
    [TestCase(0.0, 1.0, double.NegativeInfinity, -30.0)]
    [TestCase(0.0, 1.0, 1.0, 1.0001)]
    [TestCase(1.0, 2.0, -0.5, 4.0)]
    public void TruncatedNormal_density_integrates_to_one(double mu, double sigma, double lo, double hi)
    {
        // Composite 20-point Gauss–Legendre over [lo, hi] (a tail cut where the mass left out is below e^−200).
        var d = truncated_normal(mu, sigma, lo, hi);
        var a = (lo - mu) / sigma;
        var b = (hi - mu) / sigma;
        var scale = sigma / Math.Max(1, Math.Min(Math.Abs(a), Math.Abs(b)));
        var from = double.IsNegativeInfinity(lo) ? hi - 200 * scale : lo;
        var to = double.IsPositiveInfinity(hi) ? lo + 200 * scale : hi;
        const int pieces = 400;
        var total = 0.0;
        for (var i = 0; i < pieces; i++)
        {
            var l = from + (to - from) * i / pieces;
            var u = from + (to - from) * (i + 1) / pieces;
            total += MathNet.Numerics.Integration.GaussLegendreRule.Integrate(x => Math.Exp(d.LogDensity(x)), l, u, 20);
        }
        Assert.That(total, Is.EqualTo(1.0).Within(1e-9));
    }

    [Test]
    public void PiecewiseUniform_scores_the_bin_that_holds_the_value()
    {
        // Bins (0, 1], (1, 3], (3, 3.5) as in Gen.jl: each includes its upper end, except the last.
        var d = piecewise_uniform([0, 1, 3, 3.5], [0.2, 0.5, 0.3]);
        Same(d.LogDensity(0.5), Math.Log(0.2));
        Same(d.LogDensity(1.0), Math.Log(0.2));
        Same(d.LogDensity(1.0000001), Math.Log(0.5 / 2));
        Same(d.LogDensity(3.0), Math.Log(0.5 / 2));
        Same(d.LogDensity(3.2), Math.Log(0.3 / 0.5));
        Same(PiecewiseUniform.LogDensity(Math.BitIncrement(0.0), [0, 1, 3, 3.5], [0.2, 0.5, 0.3]), Math.Log(0.2));
        Assert.That(piecewise_uniform([0, 1, 2], [0, 1]).LogDensity(0.5), Is.EqualTo(double.NegativeInfinity));
        Same(piecewise_uniform([-4, 4], [1]).LogDensity(-3), MN.ContinuousUniform.PDFLn(-4, 4, -3));
    }

    private static IEnumerable<TestCaseData> OutOfSupport()
    {
        double[] nonFinite = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        foreach (var x in nonFinite)
        {
            yield return new TestCaseData(normal(0, 1), x).SetArgDisplayNames("normal", x.ToString());
            yield return new TestCaseData(laplace(0, 1), x).SetArgDisplayNames("laplace", x.ToString());
            yield return new TestCaseData(cauchy(0, 1), x).SetArgDisplayNames("cauchy", x.ToString());
            yield return new TestCaseData(student_t(3, 0, 1), x).SetArgDisplayNames("student_t", x.ToString());
        }
        double[] notNonNegative = [-1e-300, -2.0, double.NaN, double.PositiveInfinity];
        foreach (var x in notNonNegative)
        {
            yield return new TestCaseData(half_normal(1), x).SetArgDisplayNames("half_normal", x.ToString());
            yield return new TestCaseData(half_cauchy(1), x).SetArgDisplayNames("half_cauchy", x.ToString());
            yield return new TestCaseData(lognormal(0, 1), x).SetArgDisplayNames("lognormal", x.ToString());
            yield return new TestCaseData(gamma(2, 1), x).SetArgDisplayNames("gamma", x.ToString());
            yield return new TestCaseData(exponential(2), x).SetArgDisplayNames("exponential", x.ToString());
            yield return new TestCaseData(inverse_gamma(2, 1), x).SetArgDisplayNames("inverse_gamma", x.ToString());
        }
        yield return new TestCaseData(inverse_gamma(2, 1), 0.0).SetArgDisplayNames("inverse_gamma", "0");
        yield return new TestCaseData(lognormal(0, 1), 0.0).SetArgDisplayNames("lognormal", "0");
        double[] outsideTruncation = [0.999999, 2.0000001, -5, 1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        foreach (var x in outsideTruncation)
            yield return new TestCaseData(truncated_normal(0.5, 2, 1, 2), x).SetArgDisplayNames("truncated_normal", x.ToString());
        double[] outsideHalfLine = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 39.999];
        foreach (var x in outsideHalfLine)
            yield return new TestCaseData(truncated_normal(0, 1, 40, double.PositiveInfinity), x).SetArgDisplayNames("truncated_normal far tail", x.ToString());
        double[] outsideBins = [0.0, 3.5, -1, 4, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        foreach (var x in outsideBins)
            yield return new TestCaseData(piecewise_uniform([0, 1, 3, 3.5], [0.2, 0.5, 0.3]), x).SetArgDisplayNames("piecewise_uniform", x.ToString());
        double[] outsideUnit = [-0.1, 1.0000001, double.NaN, double.PositiveInfinity];
        foreach (var x in outsideUnit)
        {
            yield return new TestCaseData(beta(2, 3), x).SetArgDisplayNames("beta", x.ToString());
            yield return new TestCaseData(uniform(0, 1), x).SetArgDisplayNames("uniform", x.ToString());
        }
    }

    [TestCaseSource(nameof(OutOfSupport))]
    public void Values_outside_the_support_score_negative_infinity(Distribution<double> d, double x)
    {
        Assert.That(d.LogDensity(x), Is.EqualTo(double.NegativeInfinity));
    }
}
