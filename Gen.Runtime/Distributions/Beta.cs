using System;
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
    public readonly struct Primitive : IPrimitive<double>
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

        /// <summary>The first shape parameter (the exponent of x is a − 1).</summary>
        public double A { get; }

        /// <summary>The second shape parameter (the exponent of 1 − x is b − 1).</summary>
        public double B { get; }

        /// <summary>
        /// X / (X + Y) with X ~ Gamma(a, 1) drawn first and Y ~ Gamma(b, 1) second from one key, computed from their
        /// logarithms (<see cref="KeyBits.LogStandardGamma"/>) so that small shapes never give 0/0.
        /// </summary>
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
        public double LogDensity(double x)
        {
            if (!(x >= 0 && x <= 1)) return double.NegativeInfinity;
            var logOneMinusX = B == 1.0 ? 0.0 : (B - 1.0) * SamplerMath.Log1P(-x);
            return SamplerMath.XLogY(A - 1.0, x) + logOneMinusX - SpecialFunctions.BetaLn(A, B);
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"beta({A}, {B})");
    }
}
