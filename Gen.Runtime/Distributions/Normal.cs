using System;

namespace Gen;

/// <summary>The normal distribution N(mu, sigma²); <c>normal(mu, sigma)</c>.</summary>
public sealed class Normal : Distribution<double, Normal.Primitive>
{
    /// <summary>N(mu, sigma²).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="sigma"/> is not positive.</exception>
    public Normal(double mu, double sigma) : base(new Primitive(mu, sigma)) { }

    /// <summary>The mean.</summary>
    public double Mu => Parameters.Mu;

    /// <summary>The standard deviation.</summary>
    public double Sigma => Parameters.Sigma;

    /// <inheritdoc />
    public override string Name => "normal";

    /// <summary>Draws from N(mu, sigma²) with the bits of <paramref name="key"/> (value-type code).</summary>
    public static double Sample(Key key, double mu, double sigma) => new Primitive(mu, sigma).Sample(key);

    /// <summary>log N(x; mu, sigma²); <c>-Infinity</c> for ±∞ or NaN.</summary>
    public static double LogDensity(double x, double mu, double sigma) => new Primitive(mu, sigma).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>N(mu, sigma²) as a value: what a <c>normal(mu, sigma)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>N(mu, sigma²).</summary>
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

        /// <summary>The mean.</summary>
        public double Mu { get; }

        /// <summary>The standard deviation.</summary>
        public double Sigma { get; }

        /// <summary>Box–Muller from the bits of <paramref name="key"/>.</summary>
        public double Sample(Key key) => Mu + Sigma * new KeyBits(key).StandardNormal();

        /// <summary>log N(x; mu, sigma²); <c>-Infinity</c> for ±∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!double.IsFinite(x)) return double.NegativeInfinity;
            var z = (x - Mu) / Sigma;
            return -0.5 * z * z - PortableMath.Log(Sigma) - SamplerMath.LogSqrt2Pi;
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
        /// <see cref="LogDensity"/> (the same value, bit for bit) with, for z = (x − mu)/σ, ∂/∂x = −z/σ, ∂/∂mu = z/σ
        /// and ∂/∂σ = (z² − 1)/σ; where the log density is −∞ (x = ±∞ or NaN), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 2 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            return LogDensityGradient(value, PortableMath.Log(Sigma), out dValue, out dParameters[0], out dParameters[1]);
        }

        /// <summary>
        /// <see cref="LogDensityGradient(double, out double, Span{double})"/> given ln σ: a gradient body computes it
        /// once for the many sites of one scale (a model's observations).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal double LogDensityGradient(double value, double logSigma, out double dValue, out double dMu, out double dSigma)
        {
            var z = (value - Mu) / Sigma;
            var logDensity = -0.5 * z * z - logSigma - SamplerMath.LogSqrt2Pi; // LogDensity's expression: the same bits
            if (!double.IsFinite(value) || double.IsNegativeInfinity(logDensity))
            {
                dValue = dMu = dSigma = 0;
                return double.NegativeInfinity;
            }
            dMu = z / Sigma;
            dValue = -dMu; // −z/σ exactly: negation rounds nothing
            dSigma = (z * z - 1.0) / Sigma;
            return logDensity;
        }

        /// <summary>ℝ.</summary>
        public Support Support => Support.Real;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"normal({Mu}, {Sigma})");
    }
}
