using System;

namespace Gen;

/// <summary>
/// The Bernoulli distribution on {<c>false</c>, <c>true</c>}: <c>true</c> with probability p; <c>bernoulli(p)</c>.
/// The same law, sampler and density as <see cref="Flip"/> (the same key gives the same value).
/// </summary>
public sealed class Bernoulli : Distribution<bool, Bernoulli.Primitive>
{
    /// <summary>Bernoulli with success probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    public Bernoulli(double p) : base(new Primitive(p)) { }

    /// <summary>The probability of <c>true</c>.</summary>
    public double P => Parameters.P;

    /// <inheritdoc />
    public override string Name => "bernoulli";

    /// <summary><c>U &lt; p</c> with U uniform on [0, 1) (see <see cref="Flip.Sample(Key, double)"/>).</summary>
    public static bool Sample(Key key, double p) => new Primitive(p).Sample(key);

    /// <summary>log p for <c>true</c>, log(1 − p) for <c>false</c>.</summary>
    public static double LogDensity(bool x, double p) => new Primitive(p).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>
    /// Bernoulli(p) as a value: what a <c>bernoulli(p)</c> choice in a <c>[Gen]</c> body samples through. Its sampler
    /// and density are those of <see cref="Flip.Primitive"/>.
    /// </summary>
    public readonly struct Primitive : IDifferentiableInParameters<Primitive, bool>
    {
        private readonly Flip.Primitive _flip;

        /// <summary>Bernoulli with success probability <paramref name="p"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
        public Primitive(double p) => _flip = new Flip.Primitive(p);

        /// <summary>The primitive as a GPU kernel makes it, which cannot throw (see <see cref="Flip.Primitive"/>'s).</summary>
        internal Primitive(double p, out bool valid) => _flip = new Flip.Primitive(p, out valid);

        /// <summary>The probability of <c>true</c>.</summary>
        public double P => _flip.P;

        /// <summary><c>U &lt; p</c> with U uniform on [0, 1) (see <see cref="Flip.Primitive.Sample(Key)"/>).</summary>
        public bool Sample(Key key) => _flip.Sample(key);

        /// <summary>log p for <c>true</c>, log(1 − p) for <c>false</c>.</summary>
        public double LogDensity(bool x) => _flip.LogDensity(x);

        /// <summary>1: p.</summary>
        public int ParameterCount => 1;

        /// <summary>The primitive with parameter (p), validated as the constructor validates it.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 1 entry.</exception>
        /// <exception cref="ArgumentOutOfRangeException">p is not in [0, 1].</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 1);
            return new Primitive(parameters[0]);
        }

        /// <summary>As <see cref="Flip.Primitive.LogDensityParameterGradient"/>.</summary>
        public void LogDensityParameterGradient(bool x, Span<double> dParameters) => _flip.LogDensityParameterGradient(x, dParameters);

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"bernoulli({P})");
    }
}
