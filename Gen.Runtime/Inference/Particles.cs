using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gen.Internal;

namespace Gen;

/// <summary>
/// A weighted collection of traces: the batch semantics of GenJAX (ImportanceK, EditK, ResampleK).
/// Log weights are unnormalised; <see cref="LogMarginalLikelihood"/> is log of their mean.
/// </summary>
public sealed class Particles<R>
{
    private readonly Trace<R>[]? _traces; // null when the particles live in rows (a batch's columns, Scan chains)
    private readonly ParticleRows<R>? _rows;
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
        : this(traces, null, logWeights, rejections)
    {
    }

    private Particles(Trace<R>[]? traces, ParticleRows<R>? rows, double[] logWeights, Exception?[]? rejections)
    {
        _traces = traces;
        _rows = rows;
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

    /// <summary>The particles of a batch in columns (<see cref="ParticlePath.Batch"/>) or of Scan chains (<see cref="ParticlePath.ScanChains"/>).</summary>
    internal static Particles<R> FromRows(ParticleRows<R> rows, double[] logWeights, Exception?[]? rejections) =>
        new(null, rows, logWeights, rejections);

    /// <summary>
    /// These particles' weights with new traces, trace i made from particle i (a rejuvenation): in columns again where
    /// the particles were a batch of a kernel-subset model and every new trace is of its call (so later steps stay on the
    /// batch and device paths), else one trace each. The same particles either way.
    /// </summary>
    internal Particles<R> WithTraces(Trace<R>[] traces)
    {
        if (_rows is ParticleBatch<R> { HasOneFunction: true } batch && batch.Function.DrawsOnlyChoices
            && batch.Repack(traces, _rejections) is { } packed)
            return FromRows(packed, _logWeights, _rejections); // shared: a collection never writes its arrays
        return new Particles<R>(traces, _logWeights, _rejections);
    }

    /// <summary>The rows holding the particles, or null when each has its own trace.</summary>
    internal ParticleRows<R>? Rows => _rows;

    /// <summary>
    /// The traces. For particles in a batch (<see cref="Path"/>), trace i is a view of row i made on first access: its
    /// score, return value and choices are read from the columns, and a full trace is made only for an edit.
    /// </summary>
    public IReadOnlyList<Trace<R>> Traces => _traces ?? (IReadOnlyList<Trace<R>>)new BatchTraces(this);

    /// <summary>The unnormalised log weights.</summary>
    public IReadOnlyList<double> LogWeights => _logWeights;

    /// <summary>Number of particles.</summary>
    public int Count => _logWeights.Length;

    /// <summary>
    /// How the particles are held: in columns (<see cref="ParticlePath.Batch"/>: models whose trace layout is known at
    /// compile time — constant addresses, <c>(name, i)</c> families, traced calls of such models and combinators over them),
    /// as chains of Scan steps (<see cref="ParticlePath.ScanChains"/>: a Scan's particles, from ImportanceK or an edit that
    /// adds steps) or one trace each (<see cref="ParticlePath.PerParticle"/>: run-time addresses, interpreted models and
    /// callees, calls at one address of different functions in different particles). The
    /// results are the same bit for bit either way.
    /// </summary>
    public ParticlePath Path => _rows?.Path ?? ParticlePath.PerParticle;

    /// <summary>
    /// The choice at <paramref name="address"/> in every particle, in particle order, without building traces (GenJAX's
    /// batched <c>get_choices()["x"]</c>): read from a column for particles in a batch.
    /// </summary>
    /// <exception cref="ChoiceNotFoundException">A particle has no choice there (or was rejected); the message names it.</exception>
    /// <exception cref="ChoiceTypeException">The choice is not a <typeparamref name="T"/>.</exception>
    public IReadOnlyList<T> Values<T>(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var values = new T[Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (_rejections?[i] is { } reason)
                throw new ChoiceNotFoundException(address, $"Particle {i} was rejected ({Rejection.Describe(reason)}), so it has no choice at '{address}'; skip rejected particles (IsRejected) or resample first.");
            values[i] = ValueAt<T>(i, address);
        }
        return values;
    }

    /// <summary>
    /// The weighted mean of the <c>double</c> choice at <paramref name="address"/> over the particles (self-normalised
    /// importance sampling, as <see cref="Mean(Func{Trace{R}, double})"/> of <c>t =&gt; t.Get&lt;double&gt;(address)</c>, the
    /// same bits), read from a column for particles in a batch, without building traces; particles of weight zero
    /// (rejected ones included) are skipped.
    /// </summary>
    /// <exception cref="ChoiceNotFoundException">A particle of positive weight has no choice there.</exception>
    /// <exception cref="ChoiceTypeException">The choice is not a <c>double</c>.</exception>
    /// <exception cref="InvalidOperationException">Every weight is zero, or a weight is NaN (as for <see cref="NormalizedWeights()"/>).</exception>
    public double Mean(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var weights = NormalizedWeights();
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
            if (weights[i] > 0) sum += weights[i] * ValueAt<double>(i, address);
        return sum;
    }

    private T ValueAt<T>(int i, Address address) =>
        _rows is not null && _rows.TryGet<T>(i, address, out var value) ? value : TraceAt(i).Get<T>(address);

    /// <summary>Particle <paramref name="i"/>'s trace: its own, a view of its row, or a rejected particle's placeholder.</summary>
    internal Trace<R> TraceAt(int i)
    {
        if (_traces is not null) return _traces[i];
        // Made on first access and kept, so that a particle's trace is one object (an edit that keeps it keeps that object).
        var views = LazyInitializer.EnsureInitialized(ref _views, () => new Trace<R>?[Count]);
        if (Volatile.Read(ref views[i]) is { } made) return made;
        var view = _rows!.View(i, _rejections?[i]);
        return Interlocked.CompareExchange(ref views[i], view, null) ?? view;
    }

    private Trace<R>?[]? _views;

    /// <summary>The traces of particles in a batch, each made on access.</summary>
    private sealed class BatchTraces(Particles<R> particles) : IReadOnlyList<Trace<R>>
    {
        public Trace<R> this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
                return particles.TraceAt(index);
            }
        }

