using SF = MathNet.Numerics.SpecialFunctions;

namespace Gen.Tests.Distributions;

/// <summary>The allocation-free special functions the samplers use, against MathNet.</summary>
public class SamplerMathTests
{
    [TestCase(1.0)]
    [TestCase(2.0)]
    [TestCase(3.5)]
    [TestCase(6.99)]
    [TestCase(7.0)]
    [TestCase(123.25)]
    [TestCase(1e6 + 1)]
    [TestCase(2e9)]
    public void LogGamma_matches_MathNet(double x)
    {
        Assert.That(SamplerMath.LogGamma(x), Is.EqualTo(SF.GammaLn(x)).Within(1e-13 * Math.Max(1, Math.Abs(SF.GammaLn(x)))));
    }

    [TestCase(0)]
    [TestCase(5)]
    [TestCase(9)]
    [TestCase(10)]
    [TestCase(11)]
    [TestCase(1000)]
    public void StirlingTail_is_the_remainder_of_log_factorial(int k)
    {
        // log k! summed term by term (more accurate here than MathNet's FactorialLn, whose ~1e-13 relative error the
        // cancellation below would magnify); the tolerance allows for the cancellation against a value of size log k!.
        var logFactorial = Enumerable.Range(1, k).Sum(i => Math.Log(i));
        var expected = logFactorial - ((k + 0.5) * Math.Log(k + 1) - (k + 1) + 0.5 * Math.Log(2 * Math.PI));
        Assert.That(SamplerMath.StirlingTail(k), Is.EqualTo(expected).Within(1e-14 * Math.Max(10, logFactorial)));
    }

    [TestCase(1e-20)]
    [TestCase(-1e-10)]
    [TestCase(0.3)]
    [TestCase(-0.999)]
    [TestCase(1e300)]
    public void Log1P_is_accurate(double x)
    {
        var expected = Math.Abs(x) < 1e-5 ? x - x * x / 2 : Math.Log(1 + x);
        Assert.That(SamplerMath.Log1P(x), Is.EqualTo(expected).Within(1e-15 * Math.Max(Math.Abs(expected), 1e-300)));
        Assert.That(SamplerMath.Log1P(-1), Is.EqualTo(double.NegativeInfinity));
    }

    [TestCase(100, 0.3, 30, 20)]
    [TestCase(1000, 0.45, 450, 520)]
    [TestCase(100_000, 0.2, 20_000, 19_000)]
    [TestCase(40, 0.5, 20, 0)]
    public void Btrs_log_mass_ratio_is_exact(int n, double p, int m, int k)
    {
        // log(f(k)/f(m)) for the binomial mass f, computed directly.
        var expected = SF.BinomialLn(n, k) - SF.BinomialLn(n, m) + (k - m) * Math.Log(p / (1 - p));
        Assert.That(Binomial.LogMassRatio(n, p, m, k), Is.EqualTo(expected).Within(1e-9 * Math.Max(1, Math.Abs(expected))));
    }

    // log Φ̄(x) + x²/2 by mpmath at 50 digits, on both sides of the switch to the asymptotic series at 26√2 ≈ 36.77.
    [TestCase(0.0, -0.69314718055994530942)]
    [TestCase(1.0, -1.3410216450092635058)]
    [TestCase(5.0, -2.5649983939887257361)]
    [TestCase(20.0, -3.9171553710972639368)]
    [TestCase(36.76, -4.5240874959907280027)]
    [TestCase(36.78, -4.5246306160403566131)]
    [TestCase(100.0, -5.5242086942050886263)]
    [TestCase(1e10, -23.944789463145129582)]
    public void Scaled_normal_tail_is_accurate(double x, double expected)
    {
        Assert.That(TruncatedNormal.LogScaledTail(x), Is.EqualTo(expected).Within(1e-13 * Math.Abs(expected)));
    }

    // log(Φ̄(a) − Φ̄(b)) + a²/2 by mpmath, on both sides of the switch to quadrature (Φ̄(b)/Φ̄(a) = 0.75).
    [TestCase(0.0, 0.3, -2.1378215958179827755)]
    [TestCase(0.0, 0.33, -2.0456198467182298228)]
    [TestCase(2.0, 2.05, -3.9646603927188211875)]
    [TestCase(2.0, 2.2, -2.7277125303065364719)]
    [TestCase(30.0, 30.01, -5.6703769585859634592)]
    [TestCase(30.0, 30.02, -5.1160632060531122953)]
    [TestCase(50.0, 50.005, -6.3396569967594710904)]
    public void Scaled_normal_mass_of_an_interval_is_accurate(double a, double b, double expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(TruncatedNormal.LogScaledMass(a, b, out var c), Is.EqualTo(expected).Within(1e-13 * Math.Abs(expected)));
            Assert.That(c, Is.EqualTo(a));
            Assert.That(TruncatedNormal.LogScaledMass(-b, -a, out c), Is.EqualTo(expected).Within(1e-13 * Math.Abs(expected)), "mirrored");
            Assert.That(c, Is.EqualTo(a));
        });
    }
}
