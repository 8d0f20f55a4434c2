using System;

namespace Gen;

/// <summary>A coin flip: <c>true</c> with probability p; <c>flip(p)</c>. Same law as <see cref="Bernoulli"/>.</summary>
public sealed class Flip : Distribution<bool>
{
    /// <summary>A coin that lands <c>true</c> with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    public Flip(double p)
    {
        Check.Probability(p);
        P = p;
    }

    /// <summary>The probability of <c>true</c>.</summary>
    public double P { get; }

    /// <inheritdoc />
    public override string Name => "flip";

    /// <inheritdoc />
    public override bool Sample(Key key) => Sample(key, P);

    /// <inheritdoc />
    public override double LogDensity(bool value) => LogDensity(value, P);

    /// <summary><c>U &lt; p</c> with U uniform on [0, 1) from the bits of <paramref name="key"/> (so p = 0 never and p = 1 always gives <c>true</c>).</summary>
    public static bool Sample(Key key, double p)
    {
        Check.Probability(p);
        return new KeyBits(key).Uniform() < p;
    }

    /// <summary>log p for <c>true</c>, log(1 − p) for <c>false</c> (<c>-Infinity</c> for an impossible outcome).</summary>
    public static double LogDensity(bool x, double p)
    {
        Check.Probability(p);
        return x ? Math.Log(p) : SamplerMath.Log1P(-p);
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"flip({P})");
}
