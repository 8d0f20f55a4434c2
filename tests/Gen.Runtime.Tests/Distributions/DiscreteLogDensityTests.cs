using static Gen.Distributions;
using MN = MathNet.Numerics.Distributions;
using SF = MathNet.Numerics.SpecialFunctions;

namespace Gen.Tests.Distributions;

/// <summary>Log masses of the discrete distributions against hand formulas and MathNet.</summary>
public class DiscreteLogDensityTests
{
    private const double Tol = 1e-12;

    private static void Same(double actual, double expected) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Tol * Math.Max(1, Math.Abs(expected))));

    [TestCase(0.3)]
    [TestCase(0.999)]
    [TestCase(1e-20)]
    public void Flip_and_bernoulli_score_log_p_and_log_one_minus_p(double p)
    {
        Same(flip(p).LogDensity(true), Math.Log(p));
        Same(flip(p).LogDensity(false), Math.Log(1 - p));
        Same(bernoulli(p).LogDensity(true), MN.Bernoulli.PMFLn(p, 1));
        Same(bernoulli(p).LogDensity(false), MN.Bernoulli.PMFLn(p, 0));
    }

    [Test]
    public void Flip_with_certain_outcome_scores_negative_infinity_for_the_other()
    {
        Assert.That(flip(0).LogDensity(true), Is.EqualTo(double.NegativeInfinity));
        Assert.That(flip(0).LogDensity(false), Is.EqualTo(0.0));
        Assert.That(bernoulli(1).LogDensity(false), Is.EqualTo(double.NegativeInfinity));
        Assert.That(bernoulli(1).LogDensity(true), Is.EqualTo(0.0));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    public void Categorical_scores_log_probability(int k)
    {
        double[] probs = [0.1, 0.2, 0.0, 0.7];
        var expected = probs[k] == 0 ? double.NegativeInfinity : Math.Log(probs[k]);
        Same(categorical(probs).LogDensity(k), expected);
        Same(Categorical.LogDensity(k, probs), MN.Categorical.PMFLn(probs, k));
    }

    [TestCase(-1)]
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(int.MaxValue)]
    public void Categorical_outside_indices_or_at_zero_mass_scores_negative_infinity(int k)
    {
        Assert.That(categorical([0.1, 0.2, 0.0, 0.7]).LogDensity(k), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void Categorical_copies_its_probabilities()
    {
        double[] probs = [0.25, 0.75];
        var d = categorical(probs);
        probs[0] = 0.75;
        probs[1] = 0.25;
        Same(d.LogDensity(0), Math.Log(0.25));
        Assert.That(d.Probs, Is.EqualTo(new[] { 0.25, 0.75 }));
    }

    [TestCase(0, 3.5)]
    [TestCase(4, 3.5)]
    [TestCase(60, 50.0)]
    [TestCase(0, 0.0)]
    [TestCase(1_000_000, 1e6)]
    public void Poisson_matches_hand_formula_and_MathNet(int k, double rate)
    {
        var expected = k == 0 && rate == 0 ? 0.0 : k * Math.Log(rate) - rate - SF.FactorialLn(k);
        Same(poisson(rate).LogDensity(k), expected);
        if (rate > 0) Same(Poisson.LogDensity(k, rate), MN.Poisson.PMFLn(rate, k));
    }

    [Test]
    public void Poisson_outside_support_scores_negative_infinity()
    {
        Assert.That(poisson(2).LogDensity(-1), Is.EqualTo(double.NegativeInfinity));
        Assert.That(poisson(0).LogDensity(1), Is.EqualTo(double.NegativeInfinity));
    }

    [TestCase(0, 10, 0.3)]
    [TestCase(3, 10, 0.3)]
    [TestCase(10, 10, 0.3)]
    [TestCase(700, 1000, 0.7)]
    [TestCase(0, 5, 0.0)]
    [TestCase(5, 5, 1.0)]
    public void Binomial_matches_hand_formula_and_MathNet(int k, int n, double p)
    {
        var expected = SF.BinomialLn(n, k)
            + (k == 0 ? 0 : k * Math.Log(p)) + (n - k == 0 ? 0 : (n - k) * Math.Log(1 - p));
        Same(binomial(n, p).LogDensity(k), expected);
        Same(Binomial.LogDensity(k, n, p), MN.Binomial.PMFLn(p, n, k));
    }

    [TestCase(-1, 10, 0.3)]
    [TestCase(11, 10, 0.3)]
    [TestCase(1, 5, 0.0)]
    [TestCase(4, 5, 1.0)]
    [TestCase(1, 0, 0.5)]
    public void Binomial_outside_support_scores_negative_infinity(int k, int n, double p)
    {
        Assert.That(binomial(n, p).LogDensity(k), Is.EqualTo(double.NegativeInfinity));
    }

    [TestCase(0, 0.3)]
    [TestCase(4, 0.3)]
    [TestCase(100, 0.01)]
    [TestCase(0, 1.0)]
    public void Geometric_counts_failures_before_the_first_success(int k, double p)
    {
        // P(k failures, then a success) = (1 − p)^k p. MathNet's geometric counts trials (support 1, 2, …): k + 1.
        var expected = k == 0 ? Math.Log(p) : k * Math.Log(1 - p) + Math.Log(p);
        Same(geometric(p).LogDensity(k), expected);
        if (p < 1) Same(Geometric.LogDensity(k, p), MN.Geometric.PMFLn(p, k + 1));
    }

    [Test]
    public void Geometric_outside_support_scores_negative_infinity()
    {
        Assert.That(geometric(0.5).LogDensity(-1), Is.EqualTo(double.NegativeInfinity));
        Assert.That(geometric(1).LogDensity(1), Is.EqualTo(double.NegativeInfinity));
    }

    [TestCase(-3, -3, 7)]
    [TestCase(2, -3, 7)]
    [TestCase(7, -3, 7)]
    [TestCase(5, 5, 5)]
    public void UniformDiscrete_scores_minus_log_count(int k, int lo, int hi)
    {
        Same(uniform_discrete(lo, hi).LogDensity(k), -Math.Log(hi - lo + 1));
        Same(UniformDiscrete.LogDensity(k, lo, hi), MN.DiscreteUniform.PMFLn(lo, hi, k));
    }

    [Test]
    public void UniformDiscrete_on_all_ints()
    {
        var d = uniform_discrete(int.MinValue, int.MaxValue);
        Same(d.LogDensity(0), -32 * Math.Log(2));
        Same(d.LogDensity(int.MinValue), -32 * Math.Log(2));
        Same(d.LogDensity(int.MaxValue), -32 * Math.Log(2));
    }

    [TestCase(-4, -3, 7)]
    [TestCase(8, -3, 7)]
    [TestCase(int.MinValue, -3, 7)]
    [TestCase(int.MaxValue, -3, 7)]
    [TestCase(4, 5, 5)]
    public void UniformDiscrete_outside_support_scores_negative_infinity(int k, int lo, int hi)
    {
        Assert.That(uniform_discrete(lo, hi).LogDensity(k), Is.EqualTo(double.NegativeInfinity));
    }

    [TestCase(0, 2.5, 0.3)]
    [TestCase(7, 2.5, 0.3)]
    [TestCase(100, 0.1, 0.01)]
    [TestCase(3, 1.0, 0.4)]
    [TestCase(40, 30.0, 0.8)]
    [TestCase(1000, 1e3, 0.5)]
    public void NegativeBinomial_counts_failures_before_the_r_th_success(int k, double r, double p)
    {
        // Γ(k + r)/(k! Γ(r)) p^r (1 − p)^k, as in Distributions.jl's NegativeBinomial(r, p) and MathNet's.
        var expected = SF.GammaLn(k + r) - SF.GammaLn(r) - SF.FactorialLn(k) + r * Math.Log(p) + k * Math.Log(1 - p);
        Same(neg_binom(r, p).LogDensity(k), expected);
        Same(NegativeBinomial.LogDensity(k, r, p), MN.NegativeBinomial.PMFLn(r, p, k));
    }

    [TestCase(0, 0.3)]
    [TestCase(4, 0.3)]
    [TestCase(100, 0.01)]
    public void NegativeBinomial_with_one_success_is_geometric(int k, double p)
    {
        Same(neg_binom(1, p).LogDensity(k), geometric(p).LogDensity(k));
    }

    [Test]
    public void NegativeBinomial_outside_support_scores_negative_infinity()
    {
        Assert.That(neg_binom(2.5, 0.5).LogDensity(-1), Is.EqualTo(double.NegativeInfinity));
        Assert.That(neg_binom(2.5, 0.5).LogDensity(int.MinValue), Is.EqualTo(double.NegativeInfinity));
        Assert.That(neg_binom(3, 1).LogDensity(1), Is.EqualTo(double.NegativeInfinity));
        Assert.That(neg_binom(3, 1).LogDensity(0), Is.EqualTo(0.0));
    }
}
