using System;
using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>
/// Small special functions written in plain value-type code (no MathNet, no arrays), for use inside samplers that
/// the GPU backend runs unchanged, plus a few helpers the closed-form log densities share.
/// </summary>
internal static class SamplerMath
{
    /// <summary>log(2π)/2.</summary>
    public const double LogSqrt2Pi = 0.91893853320467274178032973640562;

    /// <summary>log 2.</summary>
    public const double Log2 = 0.69314718055994530941723212145818;

    /// <summary>log π.</summary>
    public const double LogPi = 1.1447298858494001741434273513531;

    /// <summary>√2.</summary>
    public const double Sqrt2 = 1.4142135623730950488016887242097;

    /// <summary>log(1 + x), accurate for small x (Goldberg's correction of the rounded argument).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log1P(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return u;
        return PortableMath.Log(u) * x / (u - 1.0);
    }

    /// <summary>c·log(y) with the convention 0·log(0) = 0 (so density limits at the edge of a support come out right).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double XLogY(double c, double y) => c == 0 ? 0.0 : c * PortableMath.Log(y);

    /// <summary>
    /// For the Cauchy log density −log(1 + z²): <paramref name="slope"/> = 2z/(1 + z²) (minus its derivative in z)
    /// and <paramref name="inverse"/> = 1/(1 + z²), computed without overflowing z² for huge |z| (where 1/(1 + z²) may
    /// underflow to 0 but the slope stays accurate).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CauchyTerms(double z, out double slope, out double inverse)
    {
        if (Math.Abs(z) <= 1.0)
        {
            inverse = 1.0 / (1.0 + z * z);
            slope = 2.0 * z * inverse;
            return;
        }
        var r = 1.0 / z;
        inverse = r * r / (1.0 + r * r);
        slope = 2.0 / (z + r);
    }

    /// <summary>
    /// log Γ(x) for x ≥ 1 by the Stirling series (shifted up to x ≥ 7 by the recurrence): NumPy's <c>random_loggam</c>,
    /// accurate to about 1e-15 relative. Used by the Poisson sampler's acceptance test.
    /// </summary>
    public static double LogGamma(double x)
    {
        if (x == 1.0 || x == 2.0) return 0.0;
        var n = x < 7.0 ? (int)(7.0 - x) : 0;
        var x0 = x + n;
        var x2 = 1.0 / (x0 * x0);
        var gl0 = -1.39243221690590e+00;
        gl0 = gl0 * x2 + 1.796443723688307e-01;
        gl0 = gl0 * x2 - 2.955065359477124e-02;
        gl0 = gl0 * x2 + 6.410256410256410e-03;
        gl0 = gl0 * x2 - 1.917526917526918e-03;
        gl0 = gl0 * x2 + 8.417508417508418e-04;
        gl0 = gl0 * x2 - 5.952380952380952e-04;
        gl0 = gl0 * x2 + 7.936507936507937e-04;
        gl0 = gl0 * x2 - 2.777777777777778e-03;
        gl0 = gl0 * x2 + 8.333333333333333e-02;
        var gl = gl0 / x0 + LogSqrt2Pi + (x0 - 0.5) * PortableMath.Log(x0) - x0;
        for (var k = 1; k <= n; k++)
        {
            gl -= PortableMath.Log(x0 - 1.0);
            x0 -= 1.0;
        }
        return gl;
    }

    /// <summary>
    /// The Stirling remainder fc(k) = log k! − [(k + ½) log(k + 1) − (k + 1) + log √(2π)] for k ≥ 0 (Hörmann 1993):
    /// exact values for k ≤ 9, beyond them the series 1/12m − 1/360m³ + 1/1260m⁵ − 1/1680m⁷ + 1/1188m⁹ with
    /// m = k + 1 (truncation error below 1e-14).
    /// </summary>
    public static double StirlingTail(double k)
    {
        switch ((int)Math.Min(k, 10))
        {
            case 0: return 0.0810614667953272;
            case 1: return 0.0413406959554092;
            case 2: return 0.0276779256849983;
            case 3: return 0.02079067210376509;
            case 4: return 0.0166446911898211;
            case 5: return 0.0138761288230707;
            case 6: return 0.0118967099458917;
            case 7: return 0.0104112652619720;
            case 8: return 0.00925546218271273;
            case 9: return 0.00833056343336287;
        }
        var m = k + 1;
        var m2 = 1.0 / (m * m);
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / 1188 * m2) * m2) * m2) * m2) / m;
    }
}
