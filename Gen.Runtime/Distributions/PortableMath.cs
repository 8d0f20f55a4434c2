using System;
using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>
/// The logarithm, exponential and the trigonometric functions of π·x that the samplers and densities of the kernel
/// distributions use, written with only the operations IEEE 754 rounds exactly (+, −, ×, ÷ and integer bit operations),
/// no table and no call of a math library. A CPU and a GPU therefore compute them to the same bits — .NET's
/// <see cref="Math"/> and a GPU's math library each have their own last bits, this does not (docs/gpu.md).
/// </summary>
/// <remarks>
/// Accuracy (measured against <see cref="Math"/> over millions of arguments; <c>PortableMathTests</c> checks the bounds):
/// within 1 ulp of <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/>, within 2 ulp of cos(π·x) and sin(π·x)
/// and within 3 ulp of tan(π·x) (π·x is rounded once before the polynomial). The logarithm's polynomial is a
/// Chebyshev fit (error below 2⁻⁵⁷); the others are Taylor series cut where their next term is below 2⁻⁶⁰ of the
/// result on the reduced range.
/// </remarks>
public static class PortableMath
{
    // ln 2 split so that k · Ln2Hi is exact for every exponent k (Ln2Hi has 32 significant bits).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const long SqrtHalfBits = 0x3FE6_A09E_667F_3BCD; // √½ = 0.7071067811865476
    private const double TwoPow54 = 18014398509481984.0;
    private const double RoundingShift = 6755399441055744.0; // 1.5 · 2⁵²
    private const double LogC1 = 0.6666666666666669686164355;
    private const double LogC2 = 0.3999999999989950448979256;
    private const double LogC3 = 0.2857142862597548492145457;
    private const double LogC4 = 0.2222221113479507985507439;
    private const double LogC5 = 0.1818288912526172208026829;
    private const double LogC6 = 0.1533172160055604126862622;
    private const double LogC7 = 0.1461644968504340586042121;

    /// <summary>The natural logarithm: <c>-∞</c> at 0, NaN below 0 and for NaN, <c>+∞</c> at <c>+∞</c>.</summary>
    /// <remarks>Inlined, so that the JIT folds the logarithm of a constant (the log σ of <c>normal(mu, 1)</c>'s density) as it folds Math.Log's.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x)
    {
        if (!(x > 0.0)) return x == 0.0 ? double.NegativeInfinity : double.NaN;
        if (x == double.PositiveInfinity) return x;
        var k = 0;
        if (x < 2.2250738585072014e-308) // subnormal: make it normal first
        {
            x *= TwoPow54;
            k = -54;
        }
        // x = 2^k' · m with m ∈ [√½, √2), without a branch (which random arguments would mispredict): subtracting √½'s
        // bits borrows from the exponent exactly when x's significand is below √2's.
        var bits = BitConverter.DoubleToInt64Bits(x);
        var shifted = bits - SqrtHalfBits;
        k += (int)(shifted >> 52);
        var m = BitConverter.Int64BitsToDouble(bits - (shifted & unchecked((long)0xFFF0_0000_0000_0000UL)));
        // log m = log(1 + f) = f − (f²/2 − s·(f²/2 + R)) with s = f / (2 + f) and R = 2 atanh(s)/s − 2 = Σ 2s²ʲ/(2j + 1),
        // here a near-minimax polynomial in z = s² on [0, 0.0295] (a Chebyshev fit, error below 2⁻⁵⁷ of the result).
        var f = m - 1.0;
        var s = f / (2.0 + f);
        var z = s * s;
        var w = z * z; // odd and even powers of z in two chains, which run side by side
        var r = z * (LogC1 + w * (LogC3 + w * (LogC5 + w * LogC7))) + w * (LogC2 + w * (LogC4 + w * LogC6));
        var halfSquare = 0.5 * f * f;
        var logM = f - (halfSquare - s * (halfSquare + r));
        return k * Ln2Hi + (logM + k * Ln2Lo);
    }

