using static Gen.Distributions;
using static Gen.Tests.Distributions.SampleStats;
using MN = MathNet.Numerics.Distributions;

namespace Gen.Tests.Distributions;

/// <summary>
/// Samplers of the discrete distributions: mean and variance within 5 standard errors (see <see cref="SampleStats"/>),
/// the frequencies of several values within 5 SE of a binomial proportion of their masses, and a chi-square
/// goodness of fit of the whole mass function.
/// </summary>
public class DiscreteSamplingTests
{
    private const int N = 50_000;

    /// <summary>Values at mean + j·sd for j in −2 … 2, clipped to [lo, hi].</summary>
    private static IEnumerable<int> AroundMean(double mean, double sd, int lo, int hi) =>
        new[] { -2.0, -1.0, 0.0, 1.0, 2.0 }.Select(j => (int)Math.Clamp(Math.Round(mean + j * sd), lo, hi)).Distinct();

    [TestCase(0.3)]
    [TestCase(0.02)]
    public void Flip_and_bernoulli_frequencies(double p)
    {
        var flips = Draw(flip(p).Sample, N);
        var bernoullis = Draw(bernoulli(p).Sample, N);
        AssertProportion(flips.Count(b => b), N, p, "P(true)");
        Assert.That(bernoullis, Is.EqualTo(flips), "bernoulli draws the same values as flip from the same keys");
    }

    [Test]
    public void Categorical_frequencies()
    {
        double[] probs = [0.1, 0.0, 0.25, 0.65];
        var draws = Draw(categorical(probs).Sample, N);
        AssertMasses(draws, [0, 1, 2, 3], k => probs[k]);
        Assert.That(draws, Is.All.InRange(0, 3));
    }

    [Test]
    public void Categorical_with_many_categories()
    {
        var probs = Enumerable.Range(1, 20).Select(i => i / 210.0).ToArray(); // sums to 1
        var draws = Draw(categorical(probs).Sample, N);
        AssertMoments(draws.ToDoubles(), probs.Select((p, i) => p * i).Sum(),
            probs.Select((p, i) => p * i * i).Sum() - Math.Pow(probs.Select((p, i) => p * i).Sum(), 2), Kurtosis(probs));
        AssertMasses(draws, [0, 10, 19], k => probs[k]);
        AssertChiSquare(draws, k => probs[k], 0, 19);
    }

    private static double Kurtosis(double[] probs)
    {
        var m = probs.Select((p, i) => p * i).Sum();
        var v = probs.Select((p, i) => p * (i - m) * (i - m)).Sum();
        return probs.Select((p, i) => p * Math.Pow(i - m, 4)).Sum() / (v * v) - 3;
    }

    // 0.5, 3.5, 9.99: multiplication method; 10, 50, 1e6: PTRS.
    [TestCase(0.5)]
    [TestCase(3.5)]
    [TestCase(9.99)]
    [TestCase(10.0)]
    [TestCase(50.0)]
    [TestCase(1e6)]
    public void Poisson_moments_and_masses(double rate)
    {
        var draws = Draw(poisson(rate).Sample, N);
        // mean = variance = λ, excess kurtosis 1/λ.
        AssertMoments(draws.ToDoubles(), rate, rate, 1 / rate);
        AssertMasses(draws, AroundMean(rate, Math.Sqrt(rate), 0, int.MaxValue).Append(0).Distinct(), k => MN.Poisson.PMF(rate, k));
        var sd = Math.Sqrt(rate);
        AssertChiSquare(draws, k => MN.Poisson.PMF(rate, k), (int)Math.Max(0, rate - 10 * sd), (int)(rate + 10 * sd + 10));
    }

