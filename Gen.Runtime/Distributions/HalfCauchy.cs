using System;

namespace Gen;

/// <summary>
/// The half-Cauchy distribution: |X| for X ~ Cauchy(0, scale), density 2 / (π·scale·(1 + (x/scale)²)) on x ≥ 0; it
/// has no mean; <c>half_cauchy(scale)</c>.
/// </summary>
public sealed class HalfCauchy : Distribution<double, HalfCauchy.Primitive>
{
    /// <summary>The half-Cauchy distribution of |X|, X ~ Cauchy(0, <paramref name="scale"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive and finite.</exception>
    public HalfCauchy(double scale) : base(new Primitive(scale)) { }

    /// <summary>The scale γ (the median).</summary>
    public double Scale => Parameters.Scale;

    /// <inheritdoc />
    public override string Name => "half_cauchy";

    /// <summary>Inverse CDF: scale·tan(πU/2) with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double scale) => new Primitive(scale).Sample(key);

    /// <summary>log 2 − log(πγ) − log(1 + (x/γ)²) for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
    public static double LogDensity(double x, double scale) => new Primitive(scale).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>The half-Cauchy distribution as a value: what a <c>half_cauchy(scale)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>The half-Cauchy distribution of |X|, X ~ Cauchy(0, <paramref name="scale"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive and finite.</exception>
        public Primitive(double scale)
        {
            Check.Positive(scale);
            Scale = scale;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double scale, out bool valid)
        {
            valid = Check.IsPositive(scale);
            Scale = scale;
        }

        /// <summary>The scale γ (the median).</summary>
        public double Scale { get; }

        /// <summary>Inverse CDF: scale·tan(πU/2) with U uniform on (0, 1) from the bits of <paramref name="key"/> (finite: πU/2 &lt; π/2 in floating point).</summary>
        public double Sample(Key key) => Scale * PortableMath.TanPi(0.5 * new KeyBits(key).OpenUniform());

        /// <summary>log 2 − log(πγ) − log(1 + (x/γ)²) for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!(x >= 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            var z = x / Scale;
            // log(1 + z²) without overflowing z² for huge z.
            var log1pz2 = z > 1e150 ? 2.0 * PortableMath.Log(z) : SamplerMath.Log1P(z * z);
            return (SamplerMath.Log2 - SamplerMath.LogPi) - PortableMath.Log(Scale) - log1pz2;
        }

        /// <summary>1: scale, in constructor order.</summary>
        public int ParameterCount => 1;

        /// <summary>The primitive with parameters (scale), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 1 entry.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 1);
            return new Primitive(parameters[0]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with, for z = x/γ, ∂/∂x = −2z/(γ(1 + z²)) and
        /// ∂/∂γ = (z² − 1)/(γ(1 + z²)), computed without overflowing z² for huge z; where the log density is −∞
        /// (x &lt; 0, +∞ or NaN), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 1 entry.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 1);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 1);
            var z = value / Scale;
            SamplerMath.CauchyTerms(z, out var slope, out var inverse);
            dValue = -slope / Scale;
            dParameters[0] = (1.0 - 2.0 * inverse) / Scale;
            return logDensity;
        }

        /// <summary>(0, ∞).</summary>
        public Support Support => Support.Positive;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"half_cauchy({Scale})");
    }
}
