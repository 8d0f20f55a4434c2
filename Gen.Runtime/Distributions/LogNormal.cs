using System;

namespace Gen;

/// <summary>
/// The log-normal distribution: e^X for X ~ N(mu, sigma²), density e^(−(log x − mu)²/(2σ²)) / (xσ√(2π)) on x &gt; 0;
/// <c>lognormal(mu, sigma)</c>.
/// </summary>
public sealed class LogNormal : Distribution<double, LogNormal.Primitive>
{
    /// <summary>The distribution of e^X, X ~ N(<paramref name="mu"/>, <paramref name="sigma"/>²).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="sigma"/> is not positive.</exception>
    public LogNormal(double mu, double sigma) : base(new Primitive(mu, sigma)) { }

    /// <summary>The mean of log X (the log of the median).</summary>
    public double Mu => Parameters.Mu;

    /// <summary>The standard deviation of log X.</summary>
    public double Sigma => Parameters.Sigma;

    /// <inheritdoc />
    public override string Name => "lognormal";

    /// <summary>exp(mu + sigma·Z) with Z standard normal (Box–Muller) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double mu, double sigma) => new Primitive(mu, sigma).Sample(key);

    /// <summary>−log x − log σ − ½ log 2π − (log x − mu)²/(2σ²) for x &gt; 0; <c>-Infinity</c> for x ≤ 0, +∞ or NaN.</summary>
    public static double LogDensity(double x, double mu, double sigma) => new Primitive(mu, sigma).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>The log-normal distribution as a value: what a <c>lognormal(mu, sigma)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>The distribution of e^X, X ~ N(<paramref name="mu"/>, <paramref name="sigma"/>²).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="sigma"/> is not positive.</exception>
        public Primitive(double mu, double sigma)
        {
            Check.Finite(mu);
            Check.Positive(sigma);
            Mu = mu;
            Sigma = sigma;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double mu, double sigma, out bool valid)
        {
            valid = Check.IsFinite(mu) && Check.IsPositive(sigma);
            Mu = mu;
            Sigma = sigma;
        }

        /// <summary>The mean of log X (the log of the median).</summary>
        public double Mu { get; }

        /// <summary>The standard deviation of log X.</summary>
        public double Sigma { get; }

        /// <summary>
        /// exp(mu + sigma·Z) with Z standard normal (Box–Muller) from the bits of <paramref name="key"/>. (When
        /// mu + sigma·Z exceeds about 709.78 the draw overflows to +∞, outside the support: keep mu and sigma where
        /// that is negligible.)
        /// </summary>
        public double Sample(Key key) => PortableMath.Exp(Mu + Sigma * new KeyBits(key).StandardNormal());

        /// <summary>−log x − log σ − ½ log 2π − (log x − mu)²/(2σ²) for x &gt; 0; <c>-Infinity</c> for x ≤ 0, +∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!(x > 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            var logX = PortableMath.Log(x);
            var z = (logX - Mu) / Sigma;
            return -0.5 * z * z - logX - PortableMath.Log(Sigma) - SamplerMath.LogSqrt2Pi;
        }

        /// <summary>2: mu, sigma, in constructor order.</summary>
        public int ParameterCount => 2;

        /// <summary>The primitive with parameters (mu, sigma), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 2 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 2);
            return new Primitive(parameters[0], parameters[1]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with, for z = (log x − mu)/σ,
        /// ∂/∂x = −(z/σ + 1)/x, ∂/∂mu = z/σ and ∂/∂σ = (z² − 1)/σ; where the log density is −∞ (x ≤ 0, +∞ or NaN),
        /// zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 2 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 2);
            var z = (PortableMath.Log(value) - Mu) / Sigma;
            dValue = -(z / Sigma + 1.0) / value;
            dParameters[0] = z / Sigma;
            dParameters[1] = (z * z - 1.0) / Sigma;
            return logDensity;
        }

        /// <summary>(0, ∞).</summary>
        public Support Support => Support.Positive;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"lognormal({Mu}, {Sigma})");
    }
}
