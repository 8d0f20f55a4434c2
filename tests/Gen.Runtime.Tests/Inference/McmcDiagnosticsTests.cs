using System.Globalization;
using System.IO;
using Gen.Inference;

namespace Gen.Tests.Inference;

/// <summary>
/// <see cref="McmcDiagnostics"/> against Stan's own R code on fixed chains (Data/make_reference.R wrote both the
/// chains and expected.csv): the public functions against posterior 1.4, and, through the internal rank offset, the
/// same computation against rstan 2.21.
/// </summary>
/// <remarks>
/// Tolerance: 1e-12 relative. The algorithms are the same step for step, so what is left is rounding: R sums in long
/// double, computes its FFT with another radix and its qnorm with another approximation (each ~1e-16 relative), and
/// those differences pass through ratios of sums of a few hundred terms. The worst disagreement measured is 5e-15
/// (shifted.ess_bulk); 1e-12 leaves room for that to grow on other platforms while catching any change of algorithm.
/// A loose tolerance would not: the two rank offsets (rstan's 1/2, posterior's 3/8) move ESS by ~1e-3 relative but
/// R-hat by as little as 6e-7 (ar1.rhat), so even 1e-6 could not tell them apart.
/// </remarks>
/// </remarks>
public class McmcDiagnosticsTests
{
    private const double Tolerance = 1e-12;

    private static readonly string DataDirectory = Path.Combine(TestContext.CurrentContext.TestDirectory, "Inference", "Data");

    public sealed record Reference(string Case, string Quantity, double Rstan, double Posterior)
    {
        public override string ToString() => $"{Case}.{Quantity}";
    }

    public static IEnumerable<Reference> References() =>
        File.ReadLines(Path.Combine(DataDirectory, "expected.csv")).Skip(1).Select(line => line.Split(',')).Select(f =>
            new Reference(f[0], f[1], Parse(f[2]), Parse(f[3])));

    private static double Parse(string s) => s == "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    private static double[][] Chains(string name)
    {
        var rows = File.ReadLines(Path.Combine(DataDirectory, $"chains_{name}.csv")).Skip(1)
            .Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        return Enumerable.Range(0, rows[0].Length).Select(c => rows.Select(r => r[c]).ToArray()).ToArray();
    }

    private static double Compute(string quantity, double[][] chains, double rankOffset) => quantity switch
    {
        "ess_bulk" => McmcDiagnostics.EssBulk(chains, rankOffset),
        "ess_tail" => McmcDiagnostics.EssTail(chains),
        "rhat" => McmcDiagnostics.RHat(chains, rankOffset),
        "ess_mean" => McmcDiagnostics.EssMean(chains),
        "mcse_mean" => McmcDiagnostics.McseMean(chains),
        "ess_q05" => McmcDiagnostics.EssQuantile(chains, 0.05),
        "ess_q95" => McmcDiagnostics.EssQuantile(chains, 0.95),
        "rhat_basic" => McmcDiagnostics.RHatBasic(chains),
        _ => throw new ArgumentException($"Unknown quantity {quantity} in expected.csv."),
    };

    private static void AssertAgrees(double expected, double actual, string what)
    {
        if (double.IsNaN(expected))
            Assert.That(actual, Is.NaN, what);
        else
            Assert.That(actual, Is.EqualTo(expected).Within(Tolerance * Math.Abs(expected)), what);
    }

    [TestCaseSource(nameof(References))]
    public void AgreesWithPosterior(Reference reference)
    {
        var chains = Chains(reference.Case);
        var actual = reference.Quantity switch
        {
            "ess_bulk" => McmcDiagnostics.EssBulk(chains),
            "rhat" => McmcDiagnostics.RHat(chains),
            _ => Compute(reference.Quantity, chains, McmcDiagnostics.BlomOffset),
        };
        AssertAgrees(reference.Posterior, actual, $"posterior::{reference.Quantity} of {reference.Case}");
    }

    [TestCaseSource(nameof(References))]
    public void AgreesWithRstan221(Reference reference)
    {
        var actual = Compute(reference.Quantity, Chains(reference.Case), McmcDiagnostics.Rstan221Offset);
        AssertAgrees(reference.Rstan, actual, $"rstan::{reference.Quantity} of {reference.Case}");
    }

    [Test]
    public void ReferenceSetIsComplete()
    {
        var references = References().ToList();
        Assert.That(references.Select(r => r.Case).Distinct().Count(), Is.GreaterThanOrEqualTo(3));
        Assert.That(references.Any(r => r.Case == "shifted" && r.Quantity == "rhat" && r.Posterior > 1.1), "a case with R-hat far above 1");
    }

