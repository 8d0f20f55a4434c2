using System;
using System.Runtime.CompilerServices;
using MathNet.Numerics;

namespace Gen;

/// <summary>The beta distribution on [0, 1], density x^(a−1) (1 − x)^(b−1) / B(a, b); <c>beta(a, b)</c>.</summary>
public sealed class Beta : Distribution<double, Beta.Primitive>
{
    /// <summary>Beta(a, b).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> or <paramref name="b"/> is not positive and finite.</exception>
    public Beta(double a, double b) : base(new Primitive(a, b)) { }

    /// <summary>The first shape parameter (the exponent of x is a − 1).</summary>
    public double A => Parameters.A;

    /// <summary>The second shape parameter (the exponent of 1 − x is b − 1).</summary>
    public double B => Parameters.B;

    /// <inheritdoc />
    public override string Name => "beta";

    /// <summary>
    /// X / (X + Y) with X ~ Gamma(a, 1) drawn first and Y ~ Gamma(b, 1) second from one key, computed from their
    /// logarithms (<see cref="KeyBits.LogStandardGamma"/>) so that small shapes never give 0/0.
    /// </summary>
    public static double Sample(Key key, double a, double b) => new Primitive(a, b).Sample(key);

    /// <summary>
    /// (a − 1) log x + (b − 1) log(1 − x) − log B(a, b) on [0, 1] (at the ends, the density's limit, possibly +∞);
    /// <c>-Infinity</c> outside [0, 1] or for NaN.
    /// </summary>
    public static double LogDensity(double x, double a, double b) => new Primitive(a, b).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Beta(a, b) as a value: what a <c>beta(a, b)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>Beta(a, b).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> or <paramref name="b"/> is not positive and finite.</exception>
        public Primitive(double a, double b)
        {
            Check.Positive(a);
            Check.Positive(b);
            A = a;
            B = b;
        }

        /// <summary>
        /// The primitive as a kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double a, double b, out bool valid)
        {
            valid = Check.IsPositive(a) && Check.IsPositive(b);
            A = a;
            B = b;
        }

        /// <summary>The first shape parameter (the exponent of x is a − 1).</summary>
        public double A { get; }

        /// <summary>The second shape parameter (the exponent of 1 − x is b − 1).</summary>
        public double B { get; }

        /// <summary>
        /// X / (X + Y) with X ~ Gamma(a, 1) drawn first and Y ~ Gamma(b, 1) second from one key, computed from their
        /// logarithms (<see cref="KeyBits.LogStandardGamma"/>) so that small shapes never give 0/0.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Sample(Key key)
        {
            var bits = new KeyBits(key);
            var logX = bits.LogStandardGamma(A);
            var logY = bits.LogStandardGamma(B);
            return 1.0 / (1.0 + Math.Exp(logY - logX));
        }

        /// <summary>
        /// (a − 1) log x + (b − 1) log(1 − x) − log B(a, b) on [0, 1] (at the ends, the density's limit, possibly +∞);
        /// <c>-Infinity</c> outside [0, 1] or for NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double LogDensity(double x)
        {
            if (!(x >= 0 && x <= 1)) return double.NegativeInfinity;
            var logOneMinusX = B == 1.0 ? 0.0 : (B - 1.0) * SamplerMath.Log1P(-x);
            return SamplerMath.XLogY(A - 1.0, x) + logOneMinusX - NormalizerMemo.BetaLn(A, B);
        }

        /// <summary>2: a, b, in constructor order.</summary>
        public int ParameterCount => 2;

        /// <summary>The primitive with parameters (a, b), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 2 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 2);
            return new Primitive(parameters[0], parameters[1]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with ∂/∂x = (a − 1)/x − (b − 1)/(1 − x) (a term
        /// whose coefficient is 0 is 0, also at the ends), ∂/∂a = log x − ψ(a) + ψ(a + b) and
        /// ∂/∂b = log(1 − x) − ψ(b) + ψ(a + b), ψ the digamma function; at an end where the density's limit is not 0,
        /// the one-sided derivatives (possibly infinite); where the log density is −∞ (outside [0, 1], NaN, or an end
        /// where the density vanishes), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 2 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 2);
            var psiSum = SpecialFunctions.DiGamma(A + B);
            dValue = (A == 1.0 ? 0.0 : (A - 1.0) / value) - (B == 1.0 ? 0.0 : (B - 1.0) / (1.0 - value));
            dParameters[0] = Math.Log(value) - SpecialFunctions.DiGamma(A) + psiSum;
            dParameters[1] = SamplerMath.Log1P(-value) - SpecialFunctions.DiGamma(B) + psiSum;
            return logDensity;
        }

        /// <summary>(0, 1).</summary>
        public Support Support => Support.UnitInterval;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"beta({A}, {B})");
    }
}
