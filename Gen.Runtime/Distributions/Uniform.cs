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
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>Uniform on [lo, hi].</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="lo"/> or <paramref name="hi"/> is not finite, or <paramref name="hi"/> ≤ <paramref name="lo"/>.</exception>
        public Primitive(double lo, double hi)
        {
            Check.Interval(lo, hi);
            Lo = lo;
            Hi = hi;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double lo, double hi, out bool valid)
        {
            valid = Check.IsInterval(lo, hi);
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
        public double LogDensity(double x) => x >= Lo && x <= Hi ? -PortableMath.Log(Hi - Lo) : double.NegativeInfinity;

        /// <summary>2: lo, hi, in constructor order.</summary>
        public int ParameterCount => 2;

        /// <summary>The primitive with parameters (lo, hi), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 2 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 2);
            return new Primitive(parameters[0], parameters[1]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with ∂/∂x = 0, ∂/∂lo = 1/(hi − lo) and
        /// ∂/∂hi = −1/(hi − lo) on [lo, hi] (at an end, the derivatives with x held inside); outside it, zero
        /// derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 2 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 2);
            var inverseWidth = 1.0 / (Hi - Lo);
            dValue = 0.0;
            dParameters[0] = inverseWidth;
            dParameters[1] = -inverseWidth;
            return logDensity;
        }

        /// <summary>(lo, hi).</summary>
        public Support Support => Support.Between(Lo, Hi);

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"uniform({Lo}, {Hi})");
    }
}
