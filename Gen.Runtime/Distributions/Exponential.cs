using System;

namespace Gen;

/// <summary>The exponential distribution with rate λ (mean 1/λ), density λ·e^(−λx) on x ≥ 0; <c>exponential(rate)</c>.</summary>
public sealed class Exponential : Distribution<double, Exponential.Primitive>
{
    /// <summary>Exponential with the given rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not positive and finite.</exception>
    public Exponential(double rate) : base(new Primitive(rate)) { }

    /// <summary>The rate λ (inverse mean).</summary>
    public double Rate => Parameters.Rate;

    /// <inheritdoc />
    public override string Name => "exponential";

    /// <summary>Inverse CDF: −log(U)/rate with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double rate) => new Primitive(rate).Sample(key);

    /// <summary>log λ − λx for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
    public static double LogDensity(double x, double rate) => new Primitive(rate).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Exponential(rate) as a value: what an <c>exponential(rate)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IPrimitive<double>
    {
        /// <summary>Exponential with the given rate.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not positive and finite.</exception>
        public Primitive(double rate)
        {
            Check.Positive(rate);
            Rate = rate;
        }

        /// <summary>The rate λ (inverse mean).</summary>
        public double Rate { get; }

        /// <summary>Inverse CDF: −log(U)/rate with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
        public double Sample(Key key) => -Math.Log(new KeyBits(key).OpenUniform()) / Rate;

        /// <summary>log λ − λx for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!(x >= 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            return Math.Log(Rate) - Rate * x;
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"exponential({Rate})");
    }
}
