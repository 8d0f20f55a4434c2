using System;

namespace Gen;

/// <summary>
/// The Bernoulli distribution on {<c>false</c>, <c>true</c>}: <c>true</c> with probability p; <c>bernoulli(p)</c>.
/// The same law, sampler and density as <see cref="Flip"/> (the same key gives the same value).
/// </summary>
public sealed class Bernoulli : Distribution<bool>
{
    /// <summary>Bernoulli with success probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    public Bernoulli(double p)
    {
        Check.Probability(p);
        P = p;
    }

    /// <summary>The probability of <c>true</c>.</summary>
    public double P { get; }

    /// <inheritdoc />
    public override string Name => "bernoulli";

    /// <inheritdoc />
    public override bool Sample(Key key) => Sample(key, P);

    /// <inheritdoc />
    public override double LogDensity(bool value) => LogDensity(value, P);

    /// <summary><c>U &lt; p</c> with U uniform on [0, 1) (see <see cref="Flip.Sample(Key, double)"/>).</summary>
    public static bool Sample(Key key, double p) => Flip.Sample(key, p);

    /// <summary>log p for <c>true</c>, log(1 − p) for <c>false</c>.</summary>
    public static double LogDensity(bool x, double p) => Flip.LogDensity(x, p);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"bernoulli({P})");
}
