using System;
using MathNet.Numerics;

namespace Gen;

/// <summary>
/// The negative binomial distribution counting the <b>failures before the r-th success</b> in Bernoulli(p) trials,
/// for real r &gt; 0 (as in Gen.jl and Distributions.jl): mass Γ(k + r) / (k! Γ(r)) · p^r (1 − p)^k on k = 0, 1, 2, …,
/// mean r(1 − p)/p, variance r(1 − p)/p²; <c>neg_binom(r, p)</c>.
/// </summary>
/// <remarks>
/// Values are <see cref="int"/>s, so (as for <see cref="Geometric"/>, which is <c>neg_binom(1, p)</c>) p must be at
/// least <see cref="MinP"/> = 2^−24 and the mean r(1 − p)/p at most <see cref="MaxMean"/> = 2^24: then the Poisson
/// rate of the sampler exceeds <see cref="Poisson.MaxRate"/> = 2^30 with probability below 1e-25 (it is clamped
/// there if it ever does), and values stay far below <see cref="int.MaxValue"/>.
/// </remarks>
public sealed class NegativeBinomial : Distribution<int, NegativeBinomial.Primitive>
{
    /// <summary>The smallest allowed success probability, 2^−24 (see the remarks).</summary>
    public const double MinP = 1.0 / (1 << 24);

    /// <summary>The largest allowed mean r(1 − p)/p, 2^24 (see the remarks).</summary>
    public const double MaxMean = 1 << 24;

    /// <summary>Failures before the <paramref name="r"/>-th success in trials of success probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="r"/> is not positive and finite, or makes the mean exceed <see cref="MaxMean"/>; <paramref name="p"/>
    /// is not in [<see cref="MinP"/>, 1].
    /// </exception>
    public NegativeBinomial(double r, double p) : base(new Primitive(r, p)) { }

    /// <summary>The number of successes r (any positive real).</summary>
    public double R => Parameters.R;

    /// <summary>The success probability of each trial.</summary>
    public double P => Parameters.P;

    /// <inheritdoc />
    public override string Name => "neg_binom";

    /// <summary>
    /// The gamma–Poisson mixture: λ = G·(1 − p)/p with G ~ Gamma(r, 1) (Marsaglia–Tsang, <see cref="KeyBits.StandardGamma"/>)
    /// drawn first, then a Poisson(λ) draw (<see cref="Poisson.Sample(Key, double)"/>'s sampler) continuing the same key.
    /// </summary>
    public static int Sample(Key key, double r, double p) => new Primitive(r, p).Sample(key);

    /// <summary>log Γ(k + r) − log Γ(r) − log k! + r log p + k log(1 − p) for k ≥ 0; <c>-Infinity</c> for k &lt; 0.</summary>
    public static double LogDensity(int x, double r, double p) => new Primitive(r, p).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>The negative binomial distribution as a value: what a <c>neg_binom(r, p)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiableInParameters<Primitive, int>
    {
        /// <summary>Failures before the <paramref name="r"/>-th success in trials of success probability <paramref name="p"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">
        /// <paramref name="r"/> is not positive and finite, or makes the mean exceed <see cref="MaxMean"/>; <paramref name="p"/>
        /// is not in [<see cref="MinP"/>, 1].
        /// </exception>
        public Primitive(double r, double p)
        {
            Check.Positive(r);
            Check.Probability(p);
            if (p < MinP) Check.Fail(nameof(p), p, "must be at least 2^-24 (neg_binom values are ints)");
            var mean = r * ((1.0 - p) / p);
            if (!(mean <= MaxMean)) Check.Fail(nameof(r), r, $"must keep the mean r(1 - p)/p at most 2^24 (neg_binom values are ints; with p = {p} the mean would be {mean})");
            R = r;
            P = p;
        }

        /// <summary>The number of successes r (any positive real).</summary>
        public double R { get; }

        /// <summary>The success probability of each trial.</summary>
        public double P { get; }

        /// <summary>
        /// The gamma–Poisson mixture: λ = G·(1 − p)/p with G ~ Gamma(r, 1) drawn first from the bits of
        /// <paramref name="key"/>, then a Poisson(λ) draw continuing them. No draw when p = 1 (the value is 0).
        /// </summary>
        public int Sample(Key key)
        {
            if (P == 1.0) return 0;
            var bits = new KeyBits(key);
            var rate = bits.StandardGamma(R) * ((1.0 - P) / P);
            return Poisson.Draw(ref bits, Math.Min(rate, Poisson.MaxRate));
        }

        /// <summary>log Γ(k + r) − log Γ(r) − log k! + r log p + k log(1 − p) for k ≥ 0; <c>-Infinity</c> for k &lt; 0.</summary>
        public double LogDensity(int x)
        {
            if (x < 0) return double.NegativeInfinity;
            var logFailures = x == 0 ? 0.0 : x * SamplerMath.Log1P(-P);
            return SpecialFunctions.GammaLn(x + R) - NormalizerMemo.GammaLn(R) - SpecialFunctions.FactorialLn(x)
                + R * Math.Log(P) + logFailures;
        }

        /// <summary>2: the number of successes r and the success probability p.</summary>
        public int ParameterCount => 2;

        /// <summary>The primitive with parameters (r, p), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 2 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">r or p is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 2);
            return new Primitive(parameters[0], parameters[1]);
        }

        /// <summary>
        /// ∂/∂r = ψ(k + r) − ψ(r) + log p (0 + log p at k = 0) and ∂/∂p = r/p − k/(1 − p); both 0 where the density is zero.
        /// </summary>
        public void LogDensityParameterGradient(int x, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            if (x < 0 || x > 0 && P == 1) // the density's zeros (p = 1: no failures)
            {
                dParameters[0] = dParameters[1] = 0;
                return;
            }
            dParameters[0] = (x == 0 ? 0 : SpecialFunctions.DiGamma(x + R) - SpecialFunctions.DiGamma(R)) + Math.Log(P);
            dParameters[1] = R / P - (x == 0 ? 0 : x / (1 - P));
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"neg_binom({R}, {P})");
    }
}
