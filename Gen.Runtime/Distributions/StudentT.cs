using System;
using System.Runtime.CompilerServices;
using MathNet.Numerics;

namespace Gen;

/// <summary>
/// The location-scale Student's t distribution with nu degrees of freedom: mu + sigma·T with T a standard t variate;
/// <c>student_t(nu, mu, sigma)</c>.
/// </summary>
public sealed class StudentT : Distribution<double, StudentT.Primitive>
{
    private const double LogPi = 1.1447298858494001741434273513531;

    /// <summary>Student's t with <paramref name="nu"/> degrees of freedom, location <paramref name="mu"/> and scale <paramref name="sigma"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nu"/> or <paramref name="sigma"/> is not positive and finite, or <paramref name="mu"/> is not finite.</exception>
    public StudentT(double nu, double mu, double sigma) : base(new Primitive(nu, mu, sigma)) { }

    /// <summary>The degrees of freedom ν (need not be an integer).</summary>
    public double Nu => Parameters.Nu;

    /// <summary>The location (the mean when ν &gt; 1).</summary>
    public double Mu => Parameters.Mu;

    /// <summary>The scale (variance σ²ν/(ν − 2) when ν &gt; 2).</summary>
    public double Sigma => Parameters.Sigma;

    /// <inheritdoc />
    public override string Name => "student_t";

    /// <summary>
    /// mu + sigma·Z/√(V/ν) with Z standard normal drawn first and V = 2G ~ χ²(ν), G ~ Gamma(ν/2, 1), second
    /// (from its logarithm, so tiny ν stays finite as long as it can).
    /// </summary>
    public static double Sample(Key key, double nu, double mu, double sigma) => new Primitive(nu, mu, sigma).Sample(key);

    /// <summary>
    /// log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ) − log σ − (ν+1)/2 · log(1 + z²/ν) with z = (x − mu)/σ;
    /// <c>-Infinity</c> for ±∞ or NaN.
    /// </summary>
    public static double LogDensity(double x, double nu, double mu, double sigma) => new Primitive(nu, mu, sigma).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Student's t as a value: what a <c>student_t(nu, mu, sigma)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>Student's t with <paramref name="nu"/> degrees of freedom, location <paramref name="mu"/> and scale <paramref name="sigma"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="nu"/> or <paramref name="sigma"/> is not positive and finite, or <paramref name="mu"/> is not finite.</exception>
        public Primitive(double nu, double mu, double sigma)
        {
            Check.Positive(nu);
            Check.Finite(mu);
            Check.Positive(sigma);
            Nu = nu;
            Mu = mu;
            Sigma = sigma;
        }

        /// <summary>
        /// The primitive as a kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double nu, double mu, double sigma, out bool valid)
        {
            valid = Check.IsPositive(nu) && Check.IsFinite(mu) && Check.IsPositive(sigma);
            Nu = nu;
            Mu = mu;
            Sigma = sigma;
        }

        /// <summary>The degrees of freedom ν (need not be an integer).</summary>
        public double Nu { get; }

        /// <summary>The location (the mean when ν &gt; 1).</summary>
        public double Mu { get; }

        /// <summary>The scale (variance σ²ν/(ν − 2) when ν &gt; 2).</summary>
        public double Sigma { get; }

        /// <summary>
        /// mu + sigma·Z/√(V/ν) with Z standard normal drawn first and V = 2G ~ χ²(ν), G ~ Gamma(ν/2, 1), second
        /// (from its logarithm, so tiny ν stays finite as long as it can).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Sample(Key key)
        {
            var bits = new KeyBits(key);
            var z = bits.StandardNormal();
            var logG = bits.LogStandardGamma(0.5 * Nu);
            return Mu + Sigma * z * Math.Exp(0.5 * (Math.Log(0.5 * Nu) - logG));
        }

        /// <summary>
        /// log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ) − log σ − (ν+1)/2 · log(1 + z²/ν) with z = (x − mu)/σ;
        /// <c>-Infinity</c> for ±∞ or NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double LogDensity(double x)
        {
            if (!double.IsFinite(x)) return double.NegativeInfinity;
            var nu = Nu;
            var z = Math.Abs((x - Mu) / Sigma);
            // log(1 + z²/ν) without overflowing z² for huge z.
            var log1p = z > 1e150 ? 2.0 * Math.Log(z) - Math.Log(nu) : SamplerMath.Log1P(z * z / nu);
            return SpecialFunctions.GammaLn(0.5 * (nu + 1.0)) - SpecialFunctions.GammaLn(0.5 * nu)
                - 0.5 * (Math.Log(nu) + LogPi) - Math.Log(Sigma) - 0.5 * (nu + 1.0) * log1p;
        }

        /// <summary>3: nu, mu, sigma, in constructor order.</summary>
        public int ParameterCount => 3;

        /// <summary>The primitive with parameters (nu, mu, sigma), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 3 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 3);
            return new Primitive(parameters[0], parameters[1], parameters[2]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with, for z = (x − mu)/σ and w = ν/(ν + z²),
        /// ∂/∂x = −(ν + 1)z/(σ(ν + z²)), ∂/∂mu = (ν + 1)z/(σ(ν + z²)), ∂/∂σ = (ν − (ν + 1)w)/σ and
        /// ∂/∂ν = ½[ψ((ν + 1)/2) − ψ(ν/2) − 1/ν − log(1 + z²/ν) + (ν + 1)(1 − w)/ν] (ψ the digamma function), computed
        /// without overflowing z² for huge z; where the log density is −∞ (x = ±∞ or NaN), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 3 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 3);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 3);
            var nu = Nu;
            var z = (value - Mu) / Sigma;
            var az = Math.Abs(z);
            // w = ν/(ν + z²) and 1 − w = z²/(ν + z²), each without cancellation; slope = (ν + 1)z/(ν + z²).
            double w, oneMinusW, log1p;
            if (az > 1e150)
            {
                w = nu / z / z;
                oneMinusW = 1.0 - w;
                log1p = 2.0 * Math.Log(az) - Math.Log(nu);
            }
            else
            {
                var z2 = z * z;
                w = nu / (nu + z2);
                oneMinusW = z2 / (nu + z2);
                log1p = SamplerMath.Log1P(z2 / nu);
            }
            var slope = az <= 1.0 ? (nu + 1.0) * z / (nu + z * z) : (nu + 1.0) / (nu / z + z);
            dValue = -slope / Sigma;
            dParameters[0] = 0.5 * (SpecialFunctions.DiGamma(0.5 * (nu + 1.0)) - SpecialFunctions.DiGamma(0.5 * nu) - 1.0 / nu - log1p
                + (nu + 1.0) * oneMinusW / nu);
            dParameters[1] = slope / Sigma;
            dParameters[2] = (nu - (nu + 1.0) * w) / Sigma;
            return logDensity;
        }

        /// <summary>ℝ.</summary>
        public Support Support => Support.Real;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"student_t({Nu}, {Mu}, {Sigma})");
    }
}