        public int Count => particles.Count;

        public IEnumerator<Trace<R>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return particles.TraceAt(i);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// How many particles are rejected: running the model or proposal at their point raised an
    /// <see cref="ArgumentOutOfRangeException"/> (a distribution given invalid parameters) or an
    /// <see cref="ArithmeticException"/>, so their log weight is −∞ (docs/inference.md, "Rejection"). A rejected
    /// particle keeps the trace it had before the failed edit (a placeholder if it never had one), is never run again
    /// by <see cref="Edit(EditRequest)"/>, and is never drawn by <see cref="Resample(ResamplingMethod)"/> while any particle has positive weight.
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

    /// <summary>Particle <paramref name="index"/>'s log weight (the array element, without the interface call of <see cref="LogWeights"/>).</summary>
    internal double LogWeightOf(int index) => _logWeights[index];

    /// <summary>Particle <paramref name="index"/>'s rejection reason, or null.</summary>
    internal Exception? RejectionOf(int index) => _rejections?[index];

    /// <summary>log of the mean weight: an unbiased estimate (in weight space) of the marginal likelihood.</summary>
    public double LogMarginalLikelihood() => LogTotal() - Math.Log(_logWeights.Length); // LogSumExp.Mean's arithmetic

    /// <summary>log Σ exp(log weights), found once: the normalised weights, the evidence and the effective sample size share it.</summary>
    private double LogTotal()
    {
        if (Volatile.Read(ref _totalKnown)) return _logTotal;
        _logTotal = LogSumExp.Of(_logWeights); // the log weights never change, so racing threads find the same value
        Volatile.Write(ref _totalKnown, true);
        return _logTotal;
    }

    private double _logTotal;
    private bool _totalKnown;

    /// <summary>The normalised weights (summing to one); a rejected particle's is exactly 0.</summary>
    /// <exception cref="InvalidOperationException">Every weight is zero (log weight -Infinity; the message names the
    /// rejection reason when particles were rejected) or a weight is NaN.</exception>
    public double[] NormalizedWeights() => NormalizedWeights(null);

