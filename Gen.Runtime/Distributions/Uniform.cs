using System;

namespace Gen;

/// <summary>The continuous uniform distribution on [lo, hi]; <c>uniform(lo, hi)</c>.</summary>
public sealed class Uniform : Distribution<double>
{
    /// <summary>Uniform on [lo, hi].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lo"/> or <paramref name="hi"/> is not finite, or <paramref name="hi"/> ≤ <paramref name="lo"/>.</exception>
    public Uniform(double lo, double hi)
    {
        Check.Interval(lo, hi);
        Lo = lo;
        Hi = hi;
    }

    /// <summary>The lower end.</summary>
    public double Lo { get; }

    /// <summary>The upper end.</summary>
    public double Hi { get; }

    /// <inheritdoc />
    public override string Name => "uniform";

    /// <inheritdoc />
    public override double Sample(Key key) => Sample(key, Lo, Hi);

    /// <inheritdoc />
    public override double LogDensity(double value) => LogDensity(value, Lo, Hi);

    /// <summary>Draws lo + (hi − lo)·U with U uniform on [0, 1) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double lo, double hi)
    {
        Check.Interval(lo, hi);
        var x = lo + (hi - lo) * new KeyBits(key).Uniform();
        return x > hi ? hi : x;
    }

    /// <summary>log(1 / (hi − lo)) on the closed interval [lo, hi]; <c>-Infinity</c> outside it.</summary>
    public static double LogDensity(double x, double lo, double hi)
    {
        Check.Interval(lo, hi);
        return x >= lo && x <= hi ? -Math.Log(hi - lo) : double.NegativeInfinity;
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"uniform({Lo}, {Hi})");
}
