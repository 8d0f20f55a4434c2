using System;

namespace Gen;

/// <summary>
/// The geometric distribution counting the <b>failures before the first success</b> in Bernoulli(p) trials:
/// support 0, 1, 2, …, mass p(1 − p)^k, mean (1 − p)/p (the convention of GenJAX and TensorFlow Probability);
/// <c>geometric(p)</c>.
/// </summary>
/// <remarks>
/// Values are <see cref="int"/>s, so p must be at least <see cref="MinP"/> = 2^−24: then the mass beyond
/// <see cref="int.MaxValue"/> is below e^−127 and the law is exact in double precision.
/// </remarks>
public sealed class Geometric : Distribution<int, Geometric.Primitive>
{
    /// <summary>The smallest allowed success probability, 2^−24 (see the remarks).</summary>
    public const double MinP = 1.0 / (1 << 24);

    /// <summary>Geometric with success probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [<see cref="MinP"/>, 1].</exception>
    public Geometric(double p) : base(new Primitive(p)) { }

    /// <summary>The success probability of each trial.</summary>
    public double P => Parameters.P;

    /// <inheritdoc />
    public override string Name => "geometric";

    /// <summary>Inverse CDF: ⌊log U / log(1 − p)⌋ with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
    public static int Sample(Key key, double p) => new Primitive(p).Sample(key);

    /// <summary>log p + k log(1 − p) for k ≥ 0; <c>-Infinity</c> for k &lt; 0.</summary>
    public static double LogDensity(int x, double p) => new Primitive(p).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Geometric(p) as a value: what a <c>geometric(p)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiableInParameters<Primitive, int>
    {
        /// <summary>Geometric with success probability <paramref name="p"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [<see cref="MinP"/>, 1].</exception>
        public Primitive(double p)
        {
            Validate(p);
            P = p;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double p, out bool valid)
        {
            valid = Check.IsProbability(p) && p >= MinP;
            P = p;
        }

        /// <summary>The success probability of each trial.</summary>
        public double P { get; }

        /// <summary>Inverse CDF: ⌊log U / log(1 − p)⌋ with U uniform on (0, 1) from the bits of <paramref name="key"/>.</summary>
        public int Sample(Key key)
        {
            if (P == 1.0) return 0;
            var k = Math.Floor(PortableMath.Log(new KeyBits(key).OpenUniform()) / SamplerMath.Log1P(-P));
            return k >= int.MaxValue ? int.MaxValue : (int)k;
        }

        /// <summary>log p + k log(1 − p) for k ≥ 0; <c>-Infinity</c> for k &lt; 0.</summary>
        public double LogDensity(int x)
        {
            if (x < 0) return double.NegativeInfinity;
            if (P == 1.0) return x == 0 ? 0.0 : double.NegativeInfinity;
            return PortableMath.Log(P) + x * SamplerMath.Log1P(-P);
        }

        /// <summary>1: the success probability.</summary>
        public int ParameterCount => 1;

        /// <summary>The primitive with parameter (p), validated as the constructor validates it.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 1 entry.</exception>
        /// <exception cref="ArgumentOutOfRangeException">p is not in [<see cref="MinP"/>, 1].</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 1);
            return new Primitive(parameters[0]);
        }

        /// <summary>∂/∂p of log p + k log(1 − p): 1/p − k/(1 − p) (1/p at k = 0); 0 where the density is zero.</summary>
        public void LogDensityParameterGradient(int x, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 1);
            dParameters[0] = x < 0 || x > 0 && P == 1 ? 0 : 1 / P - (x == 0 ? 0 : x / (1 - P)); // the density's zeros, without computing it
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"geometric({P})");
    }

    private static void Validate(double p)
    {
        Check.Probability(p);
        if (p < MinP) Check.Fail(nameof(p), p, "must be at least 2^-24 (geometric values are ints)");
    }
}