    /// <summary>The normalised weights, on the cores <paramref name="options"/> allow (each weight alone: the same on any number).</summary>
    internal double[] NormalizedWeights(InferenceOptions? options)
    {
        var total = LogTotal();
        EnsureUsable(total);
        var weights = new double[_logWeights.Length];
        Batch.ByRanges(weights.Length, WeightsPerRange, options, (first, end) =>
        {
            for (var i = first; i < end; i++) weights[i] = Math.Exp(_logWeights[i] - total);
        });
        return weights;
    }

    /// <summary>Fewer weights than twice this are normalised on one thread.</summary>
    private const int WeightsPerRange = 4096;

    /// <summary>Effective sample size, (Σw)² / Σw², between 1 and <see cref="Count"/>.</summary>
    /// <exception cref="InvalidOperationException">Every weight is zero (the message names the rejection reason when
    /// particles were rejected) or a weight is NaN.</exception>
    public double EffectiveSampleSize()
    {
        var total = LogTotal();
        EnsureUsable(total);
        return Math.Exp(-LogSumExp.OfDoubledDifferences(_logWeights, total));
    }

    /// <summary>The weighted mean of <paramref name="f"/> over the particles (self-normalised importance sampling).</summary>
    public double Mean(Func<Trace<R>, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var weights = NormalizedWeights();
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
            if (weights[i] > 0) sum += weights[i] * f(TraceAt(i));
        return sum;
    }

    /// <summary>
    /// ResampleK: N particles drawn in proportion to weight, each carrying the log weight
    /// <see cref="LogMarginalLikelihood"/> of this collection, so the evidence estimate is preserved. A particle of
    /// weight zero (a rejected one included) is never drawn, so the result has no rejected particle.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every weight is zero (the message names the rejection reason when
    /// particles were rejected) or a weight is NaN.</exception>
    public Particles<R> Resample(ResamplingMethod method = ResamplingMethod.Multinomial) => Resample(method, null);

    /// <summary>ResampleK on the cores <paramref name="options"/> allow (a particle filter's); the result does not depend on them.</summary>
    internal Particles<R> Resample(ResamplingMethod method, InferenceOptions? options)
    {
        var weights = NormalizedWeights(options);
        var key = KeySource.Next();
        var indices = method switch
        {
            ResamplingMethod.Multinomial => Resampling.Multinomial(weights, key, options),
            ResamplingMethod.Systematic => Resampling.Systematic(weights, key),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown resampling method."),
        };
        var logMarginal = LogMarginalLikelihood();
        var logWeights = new double[indices.Length];
        Array.Fill(logWeights, logMarginal);
        return _rows is not null
            ? FromRows(_rows.Gather(indices), logWeights, null)
            : new Particles<R>(indices.Select(i => _traces![i]).ToArray(), logWeights);
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
        return EditWithKey(request, KeySource.Next(), options);
    }

    /// <summary>
    /// EditK on the CPU with the key <see cref="Edit(EditRequest, InferenceOptions)"/> draws (a device's edit falls back to
    /// it). A batch path may give way to another layout or to the per-particle edit part way through: progress then
    /// goes on from where it was, never back.
    /// </summary>
    internal Particles<R> EditWithKey(EditRequest request, Key key, InferenceOptions options)
    {
        options = MonotoneProgress.Of(options);
        return request.ApplyBatch(this, key, options) ?? PerParticleEdit(request, key, options);
    }

    /// <summary>EditK with one edit of one trace per particle: the definition the batch paths reproduce bit for bit.</summary>
    internal Particles<R> PerParticleEdit(EditRequest request, Key key, InferenceOptions options) =>
        FromOutcomes(Batch.Run(Count, key, i => Extend(i, request), options, "EditK"));

