using System;

namespace Gen;

/// <summary>
/// The half-normal distribution: |X| for X ~ N(0, scale²), density √(2/π)/scale · e^(−x²/(2 scale²)) on x ≥ 0;
/// <c>half_normal(scale)</c>.
/// </summary>
public sealed class HalfNormal : Distribution<double, HalfNormal.Primitive>
{
    /// <summary>The half-normal distribution of |X|, X ~ N(0, <paramref name="scale"/>²).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive and finite.</exception>
    public HalfNormal(double scale) : base(new Primitive(scale)) { }

    /// <summary>The scale σ of the folded normal (mean σ√(2/π), variance σ²(1 − 2/π)).</summary>
    public double Scale => Parameters.Scale;

    /// <inheritdoc />
    public override string Name => "half_normal";

    /// <summary>scale·|Z| with Z standard normal (Box–Muller) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double scale) => new Primitive(scale).Sample(key);

    /// <summary>log 2 − ½ log 2π − log σ − x²/(2σ²) for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
    public static double LogDensity(double x, double scale) => new Primitive(scale).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>The half-normal distribution as a value: what a <c>half_normal(scale)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IPrimitive<double>
    {
        /// <summary>The half-normal distribution of |X|, X ~ N(0, <paramref name="scale"/>²).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive and finite.</exception>
        public Primitive(double scale)
        {
            Check.Positive(scale);
            Scale = scale;
        }

        /// <summary>The scale σ of the folded normal.</summary>
        public double Scale { get; }

        /// <summary>scale·|Z| with Z standard normal (Box–Muller) from the bits of <paramref name="key"/>.</summary>
        public double Sample(Key key) => Scale * Math.Abs(new KeyBits(key).StandardNormal());

        /// <summary>log 2 − ½ log 2π − log σ − x²/(2σ²) for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!(x >= 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            var z = x / Scale;
            return -0.5 * z * z - Math.Log(Scale) + (SamplerMath.Log2 - SamplerMath.LogSqrt2Pi);
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"half_normal({Scale})");
    }
}
