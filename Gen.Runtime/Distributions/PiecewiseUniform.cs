using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Gen;

/// <summary>
/// A piecewise uniform distribution (Gen.jl's <c>piecewise_uniform</c>): bin i, the interval from bounds[i] to
/// bounds[i + 1], has probability probs[i], spread uniformly over it; <c>piecewise_uniform(bounds, probs)</c>.
/// </summary>
/// <remarks>
/// <para><c>bounds</c> must have at least two finite entries, strictly increasing, each bin of finite width;
/// <c>probs</c> one entry per bin (bounds.Length − 1), a probability vector as for <see cref="Categorical"/> (its
/// entries are divided by their sum, which is within 1e-9 of 1).</para>
/// <para>As in Gen.jl, the density is probs[i] / (bounds[i + 1] − bounds[i]) where bounds[i] &lt; x ≤ bounds[i + 1],
/// and 0 (log density <c>-Infinity</c>) for x ≤ bounds[0] or x ≥ bounds[n]: each bin includes its upper end, except
/// the last.</para>
/// </remarks>
public sealed class PiecewiseUniform : Distribution<double, PiecewiseUniform.Primitive>
{
    /// <summary>The piecewise uniform distribution with the given bin edges and bin probabilities (both copied).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bounds"/> or <paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The parameters are invalid (see the remarks).</exception>
    public PiecewiseUniform(double[] bounds, double[] probs) : base(new Primitive(Copy(bounds), Copy(probs)))
    {
        Bounds = Array.AsReadOnly(Parameters.BoundsArray);
        Probs = Array.AsReadOnly(Parameters.ProbsArray);
    }

    /// <summary>The bin edges (a read-only view of the distribution's own copy).</summary>
    public IReadOnlyList<double> Bounds { get; }

    /// <summary>The bin probabilities (a read-only view of the distribution's own copy).</summary>
    public IReadOnlyList<double> Probs { get; }

    /// <inheritdoc />
    public override string Name => "piecewise_uniform";

    /// <summary>
    /// The bin by inverse CDF as in <see cref="Categorical.Sample(Key, double[])"/> (the key's first uniform), then a
    /// point of it: bounds[i] + (bounds[i + 1] − bounds[i])·V with V uniform on (0, 1) (the second).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="bounds"/> or <paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The parameters are invalid (see the remarks).</exception>
    public static double Sample(Key key, double[] bounds, double[] probs) => new Primitive(bounds, probs).Sample(key);