    /// <summary>The exponential: 0 below about −745.13, <c>+∞</c> above about 709.78, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x > 709.782712893384) return double.PositiveInfinity;
        if (x < -745.2) return 0.0;
        // x = k ln 2 + r with |r| ≤ ln 2 / 2, then e^x = 2^k e^r.
        // k = round(x / ln 2), without a branch: adding 1.5 · 2⁵² rounds to an integer (to nearest, as IEEE 754 adds),
        // which the low bits then hold.
        var shifted = x * InvLn2 + RoundingShift;
        var k = (int)BitConverter.DoubleToInt64Bits(shifted);
        var kd = shifted - RoundingShift;
        var hi = x - kd * Ln2Hi; // exact
        var lo = kd * Ln2Lo;
        var r = hi - lo;
        var lost = (hi - r) - lo; // what rounding r lost, added back below
        // e^r = 1 + r + r²·p(r), p the Taylor series (exp(r) − 1 − r)/r² to r¹¹ (1/13!), even and odd powers apart.
        var r2 = r * r;
        var even = 1.0 / 2 + r2 * (1.0 / 24 + r2 * (1.0 / 720 + r2 * (1.0 / 40320 + r2 * (1.0 / 3628800 + r2 * (1.0 / 479001600)))));
        var odd = 1.0 / 6 + r2 * (1.0 / 120 + r2 * (1.0 / 5040 + r2 * (1.0 / 362880 + r2 * (1.0 / 39916800 + r2 * (1.0 / 6227020800)))));
        var p = even + r * odd;
        var e = 1.0 + (r + (r2 * p + lost));
        if (k > 1023) return e * 2.0 * PowerOfTwo(1023);
        if (k < -1022) return e * PowerOfTwo(k + 54) * (1.0 / TwoPow54); // one rounding, into the subnormals
        return e * PowerOfTwo(k);
    }

    /// <summary>cos(π·<paramref name="x"/>), with π·x reduced exactly (no rounding of π·x for large x): 1 for |x| ≥ 2⁵³, NaN for NaN and ±∞.</summary>
    /// <remarks>
    /// Inlined (Box–Muller's cosine): a call left in a kernel form's loop makes the JIT keep the loop's running score and
    /// weight on the stack, as x64 has no callee-saved floating-point registers on Linux.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double CosPi(double x)
    {
        if (!double.IsFinite(x)) return double.NaN;
        var a = Math.Abs(x);
        if (a >= 9007199254740992.0) return 1.0; // an even integer
        a -= 2.0 * (long)(a * 0.5); // into [0, 2), exactly
        if (a > 1.0) a = 2.0 - a;   // cos(π(2 − a)) = cos(πa); now a ∈ [0, 1]
        if (a <= 0.25) return CosKernel(a * Math.PI);
        if (a <= 0.75) return SinKernel((0.5 - a) * Math.PI);
        return -CosKernel((1.0 - a) * Math.PI);
    }

    /// <summary>sin(π·<paramref name="x"/>), reduced exactly: ±0 at the integers, NaN for NaN and ±∞.</summary>
    public static double SinPi(double x)
    {
        if (!double.IsFinite(x)) return double.NaN;
        var a = Math.Abs(x);
        var negative = x < 0;
        if (a >= 4503599627370496.0) return negative ? -0.0 : 0.0; // an integer
        a -= 2.0 * (long)(a * 0.5); // into [0, 2)
        if (a >= 1.0)               // sin(π(a − 1)) = −sin(πa)
        {
            a -= 1.0;
            negative = !negative;
        }
        if (a > 0.5) a = 1.0 - a;   // sin(π(1 − a)) = sin(πa); now a ∈ [0, 1/2]
        if (a == 0.0) return BitConverter.DoubleToInt64Bits(x) < 0 ? -0.0 : 0.0; // at the integers (and ±0) the sign is x's, as IEEE 754's sinPi
        var s = a <= 0.25 ? SinKernel(a * Math.PI) : CosKernel((0.5 - a) * Math.PI);
        return negative ? -s : s;
    }

    /// <summary>tan(π·<paramref name="x"/>), reduced exactly: <c>±∞</c> at odd multiples of ½, NaN for NaN and ±∞.</summary>
    public static double TanPi(double x)
    {
        if (!double.IsFinite(x)) return double.NaN;
        var t = Math.Abs(x) >= 4503599627370496.0 ? 0.0 : x - (long)x; // period 1: into (−1, 1) exactly (|x| ≥ 2⁵² is an integer)
        if (t > 0.5) t -= 1.0;
        else if (t < -0.5) t += 1.0;
        var a = Math.Abs(t); // a ∈ [0, 1/2]
        double tan;
        if (a == 0.25) tan = 1.0; // exactly, where the kernels' quotient would round below it
        else if (a < 0.25)
        {
            var y = a * Math.PI;
            tan = SinKernel(y) / CosKernel(y);
        }
        else
        {
            var y = (0.5 - a) * Math.PI; // tan(π/2 − θ) = cos θ / sin θ
            tan = CosKernel(y) / SinKernel(y);
        }
        return t < 0 ? -tan : tan;
    }

    /// <summary>sin y for |y| ≤ π/4: the Taylor series to y¹⁹.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SinKernel(double y)
    {
        var z = y * y;
        var p = -1.0 / 121645100408832000; // −1/19!
        p = p * z + 1.0 / 355687428096000;
        p = p * z - 1.0 / 1307674368000;
        p = p * z + 1.0 / 6227020800;
        p = p * z - 1.0 / 39916800;
        p = p * z + 1.0 / 362880;
        p = p * z - 1.0 / 5040;
        p = p * z + 1.0 / 120;
        p = p * z - 1.0 / 6;
        return y + y * z * p;
    }

    /// <summary>cos y for |y| ≤ π/4: the Taylor series to y²⁰, with 1 − y²/2 taken apart so its rounding is small.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double CosKernel(double y)
    {
        var z = y * y;
        var p = 1.0 / 2432902008176640000; // 1/20!
        p = p * z - 1.0 / 6402373705728000;
        p = p * z + 1.0 / 20922789888000;
        p = p * z - 1.0 / 87178291200;
        p = p * z + 1.0 / 479001600;
        p = p * z - 1.0 / 3628800;
        p = p * z + 1.0 / 40320;
        p = p * z - 1.0 / 720;
        p = p * z + 1.0 / 24;
        var half = 0.5 * z;
        var w = 1.0 - half;
        return w + (((1.0 - Opaque(w)) - half) + z * z * p); // (1 − w) − half: what rounding w lost (which ILGPU would fold to 0)
    }

    /// <summary>
    /// <paramref name="x"/> itself, negated twice: a value that ILGPU's IR builder does not look into. As it builds a
    /// method's operations the builder reassociates the constants it sees, as if floating point were real arithmetic:
    /// <c>c1 − (c2 − x)</c> becomes <c>(c1 − c2) + x</c>, and <c>(x − c1) − c2</c>, <c>(x + c1) + c2</c>,
    /// <c>(x · c1) · c2</c> fold their two constants into one. That changes the rounding (here it turned CosKernel's
    /// <c>(1 − w) − half</c>, the rounding error of <c>w = 1 − half</c>, into <c>half − half</c>, so cos(πx) on a GPU
    /// lost its last bit). Behind <see cref="Opaque"/> the operation stays as written; negation is exact, so the value
    /// and the CPU's bits do not change. A model written in the kernel subset can use it the same way, to keep an
    /// expression such as <c>(x - 1.0) - 0.1</c> rounded as written on the GPU: <c>PortableMath.Opaque(x - 1.0) - 0.1</c>.
    /// </summary>
    /// <param name="x">The value.</param>
    /// <returns><paramref name="x"/>, bit for bit.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Opaque(double x) => -(-x);

    /// <summary>2^<paramref name="k"/> for a normal exponent, −1022 ≤ k ≤ 1023.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
}
