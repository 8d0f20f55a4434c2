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
public sealed class Categorical : Distribution<int>
{
    private readonly double[] _probs;

    /// <summary>Categorical over the indices of <paramref name="probs"/> (copied, so later changes to the array do not affect it).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probs"/> is empty, has a negative or non-finite entry, or does not sum to 1.</exception>
    public Categorical(double[] probs)
    {
        Check.ProbabilityVector(probs);
        _probs = (double[])probs.Clone();
        Probs = Array.AsReadOnly(_probs);
    }

    /// <summary>The probabilities (a read-only view of the distribution's own copy).</summary>
    public IReadOnlyList<double> Probs { get; }

    /// <inheritdoc />
    public override string Name => "categorical";

    /// <inheritdoc />
    public override int Sample(Key key) => Sample(key, _probs);

    /// <inheritdoc />
    public override double LogDensity(int value) => LogDensity(value, _probs);

    /// <summary>Inverse CDF: the first i with U·sum &lt; probs[0] + … + probs[i], U uniform on [0, 1).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probs"/> is not a probability vector.</exception>
    public static int Sample(Key key, double[] probs)
    {
        var sum = Check.ProbabilityVector(probs);
        // The running sum adds in the same order as the check did, so it ends exactly at `sum` > target.
        var target = new KeyBits(key).Uniform() * sum;
        var cumulative = 0.0;
        for (var i = 0; i < probs.Length; i++)
        {
            cumulative += probs[i];
            if (target < cumulative) return i;
        }
        return probs.Length - 1; // unreachable: target < sum
    }

    /// <summary>log(probs[x] / sum(probs)) for 0 ≤ x &lt; n; <c>-Infinity</c> outside (or where probs[x] = 0).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probs"/> is not a probability vector.</exception>
    public static double LogDensity(int x, double[] probs)
    {
        var sum = Check.ProbabilityVector(probs);
        if (x < 0 || x >= probs.Length) return double.NegativeInfinity;
        return Math.Log(probs[x]) - Math.Log(sum);
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"categorical([{string.Join(", ", _probs.Select(p => p.ToString(CultureInfo.InvariantCulture)))}])");
}
