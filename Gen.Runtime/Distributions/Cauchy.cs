using System;

namespace Gen;

/// <summary>
/// The Cauchy distribution with location x0 and scale gamma, density 1 / (πγ(1 + ((x − x0)/γ)²)); it has no mean;
/// <c>cauchy(x0, gamma)</c>.
/// </summary>
public sealed class Cauchy : Distribution<double, Cauchy.Primitive>
{
    private const double LogPi = 1.1447298858494001741434273513531;

    /// <summary>Cauchy with location <paramref name="x0"/> and scale <paramref name="gamma"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x0"/> is not finite or <paramref name="gamma"/> is not positive.</exception>
    public Cauchy(double x0, double gamma) : base(new Primitive(x0, gamma)) { }

    /// <summary>The location (median).</summary>
    public double X0 => Parameters.X0;

    /// <summary>The scale (half the interquartile range).</summary>
    public double Gamma => Parameters.Gamma;

    /// <inheritdoc />
    public override string Name => "cauchy";

    /// <summary>Inverse CDF: x0 + gamma·tan(π(U − ½)) with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double x0, double gamma) => new Primitive(x0, gamma).Sample(key);

    /// <summary>−log(πγ) − log(1 + z²) with z = (x − x0)/γ; <c>-Infinity</c> for ±∞ or NaN.</summary>
    public static double LogDensity(double x, double x0, double gamma) => new Primitive(x0, gamma).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Cauchy(x0, gamma) as a value: what a <c>cauchy(x0, gamma)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>Cauchy with location <paramref name="x0"/> and scale <paramref name="gamma"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="x0"/> is not finite or <paramref name="gamma"/> is not positive.</exception>
        public Primitive(double x0, double gamma)
        {
            Check.Finite(x0);
            Check.Positive(gamma);
            X0 = x0;
            Gamma = gamma;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double x0, double gamma, out bool valid)
        {
            valid = Check.IsFinite(x0) && Check.IsPositive(gamma);
            X0 = x0;
            Gamma = gamma;
        }

        /// <summary>The location (median).</summary>
        public double X0 { get; }

        /// <summary>The scale (half the interquartile range).</summary>
        public double Gamma { get; }

        /// <summary>Inverse CDF: x0 + gamma·tan(π(U − ½)) with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
        public double Sample(Key key) => X0 + Gamma * PortableMath.TanPi(new KeyBits(key).OpenUniform() - 0.5);

        /// <summary>−log(πγ) − log(1 + z²) with z = (x − x0)/γ; <c>-Infinity</c> for ±∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!double.IsFinite(x)) return double.NegativeInfinity;
            var z = Math.Abs((x - X0) / Gamma);
            // log(1 + z²) without overflowing z² for huge z.
            var log1pz2 = z > 1e150 ? 2.0 * PortableMath.Log(z) : SamplerMath.Log1P(z * z);
            return -LogPi - PortableMath.Log(Gamma) - log1pz2;
        }

        /// <summary>2: x0, gamma, in constructor order.</summary>
        public int ParameterCount => 2;

        /// <summary>The primitive with parameters (x0, gamma), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 2 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 2);
            return new Primitive(parameters[0], parameters[1]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with, for z = (x − x0)/γ, ∂/∂x = −2z/(γ(1 + z²)),
        /// ∂/∂x0 = 2z/(γ(1 + z²)) and ∂/∂γ = (z² − 1)/(γ(1 + z²)), computed without overflowing z² for huge z; where
        /// the log density is −∞ (x = ±∞ or NaN), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 2 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 2);
            var z = (value - X0) / Gamma;
            SamplerMath.CauchyTerms(z, out var slope, out var inverse);
            dValue = -slope / Gamma;
            dParameters[0] = slope / Gamma;
            dParameters[1] = (1.0 - 2.0 * inverse) / Gamma;
            return logDensity;
        }

        /// <summary>ℝ.</summary>
        public Support Support => Support.Real;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"cauchy({X0}, {Gamma})");
    }
}
