using System;
using MathNet.Numerics;

namespace Gen;

/// <summary>
/// The inverse-gamma distribution: 1/X is Gamma(shape, 1/scale); density
/// scale^shape x^(−shape−1) e^(−scale/x) / Γ(shape) on x &gt; 0; <c>inverse_gamma(shape, scale)</c>.
/// </summary>
public sealed class InverseGamma : Distribution<double>
{
    /// <summary>Inverse-gamma with the given shape α and scale β.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> or <paramref name="scale"/> is not positive and finite.</exception>
    public InverseGamma(double shape, double scale)
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

    /// <inheritdoc />
    public override string Name => "inverse_gamma";

    /// <inheritdoc />
    public override double Sample(Key key) => Sample(key, Shape, Scale);

    /// <inheritdoc />
    public override double LogDensity(double value) => LogDensity(value, Shape, Scale);

    /// <summary>scale / G with G ~ Gamma(shape, 1) (Marsaglia–Tsang), computed as scale·exp(−log G).</summary>
    public static double Sample(Key key, double shape, double scale)
    {
        Check.Positive(shape);
        Check.Positive(scale);
        return scale * Math.Exp(-new KeyBits(key).LogStandardGamma(shape));
    }

    /// <summary>α log β − log Γ(α) − (α + 1) log x − β/x for x &gt; 0; <c>-Infinity</c> for x ≤ 0, +∞ or NaN.</summary>
    public static double LogDensity(double x, double shape, double scale)
    {
        Check.Positive(shape);
        Check.Positive(scale);
        if (!(x > 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
        return shape * Math.Log(scale) - SpecialFunctions.GammaLn(shape) - (shape + 1.0) * Math.Log(x) - scale / x;
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"inverse_gamma({Shape}, {Scale})");
}
