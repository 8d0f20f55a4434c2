using System;
using System.Runtime.CompilerServices;
using MathNet.Numerics;

namespace Gen;

/// <summary>The Poisson distribution with mean λ, mass λ^k e^(−λ) / k! on k = 0, 1, 2, …; <c>poisson(rate)</c>.</summary>
/// <remarks>
/// The rate may be 0 (always 0). It must be at most <see cref="MaxRate"/> = 2^30 so that values fit an
/// <see cref="int"/> with overwhelming margin (the standard deviation there is 2^15).
/// </remarks>
public sealed class Poisson : Distribution<int, Poisson.Primitive>
{
    /// <summary>The largest allowed rate, 2^30 (see the remarks).</summary>
    public const double MaxRate = 1 << 30;

    /// <summary>Below this rate the sampler multiplies uniforms; from it on it uses PTRS.</summary>
    internal const double SmallRate = 10.0;

    /// <summary>Poisson with mean <paramref name="rate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative, not finite, or above <see cref="MaxRate"/>.</exception>
    public Poisson(double rate) : base(new Primitive(rate)) { }

    /// <summary>The rate λ (mean and variance).</summary>
    public double Rate => Parameters.Rate;

    /// <inheritdoc />
    public override string Name => "poisson";

    /// <summary>
    /// For rate &lt; 10, Knuth's multiplication method (multiply uniforms until the product drops to e^−λ); otherwise
    /// Hörmann's transformed rejection with squeeze, PTRS (1993). Both exact in distribution.
    /// </summary>
    public static int Sample(Key key, double rate) => new Primitive(rate).Sample(key);

    /// <summary>k log λ − λ − log k! for k ≥ 0; <c>-Infinity</c> for k &lt; 0.</summary>
    public static double LogDensity(int x, double rate) => new Primitive(rate).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Poisson(rate) as a value: what a <c>poisson(rate)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiableInParameters<Primitive, int>
    {
        /// <summary>Poisson with mean <paramref name="rate"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative, not finite, or above <see cref="MaxRate"/>.</exception>
        public Primitive(double rate)
        {
            Validate(rate);
            Rate = rate;
        }

        /// <summary>
        /// The primitive as a kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double rate, out bool valid)
        {
            valid = Check.IsNonNegative(rate) && rate <= MaxRate;
            Rate = rate;
        }

        /// <summary>The rate λ (mean and variance).</summary>
        public double Rate { get; }

        /// <summary>
        /// For rate &lt; 10, Knuth's multiplication method (multiply uniforms until the product drops to e^−λ); otherwise
        /// Hörmann's transformed rejection with squeeze, PTRS (1993). Both exact in distribution.
        /// </summary>
        public int Sample(Key key)
        {
            var bits = new KeyBits(key);
            return Draw(ref bits, Rate);
        }

        /// <summary>k log λ − λ − log k! for k ≥ 0; <c>-Infinity</c> for k &lt; 0.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double LogDensity(int x)
        {
            if (x < 0) return double.NegativeInfinity;
            return SamplerMath.XLogY(x, Rate) - Rate - SpecialFunctions.FactorialLn(x);
        }

        /// <summary>1: the rate.</summary>
        public int ParameterCount => 1;

        /// <summary>The primitive with parameter (rate), validated as the constructor validates it.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 1 entry.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The rate is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 1);
            return new Primitive(parameters[0]);
        }

        /// <summary>∂/∂λ of k log λ − λ − log k!: k/λ − 1 (−1 at k = 0); 0 where the density is zero.</summary>
        public void LogDensityParameterGradient(int x, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 1);
            dParameters[0] = x < 0 || x > 0 && Rate == 0 ? 0 : (x == 0 ? 0 : x / Rate) - 1; // the density's zeros, without computing it
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"poisson({Rate})");
    }

    private static void Validate(double rate)
    {
        Check.NonNegative(rate);
        Check.AtMost(rate, MaxRate);
    }

    /// <summary>A Poisson(<paramref name="rate"/>) draw continuing <paramref name="bits"/> (the sampler of <see cref="Primitive.Sample"/>); assumes a valid rate.</summary>
    internal static int Draw(ref KeyBits bits, double rate)
    {
        if (rate == 0) return 0;
        return rate < SmallRate ? Multiplication(ref bits, rate) : Ptrs(ref bits, rate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Multiplication(ref KeyBits bits, double rate)
    {
        var limit = Math.Exp(-rate);
        var k = 0;
        var product = bits.OpenUniform();
        while (product > limit)
        {
            k++;
            product *= bits.OpenUniform();
        }
        return k;
    }

    // W. Hörmann, "The transformed rejection method for generating Poisson random variables",
    // Insurance: Mathematics and Economics 12 (1993); constants as in NumPy's random_poisson_ptrs. Needs rate >= 10.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Ptrs(ref KeyBits bits, double rate)
    {
        var logRate = Math.Log(rate);
        var b = 0.931 + 2.53 * Math.Sqrt(rate);
        var a = -0.059 + 0.02483 * b;
        var logInvAlpha = Math.Log(1.1239 + 1.1328 / (b - 3.4));
        var vr = 0.9277 - 3.6224 / (b - 2.0);
        while (true)
        {
            var u = bits.Uniform() - 0.5;
            var v = bits.Uniform();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2.0 * a / us + b) * u + rate + 0.43);
            if (us >= 0.07 && v <= vr) return (int)k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + logInvAlpha - Math.Log(a / (us * us) + b) <= -rate + k * logRate - SamplerMath.LogGamma(k + 1.0))
                return (int)k;
        }
    }
}