    /// <summary>
    /// log(probs[i] / sum(probs)) − log(bounds[i + 1] − bounds[i]) where bounds[i] &lt; x ≤ bounds[i + 1];
    /// <c>-Infinity</c> for x ≤ bounds[0], x ≥ bounds[n], NaN, or a bin of probability 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="bounds"/> or <paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The parameters are invalid (see the remarks).</exception>
    public static double LogDensity(double x, double[] bounds, double[] probs) => new Primitive(bounds, probs).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>A copy of <paramref name="values"/>, or null for null (which the primitive's constructor rejects, naming the parameter).</summary>
    private static double[] Copy(double[] values) => (double[])values?.Clone()!;

    /// <summary>
    /// The piecewise uniform distribution as a value: what a <c>piecewise_uniform(bounds, probs)</c> choice in a
    /// <c>[Gen]</c> body samples through.
    /// </summary>
    /// <remarks>
    /// The primitive holds the arrays it is given, without copying them: they must not be changed while the primitive
    /// is in use. Its constructor validates them (see the remarks of <see cref="PiecewiseUniform"/>) and computes the
    /// sum of the probabilities once.
    /// </remarks>
    public readonly struct Primitive : IPrimitive<double>
    {
        private readonly double[] _bounds;
        private readonly double[] _probs;
        private readonly double _sum;
        private readonly double _logSum;

        /// <summary>The piecewise uniform distribution with the given bin edges and bin probabilities (held, not copied: see the remarks).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="bounds"/> or <paramref name="probs"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The parameters are invalid (see the remarks of <see cref="PiecewiseUniform"/>).</exception>
        public Primitive(double[] bounds, double[] probs)
        {
            ArgumentNullException.ThrowIfNull(bounds);
            if (bounds.Length < 2) Check.Fail(nameof(bounds), $"of length {bounds.Length}", "must have at least two entries (one bin)");
            for (var i = 0; i < bounds.Length; i++)
            {
                if (!double.IsFinite(bounds[i])) Check.Fail(nameof(bounds), bounds[i], $"must have finite entries; entry {i}");
                if (i > 0 && !(bounds[i] > bounds[i - 1]))
                    Check.Fail(nameof(bounds), bounds[i], $"must be strictly increasing, but entry {i} does not exceed entry {i - 1} = {bounds[i - 1]}");
                if (i > 0 && !double.IsFinite(bounds[i] - bounds[i - 1]))
                    Check.Fail(nameof(bounds), bounds[i], $"must have bins of finite width; entry {i} is too far from entry {i - 1} = {bounds[i - 1]}");
            }
            _sum = Check.ProbabilityVector(probs);
            if (probs.Length != bounds.Length - 1)
                Check.Fail(nameof(probs), $"of length {probs.Length}", $"must have one entry per bin (bounds.Length - 1 = {bounds.Length - 1})");
            _bounds = bounds;
            _probs = probs;
            _logSum = Math.Log(_sum);
        }

        /// <summary>The bin edges (the array the primitive was given).</summary>
        public ReadOnlySpan<double> Bounds => _bounds;

        /// <summary>The bin probabilities (the array the primitive was given).</summary>
        public ReadOnlySpan<double> Probs => _probs;

        internal double[] BoundsArray => _bounds;

        internal double[] ProbsArray => _probs;

        /// <summary>
        /// The bin by inverse CDF (the first i with U·sum &lt; probs[0] + … + probs[i], U the key's first uniform on
        /// [0, 1)), then bounds[i] + (bounds[i + 1] − bounds[i])·V with V the second, uniform on (0, 1); a point that
        /// rounding puts on an end of the bin outside it is moved inside.
        /// </summary>
        public double Sample(Key key)
        {
            var probs = _probs;
            var bits = new KeyBits(key);
            var target = bits.Uniform() * _sum;
            var cumulative = 0.0;
            var bin = probs.Length - 1;
            for (var i = 0; i < probs.Length; i++)
            {
                cumulative += probs[i];
                if (target < cumulative)
                {
                    bin = i;
                    break;
                }
            }
            var lo = _bounds[bin];
            var hi = _bounds[bin + 1];
            var x = lo + (hi - lo) * bits.OpenUniform();
            // The bin is (lo, hi], or (lo, hi) for the last one: keep x there against rounding.
            if (!(x > lo)) x = hi;
            if (bin == probs.Length - 1 && !(x < hi)) x = Math.BitDecrement(hi);
            return x;
        }

        /// <summary>
        /// log(probs[i] / sum(probs)) − log(bounds[i + 1] − bounds[i]) where bounds[i] &lt; x ≤ bounds[i + 1];
        /// <c>-Infinity</c> for x ≤ bounds[0], x ≥ bounds[n], NaN, or a bin of probability 0.
        /// </summary>
        public double LogDensity(double x)
        {
            var bounds = _bounds;
            if (!(x > bounds[0] && x < bounds[^1])) return double.NegativeInfinity;
            // Binary search for the bin i with bounds[i] < x <= bounds[i + 1]: invariant bounds[lo] < x <= bounds[hi].
            int lo = 0, hi = bounds.Length - 1;
            while (hi - lo > 1)
            {
                var mid = lo + (hi - lo) / 2;
                if (bounds[mid] < x) lo = mid;
                else hi = mid;
            }
            return Math.Log(_probs[lo]) - _logSum - Math.Log(bounds[lo + 1] - bounds[lo]);
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant(
            $"piecewise_uniform([{string.Join(", ", _bounds.Select(b => b.ToString(CultureInfo.InvariantCulture)))}], [{string.Join(", ", _probs.Select(p => p.ToString(CultureInfo.InvariantCulture)))}])");
    }
}
