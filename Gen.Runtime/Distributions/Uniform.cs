using System;

namespace Gen;

/// <summary>The continuous uniform distribution on [lo, hi]; <c>uniform(lo, hi)</c>.</summary>
public sealed class Uniform : Distribution<double, Uniform.Primitive>
{
    /// <summary>Uniform on [lo, hi].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lo"/> or <paramref name="hi"/> is not finite, or <paramref name="hi"/> ≤ <paramref name="lo"/>.</exception>
    public Uniform(double lo, double hi) : base(new Primitive(lo, hi)) { }

    /// <summary>The lower end.</summary>
    public double Lo => Parameters.Lo;

    /// <summary>The upper end.</summary>
    public double Hi => Parameters.Hi;

    /// <inheritdoc />
    public override string Name => "uniform";

    /// <summary>Draws lo + (hi − lo)·U with U uniform on [0, 1) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double lo, double hi) => new Primitive(lo, hi).Sample(key);

    /// <summary>log(1 / (hi − lo)) on the closed interval [lo, hi]; <c>-Infinity</c> outside it.</summary>
    public static double LogDensity(double x, double lo, double hi) => new Primitive(lo, hi).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Uniform on [lo, hi] as a value: what a <c>uniform(lo, hi)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IPrimitive<double>
    {
        /// <summary>Uniform on [lo, hi].</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="lo"/> or <paramref name="hi"/> is not finite, or <paramref name="hi"/> ≤ <paramref name="lo"/>.</exception>
        public Primitive(double lo, double hi)
        {
            Check.Interval(lo, hi);
            Lo = lo;
            Hi = hi;
        }

        /// <summary>The lower end.</summary>
        public double Lo { get; }

        /// <summary>The upper end.</summary>
        public double Hi { get; }

        /// <summary>lo + (hi − lo)·U with U uniform on [0, 1) from the bits of <paramref name="key"/> (clamped to hi against rounding).</summary>
        public double Sample(Key key)
        {
            var x = Lo + (Hi - Lo) * new KeyBits(key).Uniform();
            return x > Hi ? Hi : x;
        }

        /// <summary>log(1 / (hi − lo)) on the closed interval [lo, hi]; <c>-Infinity</c> outside it.</summary>
        public double LogDensity(double x) => x >= Lo && x <= Hi ? -Math.Log(Hi - Lo) : double.NegativeInfinity;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"uniform({Lo}, {Hi})");
    }
}
