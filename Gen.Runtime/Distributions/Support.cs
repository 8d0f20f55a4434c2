using System;

namespace Gen;

/// <summary>
/// The support of a continuous choice and its bijection to the real line, as Stan uses them: HMC and NUTS move in the
/// unconstrained space, so a scale parameter is never proposed outside its support. The log-Jacobian of the inverse
/// map corrects the density there.
/// </summary>
/// <remarks>
/// The maps: ℝ → identity; (lo, ∞) → x = lo + eʸ; (−∞, hi) → x = hi − eʸ; (lo, hi) → x = lo + (hi − lo)·logistic(y).
/// A sampler in y targets log p(x(y)) + log |dx/dy|, whose gradient is
/// ∂ log p/∂x · dx/dy + d log |dx/dy|/dy: <see cref="FromUnconstrained"/> returns all three pieces.
/// </remarks>
public readonly struct Support : IEquatable<Support>
{
    private Support(double lower, double upper)
    {
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The whole real line.</summary>
    public static Support Real { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>(0, ∞).</summary>
    public static Support Positive { get; } = new(0, double.PositiveInfinity);

    /// <summary>(0, 1).</summary>
    public static Support UnitInterval { get; } = new(0, 1);

    /// <summary>(<paramref name="lower"/>, <paramref name="upper"/>); either end may be infinite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ends are NaN or not ordered.</exception>
    public static Support Between(double lower, double upper)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || !(lower < upper))
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"A support needs lower < upper; got ({lower}, {upper}).");
        return new Support(lower, upper);
    }

    /// <summary>The lower end (−∞ if none).</summary>
    public double Lower { get; }

    /// <summary>The upper end (+∞ if none).</summary>
    public double Upper { get; }

    /// <summary>Whether <paramref name="x"/> lies strictly inside the support (where the bijection is defined).</summary>
    public bool Contains(double x) => x > Lower && x < Upper;

    /// <summary>
    /// The unconstrained coordinate y of <paramref name="x"/>, the inverse of <see cref="FromUnconstrained"/>:
    /// y = x on ℝ, log(x − lo) on (lo, ∞), log(hi − x) on (−∞, hi), and log((x − lo)/(hi − x)) on (lo, hi)
    /// (computed from the two distances to the ends, never from 1 − (x − lo)/(hi − lo), so that points near either
    /// end keep their precision).
    /// </summary>
    /// <remarks>At an end the result is ±∞, outside the support NaN: check <see cref="Contains"/> first where x may lie there.</remarks>
    public double ToUnconstrained(double x)
    {
        var lowerFinite = double.IsFinite(Lower);
        var upperFinite = double.IsFinite(Upper);
        if (!lowerFinite && !upperFinite) return x;
        if (lowerFinite && !upperFinite) return Math.Log(x - Lower);
        if (!lowerFinite) return Math.Log(Upper - x);
        // The distances to the ends (halved where the width is beyond double range: same ratio, no overflow).
        var wide = !double.IsFinite(Upper - Lower);
        var below = wide ? 0.5 * x - 0.5 * Lower : x - Lower;
        var above = wide ? 0.5 * Upper - 0.5 * x : Upper - x;
        // One logarithm of their ratio where that is a normal double (exact to rounding, where the difference of two
        // large logarithms would lose their ulps); else (near an end, at it, or outside) the difference.
        var ratio = below / above;
        return ratio >= MinNormal && ratio <= double.MaxValue ? Math.Log(ratio) : Math.Log(below) - Math.Log(above);
    }

    /// <summary>The least positive normal double, 2⁻¹⁰²².</summary>
    private const double MinNormal = 2.2250738585072014e-308;

    /// <summary>
    /// The point x of the support at unconstrained coordinate <paramref name="y"/>, with the log-Jacobian
    /// log |dx/dy|, its derivative in y, and dx/dy (for the chain rule): on ℝ, x = y (log-Jacobian 0); on (lo, ∞),
    /// x = lo + eʸ and on (−∞, hi), x = hi − eʸ (log-Jacobian y, derivative 1); on (lo, hi),
    /// x = lo + (hi − lo)·σ(y) with σ the logistic function (log-Jacobian log(hi − lo) + log σ(y) + log σ(−y),
    /// derivative −tanh(y/2)).
    /// </summary>
    /// <remarks>
    /// The log-Jacobian and its derivative are finite for every finite y, however large |y| (log σ(±y) is computed
    /// as −softplus(∓y), never as the logarithm of an underflowed σ). x and dx/dy are as accurate as floating point
    /// allows: on (lo, hi) x is computed from the nearer end, lo + (hi − lo)σ(y) or hi − (hi − lo)σ(−y); where the
    /// distance to that end is below its rounding, x equals the end (and on (lo, ∞) x = +∞ once eʸ overflows, past
    /// y ≈ 709.78), as no double lies between.
    /// </remarks>
    public double FromUnconstrained(double y, out double logJacobian, out double dLogJacobian, out double dxdy)
    {
        var lowerFinite = double.IsFinite(Lower);
        var upperFinite = double.IsFinite(Upper);
        if (!lowerFinite && !upperFinite)
        {
            logJacobian = 0;
            dLogJacobian = 0;
            dxdy = 1;
            return y;
        }
        if (lowerFinite != upperFinite)
        {
            var e = Math.Exp(y);
            logJacobian = y;
            dLogJacobian = 1;
            dxdy = lowerFinite ? e : -e;
            return lowerFinite ? Lower + e : Upper - e;
        }
        // σ(y) and σ(−y) from e = e^(−|y|) ∈ (0, 1], neither cancelling nor overflowing for large |y|;
        // log σ(y) + log σ(−y) = −|y| − 2 log(1 + e^(−|y|)).
        var ay = Math.Abs(y);
        var e1 = Math.Exp(-ay);
        var big = 1.0 / (1.0 + e1);
        var small = e1 / (1.0 + e1);
        var s = y >= 0 ? big : small; // σ(y)
        var c = y >= 0 ? small : big; // σ(−y) = 1 − σ(y)
        var width = Upper - Lower;
        if (double.IsFinite(width))
        {
            logJacobian = Math.Log(width) - ay - 2.0 * SamplerMath.Log1P(e1);
            dxdy = width * s * c;
            dLogJacobian = -Math.Tanh(0.5 * y);
            return y >= 0 ? Upper - width * c : Lower + width * s;
        }
        // A width beyond double range (say (−1e308, 1e308)): scale by the half width, which is finite.
        var half = 0.5 * Upper - 0.5 * Lower;
        logJacobian = Math.Log(half) + SamplerMath.Log2 - ay - 2.0 * SamplerMath.Log1P(e1);
        dxdy = 2.0 * (half * s * c);
        dLogJacobian = -Math.Tanh(0.5 * y);
        return y >= 0 ? Upper - 2.0 * (half * c) : Lower + 2.0 * (half * s);
    }

    /// <inheritdoc />
    public bool Equals(Support other) => Lower.Equals(other.Lower) && Upper.Equals(other.Upper);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Support other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Lower, Upper);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"({Lower}, {Upper})");
}
