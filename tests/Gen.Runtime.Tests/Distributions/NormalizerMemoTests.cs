using System.Threading;
using System.Threading.Tasks;
using SF = MathNet.Numerics.SpecialFunctions;

namespace Gen.Tests.Distributions;

/// <summary>The per-thread memo of MathNet's log normalisers: the same bits as MathNet, whatever the order of the calls.</summary>
public class NormalizerMemoTests
{
    // Beta's parameters are checked positive before its density runs; log Γ is also asked at 0, −0 and NaN here.
    private static readonly double[] Shapes = [2.0, 2.0, 0.5, 3.25, 2.0, 1e-300, 1e300, 7.0, 7.0];
    private static readonly double[] Arguments = [.. Shapes, 0.0, -0.0, double.NaN, 0.0];

    [Test]
    public void BetaLn_gives_MathNets_bits_on_repeats_and_alternations()
    {
        foreach (var a in Shapes)
            foreach (var b in Shapes)
            {
                Assert.That(BitConverter.DoubleToInt64Bits(NormalizerMemo.BetaLn(a, b)), Is.EqualTo(BitConverter.DoubleToInt64Bits(SF.BetaLn(a, b))), $"({a}, {b})");
                Assert.That(BitConverter.DoubleToInt64Bits(NormalizerMemo.BetaLn(a, b)), Is.EqualTo(BitConverter.DoubleToInt64Bits(SF.BetaLn(a, b))), $"({a}, {b}) again");
            }
    }

    [Test]
    public void GammaLn_gives_MathNets_bits_on_repeats_and_alternations()
    {
        foreach (var x in Arguments.Concat(Arguments.Reverse()))
        {
            Assert.That(BitConverter.DoubleToInt64Bits(NormalizerMemo.GammaLn(x)), Is.EqualTo(BitConverter.DoubleToInt64Bits(SF.GammaLn(x))), $"{x}");
            Assert.That(BitConverter.DoubleToInt64Bits(NormalizerMemo.GammaLn(x)), Is.EqualTo(BitConverter.DoubleToInt64Bits(SF.GammaLn(x))), $"{x} again");
        }
    }

    [Test]
    public void A_zero_argument_never_hits_the_empty_entry()
    {
        // A thread's memo starts empty (all zero bits): the first call at 0 must still ask MathNet (log Γ(0) = +∞, not 0).
        double gammaLn = 0;
        var fresh = new Thread(() => gammaLn = NormalizerMemo.GammaLn(0.0));
        fresh.Start();
        fresh.Join();
        Assert.That(gammaLn, Is.EqualTo(SF.GammaLn(0.0)));
        Assert.That(gammaLn, Is.Not.EqualTo(0.0));
    }

    [Test]
    public void Threads_never_see_each_others_entries()
    {
        var failures = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var a = 0.5 + (t + i) % 5;
                var b = 1.5 + (t * 3 + i) % 7;
                if (BitConverter.DoubleToInt64Bits(NormalizerMemo.BetaLn(a, b)) != BitConverter.DoubleToInt64Bits(SF.BetaLn(a, b))
                    || BitConverter.DoubleToInt64Bits(NormalizerMemo.GammaLn(b)) != BitConverter.DoubleToInt64Bits(SF.GammaLn(b)))
                    Interlocked.Increment(ref failures);
            }
        });
        Assert.That(failures, Is.Zero);
    }
}
