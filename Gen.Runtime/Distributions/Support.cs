using System;

namespace Gen;

/// <summary>
/// The support of a continuous choice and its bijection to the real line, as Stan uses them: HMC and NUTS move in the
/// unconstrained space, so a scale parameter is never proposed outside its support. The log-Jacobian of the inverse
/// map corrects the density there.
/// </summary>
/// <remarks>
/// The maps: ℝ → identity; (lo, ∞) → x = lo + eʸ; (−∞, hi) → x = hi − eʸ; (lo, hi) → x = lo + (hi − lo)·logistic(y).
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

    /// <summary>The unconstrained coordinate of <paramref name="x"/> (inside the support).</summary>
    public double ToUnconstrained(double x)
    {
        var lowerFinite = double.IsFinite(Lower);
        var upperFinite = double.IsFinite(Upper);
        if (!lowerFinite && !upperFinite) return x;
        if (lowerFinite && !upperFinite) return Math.Log(x - Lower);
        if (!lowerFinite) return Math.Log(Upper - x);
        var u = (x - Lower) / (Upper - Lower);
        return Math.Log(u) - SamplerMath.Log1P(-u);
    }

    /// <summary>
    /// The point of the support at unconstrained coordinate <paramref name="y"/>, with the log-Jacobian
    /// log |dx/dy|, its derivative in y, and dx/dy (for the chain rule).
    /// </summary>
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
        var width = Upper - Lower;
        // logistic(y) and its complement, computed so that neither cancels for large |y|.
        var s = y >= 0 ? 1 / (1 + Math.Exp(-y)) : Math.Exp(y) / (1 + Math.Exp(y));
        var c = y >= 0 ? Math.Exp(-y) / (1 + Math.Exp(-y)) : 1 / (1 + Math.Exp(y));
        logJacobian = Math.Log(width) + Math.Log(s) + Math.Log(c);
        dLogJacobian = c - s;
        dxdy = width * s * c;
        return Lower + width * s;
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
