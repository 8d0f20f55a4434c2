using System;

namespace Gen;

/// <summary>
/// The half-normal distribution: |X| for X ~ N(0, scale²), density √(2/π)/scale · e^(−x²/(2 scale²)) on x ≥ 0;
/// <c>half_normal(scale)</c>.
/// </summary>
public sealed class HalfNormal : Distribution<double, HalfNormal.Primitive>
{
    /// <summary>The half-normal distribution of |X|, X ~ N(0, <paramref name="scale"/>²).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive and finite.</exception>
    public HalfNormal(double scale) : base(new Primitive(scale)) { }

    /// <summary>The scale σ of the folded normal (mean σ√(2/π), variance σ²(1 − 2/π)).</summary>
    public double Scale => Parameters.Scale;

    /// <inheritdoc />
    public override string Name => "half_normal";

    /// <summary>scale·|Z| with Z standard normal (Box–Muller) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double scale) => new Primitive(scale).Sample(key);

    /// <summary>log 2 − ½ log 2π − log σ − x²/(2σ²) for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
    public static double LogDensity(double x, double scale) => new Primitive(scale).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>The half-normal distribution as a value: what a <c>half_normal(scale)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>The half-normal distribution of |X|, X ~ N(0, <paramref name="scale"/>²).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive and finite.</exception>
        public Primitive(double scale)
        {
            Check.Positive(scale);
            Scale = scale;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double scale, out bool valid)
        {
            valid = Check.IsPositive(scale);
            Scale = scale;
        }

        /// <summary>The scale σ of the folded normal.</summary>
        public double Scale { get; }

        /// <summary>scale·|Z| with Z standard normal (Box–Muller) from the bits of <paramref name="key"/>.</summary>
        public double Sample(Key key) => Scale * Math.Abs(new KeyBits(key).StandardNormal());

        /// <summary>log 2 − ½ log 2π − log σ − x²/(2σ²) for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!(x >= 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            var z = x / Scale;
            return -0.5 * z * z - PortableMath.Log(Scale) + (SamplerMath.Log2 - SamplerMath.LogSqrt2Pi);
        }

        /// <summary>1: scale, in constructor order.</summary>
        public int ParameterCount => 1;

        /// <summary>The primitive with parameters (scale), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 1 entry.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 1);
            return new Primitive(parameters[0]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with, for z = x/σ, ∂/∂x = −z/σ and
        /// ∂/∂σ = (z² − 1)/σ (at x = 0, the one-sided derivative in x, 0); where the log density is −∞ (x &lt; 0, +∞
        /// or NaN), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 1 entry.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 1);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 1);
            var z = value / Scale;
            dValue = -z / Scale;
            dParameters[0] = (z * z - 1.0) / Scale;
            return logDensity;
        }

        /// <summary>(0, ∞).</summary>
        public Support Support => Support.Positive;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"half_normal({Scale})");
    }
}
