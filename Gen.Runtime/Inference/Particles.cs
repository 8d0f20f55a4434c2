using System;
using System.Collections.Generic;
using System.Linq;

namespace Gen;

/// <summary>
/// A weighted collection of traces: the batch semantics of GenJAX (ImportanceK, EditK, ResampleK).
/// Log weights are unnormalised; <see cref="LogMarginalLikelihood"/> is log of their mean.
/// </summary>
public sealed class Particles<R>
{
    private readonly Trace<R>[] _traces;
    private readonly double[] _logWeights;

    /// <summary>Particles from traces and their unnormalised log weights.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public Particles(IReadOnlyList<Trace<R>> traces, IReadOnlyList<double> logWeights)
    {
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(logWeights);
        if (traces.Count != logWeights.Count)
            throw new ArgumentException($"{traces.Count} traces but {logWeights.Count} log weights: give one weight per trace.", nameof(logWeights));
        if (traces.Count == 0) throw new ArgumentException("A particle collection needs at least one particle.", nameof(traces));
        _traces = traces.ToArray();
        _logWeights = logWeights.ToArray();
    }

    /// <summary>The traces.</summary>
    public IReadOnlyList<Trace<R>> Traces => _traces;

    /// <summary>The unnormalised log weights.</summary>
    public IReadOnlyList<double> LogWeights => _logWeights;

    /// <summary>Number of particles.</summary>
    public int Count => _traces.Length;

    /// <summary>log of the mean weight: an unbiased estimate (in weight space) of the marginal likelihood.</summary>
    public double LogMarginalLikelihood() => LogSumExp.Mean(_logWeights);

    /// <summary>The normalised weights (summing to one).</summary>
    /// <exception cref="InvalidOperationException">Every weight is zero (log weight -Infinity) or a weight is NaN.</exception>
    public double[] NormalizedWeights()
    {
        var total = LogSumExp.Of(_logWeights);
        EnsureUsable(total);
        return _logWeights.Select(w => Math.Exp(w - total)).ToArray();
    }

    /// <summary>Effective sample size, (Σw)² / Σw², between 1 and <see cref="Count"/>.</summary>
    public double EffectiveSampleSize()
    {
        var total = LogSumExp.Of(_logWeights);
        EnsureUsable(total);
        var squares = LogSumExp.Of(_logWeights.Select(w => 2 * (w - total)).ToArray());
        return Math.Exp(-squares);
    }

    /// <summary>The weighted mean of <paramref name="f"/> over the particles (self-normalised importance sampling).</summary>
    public double Mean(Func<Trace<R>, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var weights = NormalizedWeights();
        var sum = 0.0;
        for (var i = 0; i < _traces.Length; i++)
            if (weights[i] > 0) sum += weights[i] * f(_traces[i]);
        return sum;
    }

    /// <summary>
    /// ResampleK: N particles drawn in proportion to weight, each carrying the log weight
    /// <see cref="LogMarginalLikelihood"/> of this collection, so the evidence estimate is preserved.
    /// </summary>
    public Particles<R> Resample(ResamplingMethod method = ResamplingMethod.Multinomial)
    {
        var weights = NormalizedWeights();
        var key = KeySource.Next();
        var indices = method switch
        {
            ResamplingMethod.Multinomial => Resampling.Multinomial(weights, key),
            ResamplingMethod.Systematic => Resampling.Systematic(weights, key),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown resampling method."),
        };
        var logMarginal = LogMarginalLikelihood();
        return new Particles<R>(indices.Select(i => _traces[i]).ToArray(), Enumerable.Repeat(logMarginal, indices.Length).ToArray());
    }

    /// <summary>
    /// EditK: applies <paramref name="request"/> to every trace (in parallel) and adds each edit's weight to the
    /// particle's log weight: an SMC step when the request adds observations.
    /// </summary>
    public Particles<R> Edit(EditRequest request) => Edit(request, InferenceOptions.Default);

    /// <summary>EditK with cancellation, progress and a core limit (<paramref name="options"/>); the result does not depend on them.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Particles<R> Edit(EditRequest request, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var key = KeySource.Next();
        var results = Batch.Run(_traces.Length, key, i => _traces[i].Edit(request), options, "EditK");
        return new Particles<R>(results.Select(r => r.Trace).ToArray(), results.Select((r, i) => _logWeights[i] + r.Weight).ToArray());
    }

    internal static Particles<R> Importance(GenerativeFunction<R> function, int n, ChoiceMap constraints, Key key, InferenceOptions? options = null)
    {
        var results = Batch.Run(n, key, _ => function.Importance(constraints), options, "ImportanceK");
        return new Particles<R>(results.Select(r => r.Trace).ToArray(), results.Select(r => r.Weight).ToArray());
    }

    private static void EnsureUsable(double logTotal)
    {
        if (double.IsNaN(logTotal))
            throw new InvalidOperationException("A particle's log weight is NaN: a density was evaluated outside its domain. Check the model's parameters.");
        if (double.IsNegativeInfinity(logTotal))
            throw new InvalidOperationException(
                "Every particle has weight zero (log weight -Infinity): no particle is consistent with the constraints. " +
                "Check that the observations lie in the support of the model, or use more particles or a better proposal.");
        if (double.IsPositiveInfinity(logTotal))
            throw new InvalidOperationException(
                "A particle's log weight is +Infinity: a density was evaluated at a singularity (for example beta(0.5, 0.5) " +
                "at exactly 0 or 1), so the weights cannot be normalised. Move the observation off the boundary or use a model " +
                "whose density is finite there.");
    }
}
