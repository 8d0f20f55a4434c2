using System;
using System.Runtime.CompilerServices;
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
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
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

        /// <summary>
        /// The primitive as a kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double shape, double scale, out bool valid)
        {
            valid = Check.IsPositive(shape) && Check.IsPositive(scale);
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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double LogDensity(double x)
        {
            if (!(x >= 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            return SamplerMath.XLogY(Shape - 1.0, x) - x / Scale - NormalizerMemo.GammaLn(Shape) - Shape * Math.Log(Scale);
        }

        /// <summary>2: shape, scale, in constructor order.</summary>
        public int ParameterCount => 2;

        /// <summary>The primitive with parameters (shape, scale), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 2 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 2);
            return new Primitive(parameters[0], parameters[1]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with ∂/∂x = (k − 1)/x − 1/θ (the first term 0 when
        /// k = 1), ∂/∂k = log x − ψ(k) − log θ (ψ the digamma function) and ∂/∂θ = (x/θ − k)/θ; at x = 0 where the
        /// density's limit is not 0 (k ≤ 1), the one-sided derivatives (possibly infinite); where the log density is
        /// −∞ (x &lt; 0, +∞, NaN, or x = 0 with k &gt; 1), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 2 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 2);
            dValue = (Shape == 1.0 ? 0.0 : (Shape - 1.0) / value) - 1.0 / Scale;
            dParameters[0] = Math.Log(value) - SpecialFunctions.DiGamma(Shape) - Math.Log(Scale);
            dParameters[1] = (value / Scale - Shape) / Scale;
            return logDensity;
        }

        /// <summary>(0, ∞).</summary>
        public Support Support => Support.Positive;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"gamma({Shape}, {Scale})");
    }
}
