using System;

namespace Gen;

/// <summary>The Laplace (double exponential) distribution, density e^(−|x − mu|/b) / 2b; <c>laplace(mu, b)</c>.</summary>
public sealed class Laplace : Distribution<double, Laplace.Primitive>
{
    /// <summary>Laplace with location <paramref name="mu"/> and scale <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="b"/> is not positive.</exception>
    public Laplace(double mu, double b) : base(new Primitive(mu, b)) { }

    /// <summary>The location (mean and median).</summary>
    public double Mu => Parameters.Mu;

    /// <summary>The scale (variance 2b²).</summary>
    public double B => Parameters.B;

    /// <inheritdoc />
    public override string Name => "laplace";

    /// <summary>Inverse CDF: with V = U − ½ for U uniform on (0, 1), mu − b·sign(V)·log(1 − 2|V|).</summary>
    public static double Sample(Key key, double mu, double b) => new Primitive(mu, b).Sample(key);

    /// <summary>−log(2b) − |x − mu|/b; <c>-Infinity</c> for ±∞ or NaN.</summary>
    public static double LogDensity(double x, double mu, double b) => new Primitive(mu, b).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Laplace(mu, b) as a value: what a <c>laplace(mu, b)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>Laplace with location <paramref name="mu"/> and scale <paramref name="b"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="b"/> is not positive.</exception>
        public Primitive(double mu, double b)
        {
            Check.Finite(mu);
            Check.Positive(b);
            Mu = mu;
            B = b;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double mu, double b, out bool valid)
        {
            valid = Check.IsFinite(mu) && Check.IsPositive(b);
            Mu = mu;
            B = b;
        }

        /// <summary>The location (mean and median).</summary>
        public double Mu { get; }

        /// <summary>The scale (variance 2b²).</summary>
        public double B { get; }

        /// <summary>Inverse CDF: with V = U − ½ for U uniform on (0, 1), mu − b·sign(V)·log(1 − 2|V|).</summary>
        public double Sample(Key key)
        {
            var v = new KeyBits(key).OpenUniform() - 0.5;
            var e = -PortableMath.Log(1.0 - 2.0 * Math.Abs(v));
            return v < 0 ? Mu - B * e : Mu + B * e;
        }

        /// <summary>−log(2b) − |x − mu|/b; <c>-Infinity</c> for ±∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!double.IsFinite(x)) return double.NegativeInfinity;
            return -PortableMath.Log(2.0 * B) - Math.Abs(x - Mu) / B;
        }

        /// <summary>2: mu, b, in constructor order.</summary>
        public int ParameterCount => 2;

        /// <summary>The primitive with parameters (mu, b), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 2 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 2);
            return new Primitive(parameters[0], parameters[1]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with, for s = sign(x − mu), ∂/∂x = −s/b,
        /// ∂/∂mu = s/b and ∂/∂b = (|x − mu|/b − 1)/b; at x = mu, where the density has a kink, s = 0 (the midpoint of
        /// the one-sided derivatives); where the log density is −∞ (x = ±∞ or NaN), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 2 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 2);
            var d = value - Mu;
            var sign = d > 0 ? 1.0 : d < 0 ? -1.0 : 0.0;
            dValue = -sign / B;
            dParameters[0] = sign / B;
            dParameters[1] = (Math.Abs(d) / B - 1.0) / B;
            return logDensity;
        }

        /// <summary>ℝ.</summary>
        public Support Support => Support.Real;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"laplace({Mu}, {B})");
    }
}