    private static double[][] Ar1(int chains, int draws, double phi, ulong seed)
    {
        var random = new System.Random((int)seed);
        return Enumerable.Range(0, chains).Select(_ =>
        {
            var x = new double[draws];
            double previous = 0;
            for (var i = 0; i < draws; i++)
            {
                var u1 = 1 - random.NextDouble();
                var e = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble());
                x[i] = previous = phi * previous + e;
            }
            return x;
        }).ToArray();
    }

    [Test]
    public void AutocovarianceByFftEqualsTheDirectSum()
    {
        foreach (var n in new[] { 3, 7, 250, 333 })
        {
            var x = Ar1(1, n, 0.8, (ulong)n)[0];
            var mean = x.Average();
            var fft = DrawStatistics.Autocovariance(x);
            for (var lag = 0; lag < n; lag++)
            {
                var direct = 0.0;
                for (var i = 0; i + lag < n; i++) direct += (x[i] - mean) * (x[i + lag] - mean);
                direct /= n;
                Assert.That(fft[lag], Is.EqualTo(direct).Within(1e-12 * fft[0]), $"n = {n}, lag {lag}");
            }
        }
    }

    [Test]
    public void IndependentDrawsHaveAnEssNearTheirNumber()
    {
        var chains = Ar1(4, 1000, 0, 7);
        Assert.That(McmcDiagnostics.EssBulk(chains), Is.InRange(3400, 4600));
        Assert.That(McmcDiagnostics.EssMean(chains), Is.InRange(3400, 4600));
        Assert.That(McmcDiagnostics.RHat(chains), Is.LessThan(1.01));
    }

    [Test]
    public void ConstantDrawsGiveNaN()
    {
        double[][] chains = [Enumerable.Repeat(2.5, 100).ToArray(), Enumerable.Repeat(2.5, 100).ToArray()];
        Assert.That(McmcDiagnostics.EssBulk(chains), Is.NaN);
        Assert.That(McmcDiagnostics.EssTail(chains), Is.NaN);
        Assert.That(McmcDiagnostics.RHat(chains), Is.NaN);
        Assert.That(McmcDiagnostics.RHatBasic(chains), Is.NaN);
        Assert.That(McmcDiagnostics.EssMean(chains), Is.NaN);
        Assert.That(McmcDiagnostics.McseMean(chains), Is.NaN);
    }

    [Test]
    public void NonFiniteDrawsGiveNaN()
    {
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var chains = Ar1(2, 50, 0.3, 3);
            chains[1][17] = bad;
            Assert.That(McmcDiagnostics.EssBulk(chains), Is.NaN, $"{bad}");
            Assert.That(McmcDiagnostics.EssTail(chains), Is.NaN, $"{bad}");
            Assert.That(McmcDiagnostics.RHat(chains), Is.NaN, $"{bad}");
            Assert.That(McmcDiagnostics.McseMean(chains), Is.NaN, $"{bad}");
        }
    }

    [Test]
    public void FourOrFiveDrawsGiveRHatButNoEss()
    {
        foreach (var n in new[] { 4, 5 })
        {
            var chains = Ar1(4, n, 0.3, 11);
            Assert.That(McmcDiagnostics.RHat(chains), Is.GreaterThan(0).And.Not.NaN, $"{n} draws");
            Assert.That(McmcDiagnostics.EssBulk(chains), Is.NaN, $"{n} draws");
            Assert.That(McmcDiagnostics.EssMean(chains), Is.NaN, $"{n} draws");
        }
    }

    [Test]
    public void InvalidChainsAreArgumentExceptionsNamingTheProblem()
    {
        var tooShort = Assert.Throws<ArgumentException>(() => McmcDiagnostics.EssBulk([[1.0, 2, 3], [4.0, 5, 6]]));
        Assert.That(tooShort!.Message, Does.Contain("at least 4 draws"));
        Assert.That(tooShort.ParamName, Is.EqualTo("chains"));

        var unequal = Assert.Throws<ArgumentException>(() => McmcDiagnostics.RHat([[1.0, 2, 3, 4, 5], [1.0, 2, 3, 4]]));
        Assert.That(unequal!.Message, Does.Contain("same number of draws").And.Contain("chain 1 has 4"));

        var none = Assert.Throws<ArgumentException>(() => McmcDiagnostics.EssTail([]));
        Assert.That(none!.Message, Does.Contain("at least one chain"));

        Assert.Throws<ArgumentNullException>(() => McmcDiagnostics.EssMean(null!));
        Assert.Throws<ArgumentNullException>(() => McmcDiagnostics.McseMean([[1.0, 2, 3, 4], null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => McmcDiagnostics.EssQuantile(Ar1(2, 10, 0, 1), 1.5));
    }

    [Test]
    public void ChainsDisagreeingInScaleRaiseRHatThroughTheFoldedDraws()
    {
        var chains = Ar1(4, 500, 0.2, 5);
        foreach (var i in Enumerable.Range(0, 500)) chains[3][i] *= 4;   // same centre, four times the spread
        Assert.That(McmcDiagnostics.RHatBasic(chains), Is.LessThan(1.05), "the classic R-hat misses it");
        Assert.That(McmcDiagnostics.RHat(chains), Is.GreaterThan(1.05), "the folded R-hat sees it");
    }
}
