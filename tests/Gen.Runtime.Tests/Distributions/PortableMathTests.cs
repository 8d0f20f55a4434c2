namespace Gen.Tests.Distributions;

/// <summary>
/// PortableMath, the samplers' and densities' log, exp and trigonometric functions of π·x, against .NET's Math: the
/// accuracy docs/gpu.md states, over arguments drawn from a fixed key, and the special values.
/// </summary>
/// <remarks>
/// The references: Math.Log and Math.Exp (within about half an ulp of the true value on this platform); for the
/// trigonometric functions Math.Cos/Sin/Tan of π·x with π·x carried to twice double precision (the second word
/// added through the derivative), since rounding π·x alone would cost the reference up to an ulp itself.
/// </remarks>
public class PortableMathTests
{
    private const int Arguments = 200_000;
    private const double PiLo = 1.2246467991473532e-16; // π − Math.PI

    /// <summary>How many representable doubles lie between <paramref name="a"/> and <paramref name="b"/>.</summary>
    private static long Ulps(double a, double b)
    {
        if (a == b) return 0;
        static long Ordered(double x)
        {
            var bits = BitConverter.DoubleToInt64Bits(x);
            return bits < 0 ? long.MinValue - bits : bits;
        }
        return Math.Abs(Ordered(a) - Ordered(b));
    }

    private static IEnumerable<double> Draws(ulong seed, Func<double, double> argument)
    {
        var key = new Key(seed);
        for (uint j = 0; j < Arguments; j++) yield return argument(key.Uniform(j));
    }

    private static (long Ulps, double At) Worst(IEnumerable<double> arguments, Func<double, double> portable, Func<double, double> reference)
    {
        var worst = (Ulps: 0L, At: double.NaN);
        foreach (var x in arguments)
        {
            var ulps = Ulps(portable(x), reference(x));
            if (ulps > worst.Ulps) worst = (ulps, x);
        }
        return worst;
    }

    private static void AtMost(long bound, (long Ulps, double At) worst, string what)
    {
        TestContext.Out.WriteLine($"{what}: at most {worst.Ulps} ulp");
        Assert.That(worst.Ulps, Is.LessThanOrEqualTo(bound), $"{what}: {worst.Ulps} ulp at {worst.At:R}");
    }

    // cos, sin and tan of π·x with π·x = y + e to about 2⁻¹⁰⁶: f(y + e) ≈ f(y) + f'(y)·e.
    private static double CosOfPiTimes(double x) => Math.Cos(Math.PI * x) - Math.Sin(Math.PI * x) * PiError(x);
    private static double SinOfPiTimes(double x) => Math.Sin(Math.PI * x) + Math.Cos(Math.PI * x) * PiError(x);
    private static double TanOfPiTimes(double x)
    {
        var t = Math.Tan(Math.PI * x);
        return t + (1 + t * t) * PiError(x);
    }

    // What rounding π·x lost: π·x − Math.PI ⊗ x, exactly through FMA, plus x's share of π − Math.PI.
    private static double PiError(double x) => Math.FusedMultiplyAdd(Math.PI, x, -(Math.PI * x)) + PiLo * x;