    // (20, 0.3), (50, 0.95): inversion (the latter counting failures); (30, 0.5), (1000, 0.3), (1000, 0.9), (1e5, 0.5): BTRS.
    [TestCase(20, 0.3)]
    [TestCase(50, 0.95)]
    [TestCase(3, 0.5)]
    [TestCase(30, 0.5)]
    [TestCase(1000, 0.3)]
    [TestCase(1000, 0.9)]
    [TestCase(100_000, 0.5)]
    [TestCase(2_000_000_000, 1e-8)]
    public void Binomial_moments_and_masses(int n, double p)
    {
        var draws = Draw(binomial(n, p).Sample, N);
        var q = 1 - p;
        // mean np, variance npq, excess kurtosis (1 − 6pq)/(npq).
        AssertMoments(draws.ToDoubles(), n * p, n * p * q, (1 - 6 * p * q) / (n * p * q));
        AssertMasses(draws, AroundMean(n * p, Math.Sqrt(n * p * q), 0, n), k => MN.Binomial.PMF(p, n, k));
        var sd = Math.Sqrt(n * p * q);
        AssertChiSquare(draws, k => MN.Binomial.PMF(p, n, k), (int)Math.Max(0, n * p - 10 * sd - 10), (int)Math.Min(n, n * p + 10 * sd + 10));
        Assert.That(draws, Is.All.InRange(0, n));
    }

    [TestCase(0.3)]
    [TestCase(0.9)]
    [TestCase(0.01)]
    public void Geometric_moments_and_masses(double p)
    {
        var draws = Draw(geometric(p).Sample, N);
        var q = 1 - p;
        // Failures before the first success: mean q/p, variance q/p², excess kurtosis 6 + p²/q.
        AssertMoments(draws.ToDoubles(), q / p, q / (p * p), 6 + p * p / q);
        AssertMasses(draws, [0, 1, 2, 5, 50], k => p * Math.Pow(q, k));
        AssertChiSquare(draws, k => p * Math.Pow(q, k), 0, (int)(50 / p));
    }

    [TestCase(-3, 7)]
    [TestCase(0, 2)]
    [TestCase(1000, 1006)]
    public void UniformDiscrete_moments_and_masses(int lo, int hi)
    {
        var draws = Draw(uniform_discrete(lo, hi).Sample, N);
        // n values: mean (lo + hi)/2, variance (n² − 1)/12, excess kurtosis −6(n² + 1)/(5(n² − 1)).
        double n = hi - lo + 1;
        AssertMoments(draws.ToDoubles(), (lo + hi) / 2.0, (n * n - 1) / 12, -6 * (n * n + 1) / (5 * (n * n - 1)));
        AssertMasses(draws, Enumerable.Range(lo, hi - lo + 1), k => 1 / n);
        AssertChiSquare(draws, k => k >= lo && k <= hi ? 1 / n : 0, lo, hi);
        Assert.That(draws, Is.All.InRange(lo, hi));
    }

    [Test]
    public void UniformDiscrete_on_all_ints()
    {
        var draws = Draw(uniform_discrete(int.MinValue, int.MaxValue).Sample, N).ToDoubles();
        var n = Math.Pow(2, 32);
        AssertMoments(draws, -0.5, (n * n - 1) / 12, -1.2);
        AssertProportion(draws.Count(d => d < 0), N, 0.5, "P(X < 0)");
        Assert.That(uniform_discrete(5, 5).Sample(new Key(1)), Is.EqualTo(5));
    }

    // (2.5, 0.3): shape ≥ 1, small Poisson rates; (0.4, 0.05): shape < 1 (boosted gamma), mixed rates;
    // (30, 0.8); (200, 0.02): large rates (PTRS); (1, 0.3): the geometric law.
    [TestCase(2.5, 0.3)]
    [TestCase(0.4, 0.05)]
    [TestCase(30.0, 0.8)]
    [TestCase(200.0, 0.02)]
    [TestCase(1.0, 0.3)]
    public void NegativeBinomial_moments_and_masses(double r, double p)
    {
        var draws = Draw(neg_binom(r, p).Sample, N);
        var q = 1 - p;
        // Mean rq/p, variance rq/p², excess kurtosis 6/r + p²/(rq).
        var mean = r * q / p;
        var variance = r * q / (p * p);
        AssertMoments(draws.ToDoubles(), mean, variance, 6 / r + p * p / (r * q));
        double Pmf(int k) => MN.NegativeBinomial.PMF(r, p, k);
        AssertMasses(draws, AroundMean(mean, Math.Sqrt(variance), 0, int.MaxValue).Append(0).Distinct(), Pmf);
        AssertChiSquare(draws, Pmf, 0, (int)(mean + 15 * Math.Sqrt(variance) + 20));
        Assert.That(neg_binom(3, 1).Sample(new Key(2)), Is.EqualTo(0));
    }
}
