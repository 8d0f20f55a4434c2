using System;

namespace Gen;

/// <summary>The exponential distribution with rate λ (mean 1/λ), density λ·e^(−λx) on x ≥ 0; <c>exponential(rate)</c>.</summary>
public sealed class Exponential : Distribution<double>
{
    /// <summary>Exponential with the given rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not positive and finite.</exception>
    public Exponential(double rate)
    {
        Check.Positive(rate);
        Rate = rate;
    }

    /// <summary>The rate λ (inverse mean).</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public override string Name => "exponential";

    /// <inheritdoc />
    public override double Sample(Key key) => Sample(key, Rate);

    /// <inheritdoc />
    public override double LogDensity(double value) => LogDensity(value, Rate);

    /// <summary>Inverse CDF: −log(U)/rate with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double rate)
    {
        Check.Positive(rate);
        return -Math.Log(new KeyBits(key).OpenUniform()) / rate;
    }

    /// <summary>log λ − λx for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
    public static double LogDensity(double x, double rate)
    {
        Check.Positive(rate);
        if (!(x >= 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
        return Math.Log(rate) - rate * x;
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"exponential({Rate})");
}
