using System;
using MathNet.Numerics;

namespace Gen;

/// <summary>
/// The gamma distribution with shape k and <b>scale</b> θ (mean kθ, variance kθ²), density
/// x^(k−1) e^(−x/θ) / (Γ(k) θ^k) on x ≥ 0; <c>gamma(shape, scale)</c>.
/// </summary>
public sealed class Gamma : Distribution<double, Gamma.Primitive>
{
    /// <summary>Gamma with the given shape and scale (not rate).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> or <paramref name="scale"/> is not positive and finite.</exception>
    public Gamma(double shape, double scale) : base(new Primitive(shape, scale)) { }

    /// <summary>The shape k.</summary>
    public double Shape => Parameters.Shape;

    /// <summary>The scale θ (the inverse of the rate).</summary>
    public double Scale => Parameters.Scale;

    /// <inheritdoc />
    public override string Name => "gamma";

    /// <summary>
    /// scale · G with G ~ Gamma(shape, 1) by Marsaglia–Tsang (boosted by U^(1/shape) for shape &lt; 1); see
    /// <see cref="KeyBits.StandardGamma"/>. For tiny shapes the draw may underflow to 0.
    /// </summary>
    public static double Sample(Key key, double shape, double scale) => new Primitive(shape, scale).Sample(key);

    /// <summary>
    /// (k − 1) log x − x/θ − log Γ(k) − k log θ for x ≥ 0 (at x = 0 the density's limit: +∞ for k &lt; 1, 1/θ for
    /// k = 1, 0 for k &gt; 1); <c>-Infinity</c> for x &lt; 0, +∞ or NaN.
    /// </summary>
    public static double LogDensity(double x, double shape, double scale) => new Primitive(shape, scale).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Gamma(shape, scale) as a value: what a <c>gamma(shape, scale)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IPrimitive<double>
    {
        /// <summary>Gamma with the given shape and scale (not rate).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> or <paramref name="scale"/> is not positive and finite.</exception>
        public Primitive(double shape, double scale)
        {
            Check.Positive(shape);
            Check.Positive(scale);
            Shape = shape;
            Scale = scale;
        }

        /// <summary>The shape k.</summary>
        public double Shape { get; }

        /// <summary>The scale θ (the inverse of the rate).</summary>
        public double Scale { get; }

        /// <summary>
        /// scale · G with G ~ Gamma(shape, 1) by Marsaglia–Tsang (boosted by U^(1/shape) for shape &lt; 1); see
        /// <see cref="KeyBits.StandardGamma"/>. For tiny shapes the draw may underflow to 0.
        /// </summary>
        public double Sample(Key key) => Scale * new KeyBits(key).StandardGamma(Shape);

        /// <summary>
        /// (k − 1) log x − x/θ − log Γ(k) − k log θ for x ≥ 0 (at x = 0 the density's limit: +∞ for k &lt; 1, 1/θ for
        /// k = 1, 0 for k &gt; 1); <c>-Infinity</c> for x &lt; 0, +∞ or NaN.
        /// </summary>
        public double LogDensity(double x)
        {
            if (!(x >= 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            return SamplerMath.XLogY(Shape - 1.0, x) - x / Scale - SpecialFunctions.GammaLn(Shape) - Shape * Math.Log(Scale);
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"gamma({Shape}, {Scale})");
    }
}