    /// <summary>
    /// Moves every particle with an MCMC <paramref name="kernel"/> (in parallel; particle i runs as if under
    /// <c>Seed(key.FoldIn(i))</c>), keeping the log weights: a kernel that leaves the target invariant keeps the
    /// collection a valid importance sample — the rejuvenation step of SMC, e.g. HMC-within-SIR with
    /// <c>t =&gt; Mcmc.Hmc(t, selection).Trace</c>. Rejected particles are left as they are; a kernel that raises a rejecting
    /// error leaves its particle unmoved. Particles in columns of a kernel-subset model stay in columns where the moved
    /// traces fit them.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Particles<R> Rejuvenate(Func<Trace<R>, Trace<R>> kernel, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return RejuvenateWithKey(kernel, KeySource.Next(), options);
    }

    /// <summary>
    /// Moves every particle by one Metropolis–Hastings step that resamples <paramref name="selection"/> from the prior,
    /// keeping the log weights: the particles <c>Rejuvenate(t =&gt; Mcmc.MetropolisHastings(t, selection).Trace, options)</c>
    /// gives, bit for bit. Particles in columns (<see cref="ParticlePath.Batch"/>) move in columns: every particle's
    /// proposal is regenerated into new columns and each row is kept or replaced by its decision, with no trace made; a
    /// selection that names an observed choice, or particles with traces of their own, move one trace at a time.
    /// </summary>
    /// <example><code>var moved = particles.Rejuvenate(Selection.Of("slope", "intercept"));</code></example>
    /// <exception cref="InvalidOperationException">A particle's acceptance ratio is NaN (its trace has probability zero).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Particles<R> Rejuvenate(Selection selection, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var key = KeySource.Next();
        options = MonotoneProgress.Of(options ?? InferenceOptions.Default);
        return MetropolisHastingsInColumns(selection, key, options)?.Particles
               ?? RejuvenateWithKey(t => Gen.Inference.Mcmc.MetropolisHastings(t, selection).Trace, key, options);
    }

    /// <summary>
    /// <see cref="Rejuvenate(Selection, InferenceOptions?)"/> in columns with the key it draws, with the moves the model
    /// rejected; null where the particles move one trace at a time.
    /// </summary>
    internal (Particles<R> Particles, int RejectedMoves, Exception? FirstRejection)? MetropolisHastingsInColumns(Selection selection, Key key, InferenceOptions options) =>
        _rows is ParticleBatch<R> { HasOneFunction: true } batch && batch.Function.MetropolisHastingsBatch(this, selection, key, options) is { } moved
            ? (FromRows(moved.Batch, _logWeights, _rejections), moved.RejectedMoves, moved.FirstRejection)
            : null;

    /// <summary>The moves of <see cref="Rejuvenate(Func{Trace{R}, Trace{R}}, InferenceOptions?)"/> with the key it draws.</summary>
    private Particles<R> RejuvenateWithKey(Func<Trace<R>, Trace<R>> kernel, Key key, InferenceOptions? options)
    {
        var traces = Batch.Run(Count, key, i =>
        {
            var trace = TraceAt(i);
            if (_rejections?[i] is not null) return trace;
            try
            {
                return kernel(trace);
            }
            catch (Exception error) when (Rejection.Rejects(error))
            {
                return trace;
            }
        }, options, "Rejuvenate");
        return WithTraces(traces);
    }

    /// <summary>
    /// Particle <paramref name="index"/> edited by <paramref name="request"/>, under the rejection rule: a rejected
    /// particle stays as it is, and an edit that raises a rejecting error leaves the particle's trace with log weight −∞.
    /// </summary>
    private Outcome Extend(int index, EditRequest request)
    {
        var trace = TraceAt(index);
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

    internal static Particles<R> Importance(GenerativeFunction<R> function, int n, ChoiceMap constraints, Key key, InferenceOptions? options = null) =>
        function.ImportanceBatch(n, EditConstraints.Of(constraints), key, options) ?? PerParticleImportance(function, n, constraints, key, options);

    /// <summary>ImportanceK with one trace per particle: the definition the batch paths reproduce bit for bit.</summary>
    internal static Particles<R> PerParticleImportance(GenerativeFunction<R> function, int n, ChoiceMap constraints, Key key, InferenceOptions? options = null)
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
