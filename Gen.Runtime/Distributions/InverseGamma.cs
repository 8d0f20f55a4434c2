using System;
using System.Runtime.CompilerServices;
using MathNet.Numerics;

namespace Gen;

/// <summary>
/// The inverse-gamma distribution: 1/X is Gamma(shape, 1/scale); density
/// scale^shape x^(−shape−1) e^(−scale/x) / Γ(shape) on x &gt; 0; <c>inverse_gamma(shape, scale)</c>.
/// </summary>
public sealed class InverseGamma : Distribution<double, InverseGamma.Primitive>
{
    /// <summary>Inverse-gamma with the given shape α and scale β.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> or <paramref name="scale"/> is not positive and finite.</exception>
    public InverseGamma(double shape, double scale) : base(new Primitive(shape, scale)) { }

    /// <summary>The shape α.</summary>
    public double Shape => Parameters.Shape;

    /// <summary>The scale β (mean β/(α − 1) for α &gt; 1).</summary>
    public double Scale => Parameters.Scale;

    /// <inheritdoc />
    public override string Name => "inverse_gamma";

    /// <summary>scale / G with G ~ Gamma(shape, 1) (Marsaglia–Tsang), computed as scale·exp(−log G).</summary>
    public static double Sample(Key key, double shape, double scale) => new Primitive(shape, scale).Sample(key);

    /// <summary>α log β − log Γ(α) − (α + 1) log x − β/x for x &gt; 0; <c>-Infinity</c> for x ≤ 0, +∞ or NaN.</summary>
    public static double LogDensity(double x, double shape, double scale) => new Primitive(shape, scale).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Inverse-gamma as a value: what an <c>inverse_gamma(shape, scale)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>Inverse-gamma with the given shape α and scale β.</summary>
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

        /// <summary>The shape α.</summary>
        public double Shape { get; }

        /// <summary>The scale β (mean β/(α − 1) for α &gt; 1).</summary>
        public double Scale { get; }

        /// <summary>scale / G with G ~ Gamma(shape, 1) (Marsaglia–Tsang), computed as scale·exp(−log G).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Sample(Key key) => Scale * Math.Exp(-new KeyBits(key).LogStandardGamma(Shape));

        /// <summary>α log β − log Γ(α) − (α + 1) log x − β/x for x &gt; 0; <c>-Infinity</c> for x ≤ 0, +∞ or NaN.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double LogDensity(double x)
        {
            if (!(x > 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            return Shape * Math.Log(Scale) - NormalizerMemo.GammaLn(Shape) - (Shape + 1.0) * Math.Log(x) - Scale / x;
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
        /// <see cref="LogDensity"/> (the same value, bit for bit) with ∂/∂x = (β/x − (α + 1))/x,
        /// ∂/∂α = log β − ψ(α) − log x (ψ the digamma function) and ∂/∂β = α/β − 1/x; where the log density is −∞
        /// (x ≤ 0, +∞, NaN, or β/x overflowing), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 2 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 2);
            dValue = (Scale / value - (Shape + 1.0)) / value;
            dParameters[0] = Math.Log(Scale) - SpecialFunctions.DiGamma(Shape) - Math.Log(value);
            dParameters[1] = Shape / Scale - 1.0 / value;
            return logDensity;
        }

        /// <summary>(0, ∞).</summary>
        public Support Support => Support.Positive;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"inverse_gamma({Shape}, {Scale})");
    }
}
