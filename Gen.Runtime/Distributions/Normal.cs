using System;

namespace Gen;

/// <summary>The normal distribution N(mu, sigma²); <c>normal(mu, sigma)</c>.</summary>
public sealed class Normal : Distribution<double>
{
    /// <summary>N(mu, sigma²).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="sigma"/> is not positive.</exception>
    public Normal(double mu, double sigma)
    {
        Check.Finite(mu);
        Check.Positive(sigma);
        Mu = mu;
        Sigma = sigma;
    }

    /// <summary>The mean.</summary>
    public double Mu { get; }

    /// <summary>The standard deviation.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public override string Name => "normal";

    /// <inheritdoc />
    public override double Sample(Key key) => Sample(key, Mu, Sigma);

    /// <inheritdoc />
    public override double LogDensity(double value) => LogDensity(value, Mu, Sigma);

    /// <summary>Draws from N(mu, sigma²) with the bits of <paramref name="key"/> (value-type code).</summary>
    public static double Sample(Key key, double mu, double sigma)
    {
        Check.Finite(mu);
        Check.Positive(sigma);
        return mu + sigma * new KeyBits(key).StandardNormal();
    }

    /// <summary>log N(x; mu, sigma²); <c>-Infinity</c> for ±∞ or NaN.</summary>
    public static double LogDensity(double x, double mu, double sigma)
    {
        Check.Finite(mu);
        Check.Positive(sigma);
        if (!double.IsFinite(x)) return double.NegativeInfinity;
        var z = (x - mu) / sigma;
        return -0.5 * z * z - Math.Log(sigma) - SamplerMath.LogSqrt2Pi;
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"normal({Mu}, {Sigma})");
}
