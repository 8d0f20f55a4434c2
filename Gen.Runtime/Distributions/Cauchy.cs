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
    public readonly struct Primitive : IPrimitive<double>
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

        /// <summary>The location (median).</summary>
        public double X0 { get; }

        /// <summary>The scale (half the interquartile range).</summary>
        public double Gamma { get; }

        /// <summary>Inverse CDF: x0 + gamma·tan(π(U − ½)) with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
        public double Sample(Key key) => X0 + Gamma * Math.Tan(Math.PI * (new KeyBits(key).OpenUniform() - 0.5));

        /// <summary>−log(πγ) − log(1 + z²) with z = (x − x0)/γ; <c>-Infinity</c> for ±∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!double.IsFinite(x)) return double.NegativeInfinity;
            var z = Math.Abs((x - X0) / Gamma);
            // log(1 + z²) without overflowing z² for huge z.
            var log1pz2 = z > 1e150 ? 2.0 * Math.Log(z) : SamplerMath.Log1P(z * z);
            return -LogPi - Math.Log(Gamma) - log1pz2;
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"cauchy({X0}, {Gamma})");
    }
}
