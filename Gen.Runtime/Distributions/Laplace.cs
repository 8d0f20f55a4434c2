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
    public readonly struct Primitive : IPrimitive<double>
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

        /// <summary>The location (mean and median).</summary>
        public double Mu { get; }

        /// <summary>The scale (variance 2b²).</summary>
        public double B { get; }

        /// <summary>Inverse CDF: with V = U − ½ for U uniform on (0, 1), mu − b·sign(V)·log(1 − 2|V|).</summary>
        public double Sample(Key key)
        {
            var v = new KeyBits(key).OpenUniform() - 0.5;
            var e = -Math.Log(1.0 - 2.0 * Math.Abs(v));
            return v < 0 ? Mu - B * e : Mu + B * e;
        }

        /// <summary>−log(2b) − |x − mu|/b; <c>-Infinity</c> for ±∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!double.IsFinite(x)) return double.NegativeInfinity;
            return -Math.Log(2.0 * B) - Math.Abs(x - Mu) / B;
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"laplace({Mu}, {B})");
    }
}
