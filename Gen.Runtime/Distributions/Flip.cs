using System;

namespace Gen;

/// <summary>A coin flip: <c>true</c> with probability p; <c>flip(p)</c>. Same law as <see cref="Bernoulli"/>.</summary>
public sealed class Flip : Distribution<bool, Flip.Primitive>
{
    /// <summary>A coin that lands <c>true</c> with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    public Flip(double p) : base(new Primitive(p)) { }

    /// <summary>The probability of <c>true</c>.</summary>
    public double P => Parameters.P;

    /// <inheritdoc />
    public override string Name => "flip";

    /// <summary><c>U &lt; p</c> with U uniform on [0, 1) from the bits of <paramref name="key"/> (so p = 0 never and p = 1 always gives <c>true</c>).</summary>
    public static bool Sample(Key key, double p) => new Primitive(p).Sample(key);

    /// <summary>log p for <c>true</c>, log(1 − p) for <c>false</c> (<c>-Infinity</c> for an impossible outcome).</summary>
    public static double LogDensity(bool x, double p) => new Primitive(p).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>A coin flip as a value: what a <c>flip(p)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiableInParameters<Primitive, bool>
    {
        /// <summary>A coin that lands <c>true</c> with probability <paramref name="p"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
        public Primitive(double p)
        {
            Check.Probability(p);
            P = p;
        }

        /// <summary>
        /// The primitive as a GPU kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(double p, out bool valid)
        {
            valid = Check.IsProbability(p);
            P = p;
        }

        /// <summary>The probability of <c>true</c>.</summary>
        public double P { get; }

        /// <summary><c>U &lt; p</c> with U uniform on [0, 1) from the bits of <paramref name="key"/> (so p = 0 never and p = 1 always gives <c>true</c>).</summary>
        public bool Sample(Key key) => new KeyBits(key).Uniform() < P;

        /// <summary>log p for <c>true</c>, log(1 − p) for <c>false</c> (<c>-Infinity</c> for an impossible outcome).</summary>
        public double LogDensity(bool x) => x ? PortableMath.Log(P) : SamplerMath.Log1P(-P);

        /// <summary>1: p.</summary>
        public int ParameterCount => 1;

        /// <summary>The coin with parameter (p), validated as the constructor validates it.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 1 entry.</exception>
        /// <exception cref="ArgumentOutOfRangeException">p is not in [0, 1].</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 1);
            return new Primitive(parameters[0]);
        }

        /// <summary>∂/∂p: 1/p for <c>true</c>, −1/(1 − p) for <c>false</c>; 0 for an impossible outcome.</summary>
        public void LogDensityParameterGradient(bool x, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 1);
            dParameters[0] = x ? (P == 0 ? 0 : 1 / P) : (P == 1 ? 0 : -1 / (1 - P)); // an impossible outcome (log p or log(1 − p) = −∞): 0
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"flip({P})");
    }
}
