using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Gen;

/// <summary>
/// The categorical distribution on {0, 1, …, n − 1}: index i with probability probs[i]; <c>categorical(probs)</c>.
/// </summary>
/// <remarks>
/// <para><c>probs</c> must be non-empty, with non-negative finite entries whose sum is within 1e-9 of 1 (so
/// normalised vectors computed in floating point pass, while unnormalised weights are rejected).</para>
/// <para>Within that tolerance both the sampler and the density use probs[i] / sum(probs), so they agree exactly.
/// Zero-probability indices are never sampled and score <c>-Infinity</c>.</para>
/// </remarks>
public sealed class Categorical : Distribution<int, Categorical.Primitive>
{
    /// <summary>Categorical over the indices of <paramref name="probs"/> (copied, so later changes to the array do not affect it).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probs"/> is empty, has a negative or non-finite entry, or does not sum to 1.</exception>
    public Categorical(double[] probs) : base(new Primitive(Copy(probs))) =>
        Probs = Array.AsReadOnly(Parameters.Values);

    /// <summary>The probabilities (a read-only view of the distribution's own copy).</summary>
    public IReadOnlyList<double> Probs { get; }

    /// <inheritdoc />
    public override string Name => "categorical";

    /// <summary>Inverse CDF: the first i with U·sum &lt; probs[0] + … + probs[i], U uniform on [0, 1).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probs"/> is not a probability vector.</exception>
    public static int Sample(Key key, double[] probs) => new Primitive(probs).Sample(key);

    /// <summary>log(probs[x] / sum(probs)) for 0 ≤ x &lt; n; <c>-Infinity</c> outside (or where probs[x] = 0).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probs"/> is not a probability vector.</exception>
    public static double LogDensity(int x, double[] probs) => new Primitive(probs).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    private static double[] Copy(double[] probs)
    {
        ArgumentNullException.ThrowIfNull(probs);
        return (double[])probs.Clone();
    }

    /// <summary>
    /// Categorical(probs) as a value: what a <c>categorical(probs)</c> choice in a <c>[Gen]</c> body samples through.
    /// </summary>
    /// <remarks>
    /// The primitive holds the array it is given, without copying it (so a choice allocates nothing): the array must
    /// not be changed while the primitive is in use. Its constructor validates it and computes its sum once.
    /// </remarks>
    public readonly struct Primitive : IPrimitive<int>
    {
        private readonly double[] _probs;
        private readonly double _logSum;

        /// <summary>Categorical over the indices of <paramref name="probs"/> (held, not copied: see the remarks).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="probs"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="probs"/> is empty, has a negative or non-finite entry, or does not sum to 1.</exception>
        public Primitive(double[] probs)
        {
            Sum = Check.ProbabilityVector(probs);
            _probs = probs;
            _logSum = Math.Log(Sum);
        }

        /// <summary>The probabilities (the array the primitive was given).</summary>
        public ReadOnlySpan<double> Probs => _probs;

        /// <summary>The sum of the probabilities, added in index order (within 1e-9 of 1).</summary>
        public double Sum { get; }

        internal double[] Values => _probs;

        /// <summary>Inverse CDF: the first i with U·sum &lt; probs[0] + … + probs[i], U uniform on [0, 1).</summary>
        public int Sample(Key key)
        {
            var probs = _probs;
            // The running sum adds in the same order as the check did, so it ends exactly at `Sum` > target.
            var target = new KeyBits(key).Uniform() * Sum;
            var cumulative = 0.0;
            for (var i = 0; i < probs.Length; i++)
            {
                cumulative += probs[i];
                if (target < cumulative) return i;
            }
            return probs.Length - 1; // unreachable: target < sum
        }

        /// <summary>log(probs[x] / sum(probs)) for 0 ≤ x &lt; n; <c>-Infinity</c> outside (or where probs[x] = 0).</summary>
        public double LogDensity(int x)
        {
            if (x < 0 || x >= _probs.Length) return double.NegativeInfinity;
            return Math.Log(_probs[x]) - _logSum;
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"categorical([{string.Join(", ", _probs.Select(p => p.ToString(CultureInfo.InvariantCulture)))}])");
    }
}
