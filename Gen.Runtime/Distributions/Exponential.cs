using System;

namespace Gen;

/// <summary>The exponential distribution with rate λ (mean 1/λ), density λ·e^(−λx) on x ≥ 0; <c>exponential(rate)</c>.</summary>
public sealed class Exponential : Distribution<double, Exponential.Primitive>
{
    /// <summary>Exponential with the given rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not positive and finite.</exception>
    public Exponential(double rate) : base(new Primitive(rate)) { }

    /// <summary>The rate λ (inverse mean).</summary>
    public double Rate => Parameters.Rate;

    /// <inheritdoc />
    public override string Name => "exponential";

    /// <summary>Inverse CDF: −log(U)/rate with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
    public static double Sample(Key key, double rate) => new Primitive(rate).Sample(key);

    /// <summary>log λ − λx for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
    public static double LogDensity(double x, double rate) => new Primitive(rate).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Exponential(rate) as a value: what an <c>exponential(rate)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        /// <summary>Exponential with the given rate.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not positive and finite.</exception>
        public Primitive(double rate)
        {
            Check.Positive(rate);
            Rate = rate;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double rate, out bool valid)
        {
            valid = Check.IsPositive(rate);
            Rate = rate;
        }

        /// <summary>The rate λ (inverse mean).</summary>
        public double Rate { get; }

        /// <summary>Inverse CDF: −log(U)/rate with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
        public double Sample(Key key) => -PortableMath.Log(new KeyBits(key).OpenUniform()) / Rate;

        /// <summary>log λ − λx for x ≥ 0; <c>-Infinity</c> for x &lt; 0, +∞ or NaN.</summary>
        public double LogDensity(double x)
        {
            if (!(x >= 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
            return PortableMath.Log(Rate) - Rate * x;
        }

        /// <summary>1: rate, in constructor order.</summary>
        public int ParameterCount => 1;

        /// <summary>The primitive with parameters (rate), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 1 entry.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 1);
            return new Primitive(parameters[0]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with ∂/∂x = −λ and ∂/∂λ = 1/λ − x; where the log
        /// density is −∞ (x &lt; 0, +∞ or NaN), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 1 entry.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 1);
            var logDensity = LogDensity(value);
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 1);
            dValue = -Rate;
            dParameters[0] = 1.0 / Rate - value;
            return logDensity;
        }

        /// <summary>(0, ∞).</summary>
        public Support Support => Support.Positive;

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"exponential({Rate})");
    }
}
