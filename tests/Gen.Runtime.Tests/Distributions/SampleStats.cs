namespace Gen.Tests.Distributions;

/// <summary>
/// Draws samples with keys <c>new Key(seed).FoldIn(i)</c> from a fixed seed, and checks sample statistics against
/// closed forms within 5 standard errors. With a fixed seed each check is deterministic; 5 SE makes a spurious
/// failure of a correct sampler (probability ~6e-7 per check) practically impossible when a seed is changed.
/// </summary>
internal static class SampleStats
{
    public const ulong Seed = 20_240_611;
    public const double Tolerance = 5.0; // standard errors

    public static T[] Draw<T>(Func<Key, T> sample, int n, ulong seed = Seed)
    {
        var root = new Key(seed);
        var xs = new T[n];
        for (var i = 0; i < n; i++) xs[i] = sample(root.FoldIn((uint)i));
        return xs;
    }

    public static double Mean(IReadOnlyList<double> xs) => xs.Average();

    public static double Variance(IReadOnlyList<double> xs)
    {
        var m = Mean(xs);
        return xs.Sum(x => (x - m) * (x - m)) / (xs.Count - 1);
    }

    /// <summary>The sample mean is within 5 SE of <paramref name="mean"/>, SE = sd/√N (the CLT; needs a finite variance).</summary>
    public static void AssertMean(IReadOnlyList<double> xs, double mean, double variance, string what = "mean")
    {
        var se = Math.Sqrt(variance / xs.Count);
        Assert.That(Mean(xs), Is.EqualTo(mean).Within(Tolerance * se), what);
    }

    /// <summary>
    /// The sample variance is within 5 SE of <paramref name="variance"/>. Var(s²) ≈ (μ₄ − σ⁴)/N = σ⁴(κ + 2)/N with κ the
    /// excess kurtosis (μ₄ = (κ + 3)σ⁴), the standard large-sample result; needs a finite fourth moment.
    /// </summary>
    public static void AssertVariance(IReadOnlyList<double> xs, double variance, double excessKurtosis, string what = "variance")
    {
        var se = variance * Math.Sqrt((excessKurtosis + 2.0) / xs.Count);
        Assert.That(Variance(xs), Is.EqualTo(variance).Within(Tolerance * se), what);
    }

    /// <summary>Mean and variance (see <see cref="AssertMean"/> and <see cref="AssertVariance"/>).</summary>
    public static void AssertMoments(IReadOnlyList<double> xs, double mean, double variance, double excessKurtosis)
    {
        Assert.Multiple(() =>
        {
            AssertMean(xs, mean, variance);
            AssertVariance(xs, variance, excessKurtosis);
        });
    }

    /// <summary>
    /// The fraction of <paramref name="n"/> draws for which an event happened is within 5 SE of its probability
    /// <paramref name="p"/>, SE = √(p(1 − p)/N) (a binomial proportion; exact equality when p is 0 or 1).
    /// </summary>
    public static void AssertProportion(int count, int n, double p, string what)
    {
        var se = Math.Sqrt(p * (1 - p) / n);
        Assert.That((double)count / n, Is.EqualTo(p).Within(Tolerance * se + 1e-12), what);
    }

    /// <summary>Checks the frequency of each value in <paramref name="ks"/> against the mass <paramref name="pmf"/> (see <see cref="AssertProportion"/>).</summary>
    public static void AssertMasses(int[] draws, IEnumerable<int> ks, Func<int, double> pmf)
    {
        Assert.Multiple(() =>
        {
            foreach (var k in ks) AssertProportion(draws.Count(d => d == k), draws.Length, pmf(k), $"P(X = {k})");
        });
    }

    public static double[] ToDoubles(this int[] xs) => xs.Select(x => (double)x).ToArray();

    /// <summary>
    /// Pearson's chi-square goodness of fit of integer draws to the mass <paramref name="pmf"/>: cells are single values
    /// with expected count ≥ 5, and the two tails beyond them are pooled into one cell each. The statistic must stay
    /// below the chi-square quantile at 1 − 1e-6 (a correct sampler fails with probability 1e-6 per check).
    /// </summary>
    public static void AssertChiSquare(int[] draws, Func<int, double> pmf, int lo, int hi)
    {
        var n = draws.Length;
        var counts = draws.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        var cells = new List<(double Observed, double Expected)>();
        double tailObserved = 0, tailExpected = 0;
        for (var k = lo; k <= hi; k++)
        {
            var expected = n * pmf(k);
            var observed = counts.GetValueOrDefault(k);
            if (expected >= 5)
            {
                if (tailExpected > 0) cells.Add((tailObserved, tailExpected));
                tailObserved = tailExpected = 0;
                cells.Add((observed, expected));
            }
            else
            {
                tailObserved += observed;
                tailExpected += expected;
            }
        }
        var outside = draws.Count(d => d < lo || d > hi);
        cells.Add((tailObserved + outside, Math.Max(tailExpected, 1e-300)));
        var statistic = cells.Sum(c => (c.Observed - c.Expected) * (c.Observed - c.Expected) / c.Expected);
        var critical = MathNet.Numerics.Distributions.ChiSquared.InvCDF(cells.Count - 1, 1 - 1e-6);
        Assert.That(statistic, Is.LessThan(critical), $"chi-square statistic over {cells.Count} cells");
    }
}
