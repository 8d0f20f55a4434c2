using System;
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
    public readonly struct Primitive : IPrimitive<double>
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

        /// <summary>The shape α.</summary>
        public double Shape { get; }

        /// <summary>The scale β (mean β/(α − 1) for α &gt; 1).</summary>
        public double Scale { get; }

        /// <summary>scale / G with G ~ Gamma(shape, 1) (Marsaglia–Tsang), computed as scale·exp(−log G).</summary>
        public double Sample(Key key) => Scale * Math.Exp(-new KeyBits(key).LogStandardGamma(Shape));

        /// <summary>α log β − log Γ(α) − (α + 1) log x − β/x for x &gt; 0; <c>-Infinity</c> for x ≤ 0, +∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!(x > 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            return Shape * Math.Log(Scale) - SpecialFunctions.GammaLn(Shape) - (Shape + 1.0) * Math.Log(x) - Scale / x;
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"inverse_gamma({Shape}, {Scale})");
    }
}