    [Test]
    public void Opaque_returns_its_argument_bit_for_bit()
    {
        double[] values = [0.0, -0.0, 1.5, -3e-310, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
            BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_1234UL))]; // a NaN with a payload and the sign bit
        foreach (var x in values)
            Assert.That(BitConverter.DoubleToInt64Bits(PortableMath.Opaque(x)), Is.EqualTo(BitConverter.DoubleToInt64Bits(x)), x.ToString("R"));
    }

    [Test]
    public void Log_is_within_one_ulp_of_Math_Log()
    {
        AtMost(1, Worst(Draws(1, u => u), PortableMath.Log, Math.Log), "uniforms in [0, 1)");
        AtMost(1, Worst(Draws(2, u => 1 + (u - 0.5) / 64), PortableMath.Log, Math.Log), "near 1, where log is small");
        AtMost(1, Worst(Draws(3, u => Math.Pow(2, 2000 * u - 1000)), PortableMath.Log, Math.Log), "across the exponents");
        AtMost(1, Worst(Draws(4, u => u * 1e-310), PortableMath.Log, Math.Log), "subnormals");
    }

    [Test]
    public void Exp_is_within_one_ulp_of_Math_Exp()
    {
        AtMost(1, Worst(Draws(5, u => 2 * u - 1), PortableMath.Exp, Math.Exp), "[−1, 1]");
        AtMost(1, Worst(Draws(6, u => -745 + 1454.78 * u), PortableMath.Exp, Math.Exp), "the whole range, subnormal results included");
        AtMost(1, Worst(Draws(7, u => 1e-12 * (u - 0.5)), PortableMath.Exp, Math.Exp), "near 0");
    }

    [Test]
    public void Cos_and_sin_of_pi_x_are_within_two_ulp()
    {
        // The reduction to [0, ¼] is exact, but π·a is rounded once more before the kernel (half an ulp of its own): 2 ulp
        // from a reference that is itself within half an ulp, measured, where cos and sin are near 0 as elsewhere.
        AtMost(2, Worst(Draws(8, u => 4 * u - 2), PortableMath.CosPi, CosOfPiTimes), "cos, [−2, 2]");
        AtMost(2, Worst(Draws(9, u => 4 * u - 2), PortableMath.SinPi, SinOfPiTimes), "sin, [−2, 2]");
        AtMost(2, Worst(Draws(10, u => 2 * u), PortableMath.CosPi, CosOfPiTimes), "cos of Box–Muller's 2u");
    }

    [Test]
    public void Tan_of_pi_x_is_within_three_ulp()
    {
        AtMost(3, Worst(Draws(11, u => u - 0.5), PortableMath.TanPi, TanOfPiTimes), "Cauchy's u − ½");
        AtMost(3, Worst(Draws(12, u => 0.5 * u), PortableMath.TanPi, TanOfPiTimes), "half-Cauchy's u / 2");
    }

    [Test]
    public void Special_values_are_Math_s()
    {
        // The reduction's edges (m = √2 and √½ on either side, powers of two) and the ends of the range.
        var edges = new[] { Math.Sqrt(2), Math.Sqrt(0.5), 0.5, 1024.0, 3.0 * Math.Pow(2, -600) }
            .SelectMany(x => new[] { Math.BitDecrement(x), x, Math.BitIncrement(x) });
        foreach (var x in edges.Concat([double.Epsilon, 2.2250738585072014e-308, 2.0, Math.E, double.MaxValue]))
            Assert.That(Ulps(PortableMath.Log(x), Math.Log(x)), Is.LessThanOrEqualTo(1), $"log {x:R}");
        Assert.That(PortableMath.Log(1.0), Is.EqualTo(0.0));
        Assert.That(double.IsNaN(PortableMath.Log(-1.0)) && double.IsNaN(PortableMath.Log(double.NaN)));
        Assert.That(PortableMath.Log(0.0), Is.EqualTo(double.NegativeInfinity));
        Assert.That(PortableMath.Log(double.PositiveInfinity), Is.EqualTo(double.PositiveInfinity));

        Assert.That(PortableMath.Exp(0.0), Is.EqualTo(1.0));
        Assert.That(PortableMath.Exp(709.78), Is.EqualTo(Math.Exp(709.78)).Within(1).Ulps);
        Assert.That(PortableMath.Exp(710.0), Is.EqualTo(double.PositiveInfinity));
        Assert.That(PortableMath.Exp(-745.1), Is.EqualTo(double.Epsilon), "the least subnormal");
        Assert.That(PortableMath.Exp(-746.0), Is.EqualTo(0.0));
        Assert.That(PortableMath.Exp(double.NegativeInfinity), Is.EqualTo(0.0));
        Assert.That(PortableMath.Exp(double.PositiveInfinity), Is.EqualTo(double.PositiveInfinity));
        Assert.That(double.IsNaN(PortableMath.Exp(double.NaN)));
    }

    [Test]
    public void The_trigonometric_functions_reduce_exactly()
    {
        Assert.That(PortableMath.CosPi(0.0), Is.EqualTo(1.0));
        Assert.That(PortableMath.CosPi(0.5), Is.EqualTo(0.0));
        Assert.That(PortableMath.CosPi(1.0), Is.EqualTo(-1.0));
        Assert.That(PortableMath.CosPi(-3.0), Is.EqualTo(-1.0));
        Assert.That(PortableMath.CosPi(1e17 + 1), Is.EqualTo(1.0), "beyond 2⁵³ every double is an even integer");
        Assert.That(PortableMath.CosPi(1.0 / 3), Is.EqualTo(0.5).Within(1).Ulps);

        Assert.That(BitConverter.DoubleToInt64Bits(PortableMath.SinPi(1.0)), Is.EqualTo(0L), "+0 at positive integers");
        Assert.That(BitConverter.DoubleToInt64Bits(PortableMath.SinPi(-2.0)), Is.EqualTo(BitConverter.DoubleToInt64Bits(-0.0)), "−0 at negative integers");
        Assert.That(PortableMath.SinPi(0.5), Is.EqualTo(1.0));
        Assert.That(PortableMath.SinPi(-1.5), Is.EqualTo(1.0));
        Assert.That(PortableMath.SinPi(1.0 / 6), Is.EqualTo(0.5).Within(1).Ulps);

        Assert.That(PortableMath.TanPi(0.25), Is.EqualTo(1.0));
        Assert.That(PortableMath.TanPi(-0.25), Is.EqualTo(-1.0));
        Assert.That(PortableMath.TanPi(1.25), Is.EqualTo(1.0));
        Assert.That(double.IsInfinity(PortableMath.TanPi(0.5)), "a pole");
        Assert.That(PortableMath.TanPi(3.0), Is.EqualTo(0.0));

        foreach (var f in new Func<double, double>[] { PortableMath.CosPi, PortableMath.SinPi, PortableMath.TanPi })
        {
            Assert.That(double.IsNaN(f(double.NaN)) && double.IsNaN(f(double.PositiveInfinity)) && double.IsNaN(f(double.NegativeInfinity)));
        }
    }
}
