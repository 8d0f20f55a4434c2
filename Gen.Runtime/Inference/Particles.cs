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
    private readonly Exception?[]? _rejections; // null when no particle is rejected
    private readonly int _rejected;

    /// <summary>
    /// Particles from traces and their unnormalised log weights. A trace that is the placeholder of a rejected particle
    /// (taken from another collection's <see cref="Traces"/>) keeps its rejection.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public Particles(IReadOnlyList<Trace<R>> traces, IReadOnlyList<double> logWeights)
        : this(Checked(traces, logWeights), logWeights.ToArray(), RejectionsOf(traces))
    {
    }

    /// <summary>The collection over these arrays, which it takes over; <paramref name="rejections"/>[i] is particle i's reason, or null.</summary>
    internal Particles(Trace<R>[] traces, double[] logWeights, Exception?[]? rejections)
    {
        _traces = traces;
        _logWeights = logWeights;
        if (rejections is null) return;
        foreach (var rejection in rejections)
            if (rejection is not null) _rejected++;
        if (_rejected > 0) _rejections = rejections;
    }

    private static Trace<R>[] Checked(IReadOnlyList<Trace<R>> traces, IReadOnlyList<double> logWeights)
    {
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(logWeights);
        if (traces.Count != logWeights.Count)
            throw new ArgumentException($"{traces.Count} traces but {logWeights.Count} log weights: give one weight per trace.", nameof(logWeights));
        if (traces.Count == 0) throw new ArgumentException("A particle collection needs at least one particle.", nameof(traces));
        return traces.ToArray();
    }

    private static Exception?[]? RejectionsOf(IReadOnlyList<Trace<R>> traces)
    {
        Exception?[]? rejections = null;
        for (var i = 0; i < traces.Count; i++)
            if (traces[i] is RejectedTrace<R> rejected)
                (rejections ??= new Exception?[traces.Count])[i] = rejected.Reason;
        return rejections;
    }

    /// <summary>The traces.</summary>
    public IReadOnlyList<Trace<R>> Traces => _traces;

    /// <summary>The unnormalised log weights.</summary>
    public IReadOnlyList<double> LogWeights => _logWeights;

    /// <summary>Number of particles.</summary>
    public int Count => _traces.Length;

    /// <summary>
    /// How many particles are rejected: running the model or proposal at their point raised an
    /// <see cref="ArgumentOutOfRangeException"/> (a distribution given invalid parameters) or an
    /// <see cref="ArithmeticException"/>, so their log weight is −∞ (docs/inference.md, "Rejection"). A rejected
    /// particle keeps the trace it had before the failed edit (a placeholder if it never had one), is never run again
    /// by <see cref="Edit(EditRequest)"/>, and is never drawn by <see cref="Resample"/> while any particle has positive weight.
    /// </summary>
    public int Rejected => _rejected;

    /// <summary>The reason the first rejected particle (lowest index) was rejected, or null when none was.</summary>
    public Exception? FirstRejection
    {
        get
        {
            if (_rejections is null) return null;
            foreach (var rejection in _rejections)
                if (rejection is not null) return rejection;
            return null;
        }
    }

    /// <summary>Whether particle <paramref name="index"/> is rejected (see <see cref="Rejected"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a particle's index.</exception>
    public bool IsRejected(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _rejections?[index] is not null;
    }

    /// <summary>Particle <paramref name="index"/>'s rejection reason, or null.</summary>
    internal Exception? RejectionOf(int index) => _rejections?[index];

    /// <summary>log of the mean weight: an unbiased estimate (in weight space) of the marginal likelihood.</summary>
    public double LogMarginalLikelihood() => LogSumExp.Mean(_logWeights);

    /// <summary>The normalised weights (summing to one); a rejected particle's is exactly 0.</summary>
    /// <exception cref="InvalidOperationException">Every weight is zero (log weight -Infinity; the message names the
    /// rejection reason when particles were rejected) or a weight is NaN.</exception>
    public double[] NormalizedWeights()
    {
        var total = LogSumExp.Of(_logWeights);
        EnsureUsable(total);
        return _logWeights.Select(w => Math.Exp(w - total)).ToArray();
    }

    /// <summary>Effective sample size, (Σw)² / Σw², between 1 and <see cref="Count"/>.</summary>
    /// <exception cref="InvalidOperationException">Every weight is zero (the message names the rejection reason when
    /// particles were rejected) or a weight is NaN.</exception>
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
    /// <see cref="LogMarginalLikelihood"/> of this collection, so the evidence estimate is preserved. A particle of
    /// weight zero (a rejected one included) is never drawn, so the result has no rejected particle.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every weight is zero (the message names the rejection reason when
    /// particles were rejected) or a weight is NaN.</exception>
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
    /// particle's log weight: an SMC step when the request adds observations. A particle whose edit is rejected (see
    /// <see cref="Rejected"/>) keeps its trace with log weight −∞; an already rejected particle is left as it is.
    /// </summary>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit.</exception>
    public Particles<R> Edit(EditRequest request) => Edit(request, InferenceOptions.Default);

    /// <summary>EditK with cancellation, progress and a core limit (<paramref name="options"/>); the result does not depend on them.</summary>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Particles<R> Edit(EditRequest request, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var key = KeySource.Next();
        var results = Batch.Run(_traces.Length, key, i => Extend(i, request), options, "EditK");
        return FromOutcomes(results);
    }

    /// <summary>
    /// Particle <paramref name="index"/> edited by <paramref name="request"/>, under the rejection rule: a rejected
    /// particle stays as it is, and an edit that raises a rejecting error leaves the particle's trace with log weight −∞.
    /// </summary>
    private Outcome Extend(int index, EditRequest request)
    {
        var trace = _traces[index];
        if (_rejections?[index] is { } earlier) return new Outcome(trace, double.NegativeInfinity, earlier);
        try
        {
            var result = trace.Edit(request);
            return new Outcome(result.Trace, _logWeights[index] + result.Weight, null);
        }
        catch (Exception error) when (Rejection.Rejects(error))
        {
            return new Outcome(trace, double.NegativeInfinity, error);
        }
    }

    /// <summary>A fresh particle rejected for <paramref name="reason"/>: a placeholder trace run at <paramref name="attempted"/>, log weight −∞.</summary>
    internal static Outcome RejectedAt(GenerativeFunction<R> function, ChoiceMap attempted, Exception reason) =>
        new(new RejectedTrace<R>(function, attempted, reason), double.NegativeInfinity, reason);

    /// <summary>The collection of the batch's particle outcomes.</summary>
    internal static Particles<R> FromOutcomes(Outcome[] outcomes)
    {
        var traces = new Trace<R>[outcomes.Length];
        var weights = new double[outcomes.Length];
        Exception?[]? rejections = null;
        for (var i = 0; i < outcomes.Length; i++)
        {
            (traces[i], weights[i], var rejection) = outcomes[i];
            if (rejection is not null) (rejections ??= new Exception?[outcomes.Length])[i] = rejection;
        }
        return new Particles<R>(traces, weights, rejections);
    }

    /// <summary>One particle after a batch step: its trace, log weight and rejection reason (null if not rejected).</summary>
    internal readonly record struct Outcome(Trace<R> Trace, double LogWeight, Exception? Rejection);

    internal static Particles<R> Importance(GenerativeFunction<R> function, int n, ChoiceMap constraints, Key key, InferenceOptions? options = null)
    {
        var results = Batch.Run(n, key, _ =>
        {
            try
            {
                var (trace, weight) = function.Importance(constraints);
                return new Outcome(trace, weight, null);
            }
            catch (Exception error) when (Rejection.Rejects(error))
            {
                return RejectedAt(function, constraints, error);
            }
        }, options, "ImportanceK");
        return FromOutcomes(results);
    }

    private void EnsureUsable(double logTotal)
    {
        if (double.IsNaN(logTotal))
            throw new InvalidOperationException("A particle's log weight is NaN: a density was evaluated outside its domain. Check the model's parameters." +
                                                RejectionNote());
        if (double.IsNegativeInfinity(logTotal))
            throw new InvalidOperationException(_rejected == Count
                ? $"Every particle has weight zero (log weight -Infinity): all {Count} particles were rejected, because running the model " +
                  $"at their point raised an error; the first (particle {FirstRejectedIndex()}) raised {Rejection.Describe(FirstRejection!)} " +
                  "Check the model's parameters, or use a proposal that stays inside their domain."
                : "Every particle has weight zero (log weight -Infinity): no particle is consistent with the constraints. " +
                  "Check that the observations lie in the support of the model, or use more particles or a better proposal." + RejectionNote());
        if (double.IsPositiveInfinity(logTotal))
            throw new InvalidOperationException(
                "A particle's log weight is +Infinity: a density was evaluated at a singularity (for example beta(0.5, 0.5) " +
                "at exactly 0 or 1), so the weights cannot be normalised. Move the observation off the boundary or use a model " +
                "whose density is finite there.");
    }

    /// <summary>" 3 of 100 particles were rejected: …", or "" when none was.</summary>
    private string RejectionNote() => _rejected == 0
        ? ""
        : $" {_rejected} of {Count} particles were rejected; the first (particle {FirstRejectedIndex()}) raised {Rejection.Describe(FirstRejection!)}";

    private int FirstRejectedIndex() => _rejections is null ? -1 : Array.FindIndex(_rejections, r => r is not null);
}
