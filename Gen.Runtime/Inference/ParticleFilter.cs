using System;
using System.Collections.Generic;
using System.Linq;
using Gen.Internal;

namespace Gen.Inference;

/// <summary>Settings of a particle filter: when and how to resample, plus the run settings of <see cref="InferenceOptions"/>.</summary>
public sealed record SmcOptions : InferenceOptions
{
    /// <summary>
    /// Resample before a step when the effective sample size is below this fraction of the particle count
    /// (0: never; 1: nearly always). Default 0.5.
    /// </summary>
    public double EssThreshold { get; init; } = 0.5;

    /// <summary>How to resample. Default systematic (lower variance than multinomial).</summary>
    public ResamplingMethod Resampling { get; init; } = ResamplingMethod.Systematic;

    /// <summary>
    /// A rejuvenation after each resampling by one Metropolis–Hastings move per particle that resamples
    /// <c>RejuvenationSelection(t)</c> from the prior (t: the last step the particles hold), e.g.
    /// <c>t =&gt; Selection.Of(("steps", t, "z"))</c>. The result is that of the kernel
    /// <c>(trace, t) =&gt; Mcmc.MetropolisHastings(trace, RejuvenationSelection(t)).Trace</c>, bit for bit, but particles in
    /// columns move in columns (<see cref="Particles{R}.Rejuvenate(Selection, InferenceOptions?)"/>), so the whole filter
    /// makes no trace per particle. The function should depend on t alone (it is called once per resampling, where the
    /// kernel form would call it once per particle). Null (the default): no such move; a filter given a rejuvenation
    /// kernel too refuses both.
    /// </summary>
    public Func<int, Selection>? RejuvenationSelection { get; init; }
}

/// <summary>The outcome of a particle filter.</summary>
/// <param name="Particles">The weighted particles after the last step.</param>
/// <param name="EffectiveSampleSizes">The effective sample size after each step's update (one per step).</param>
/// <param name="ResampledBefore">The steps before which the filter resampled.</param>
public sealed record SmcResult<R>(Particles<R> Particles, IReadOnlyList<double> EffectiveSampleSizes, IReadOnlyList<int> ResampledBefore)
{
    /// <summary>The filter's estimate of log p(all observations): unbiased in p, as resampling keeps the mean weight.</summary>
    public double LogMarginalLikelihood => Particles.LogMarginalLikelihood();

    /// <summary>
    /// How many particle extensions the run rejected, over all steps: a particle whose step (the model, or the
    /// proposal) raised an <see cref="ArgumentOutOfRangeException"/> or <see cref="ArithmeticException"/> got log
    /// weight −∞ at that step (each particle counted once, at the step where it was rejected; resampling then drops it).
    /// </summary>
    public int Rejected { get; init; }

    /// <summary>
    /// How many rejuvenation moves were rejected by such an error: a kernel that raised it (the particle keeps its trace)
    /// and the Metropolis–Hastings steps inside kernels whose proposed point raised it.
    /// </summary>
    public int RejectedRejuvenations { get; init; }

    /// <summary>The first rejection's reason (the earliest step; within a step, the particles before the rejuvenations, lowest index first), or null.</summary>
    public Exception? FirstRejection { get; init; }
}

/// <summary>
/// Sequential Monte Carlo (a particle filter) for models that grow one step at a time, such as a
/// <see cref="Combinators.Scan{S}(Func{int, S, GenerativeFunction{S}}, int, S)"/> state-space model: the
/// particles are extended by <c>Update</c> to the model with one more step and that step's observations
/// (EditK), resampled when the effective sample size drops below a threshold, and optionally rejuvenated by an
/// MCMC kernel after each resampling.
/// </summary>
/// <example><code>
/// var result = ParticleFilter.Run(t =&gt; HmmGen(t + 1), observations, 1_000,
///     rejuvenate: (trace, t) =&gt; Mcmc.MetropolisHastings(trace, Selection.Of(("steps", t, "z"))).Trace);
/// Console.WriteLine(result.LogMarginalLikelihood);
/// </code></example>
public static class ParticleFilter
{
    /// <summary>
    /// Runs the filter over <c>observations.Count</c> steps. Step 0 is importance sampling of
    /// <c>model(0)</c> with <c>observations[0]</c>; step t updates every particle to <c>model(t)</c> with
    /// <c>observations[t]</c>, the observations of that step alone (full addresses, e.g. <c>("steps", t, "y")</c>).
    /// </summary>
    /// <param name="model">The model with t + 1 steps, for t = 0, 1, …: typically <c>t =&gt; Scan(kernel, t + 1, init)</c> or a
    /// <c>[Gen]</c> model taking the step count.</param>
    /// <param name="observations">The new observations of each step.</param>
    /// <param name="particles">The number of particles.</param>
    /// <param name="options">Resampling settings, cancellation, progress (one report per step) and cores.</param>
    /// <param name="rejuvenate">An MCMC kernel applied to every particle after each resampling (given the trace and the
    /// index of the last step it holds); it must leave the posterior invariant, e.g. Metropolis–Hastings.</param>
    /// <remarks>The run draws one key from the ambient stream and derives every key of its batches from it, so on a
    /// fixed key the result does not depend on the thread count. A particle whose step raises an
    /// <see cref="ArgumentOutOfRangeException"/> or <see cref="ArithmeticException"/> is rejected (log weight −∞) and a
    /// rejuvenation kernel that raises one leaves the particle as it was; <see cref="SmcResult{R}.Rejected"/>,
    /// <see cref="SmcResult{R}.RejectedRejuvenations"/> and <see cref="SmcResult{R}.FirstRejection"/> report them.</remarks>
    /// <exception cref="ArgumentException">No observations, or an observation names an address the model does not visit.</exception>
    /// <exception cref="InvalidOperationException">Every particle has weight zero after a step (the message names the step).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SmcResult<R> Run<R>(Func<int, GenerativeFunction<R>> model, IReadOnlyList<ChoiceMap> observations, int particles,
        SmcOptions? options = null, Func<Trace<R>, int, Trace<R>>? rejuvenate = null) =>
        Filter(model, observations, particles, options, Kernel(rejuvenate), Bootstrap(model, observations, particles));

    /// <summary>
    /// A rejuvenation by one Metropolis–Hastings step of <paramref name="rejuvenate"/>(t) per particle: in columns where the
    /// particles are a batch, else one trace at a time, with the same result and the same count of rejected moves.
    /// </summary>
    private static Rejuvenation<R> MetropolisHastings<R>(Func<int, Selection> rejuvenate) => (current, t, batch, tally) =>
    {
        var selection = rejuvenate(t) ?? throw new ArgumentException($"SmcOptions.RejuvenationSelection gave no selection for step {t}.", "options");
        var key = KeySource.Next();
        if (current.MetropolisHastingsInColumns(selection, key, batch) is not { } moved)
            return Rejuvenate(current, (trace, _) => Mcmc.MetropolisHastings(trace, selection).Trace, t, batch, tally, key);
        tally.Moves += moved.RejectedMoves;
        tally.First ??= moved.FirstRejection;
        return moved.Particles;
    };

    /// <summary>The bootstrap filter's step: ImportanceK of <c>model(0)</c>, then EditK to <c>model(t)</c> with the step's observations.</summary>
    private static Func<Particles<R>?, int, InferenceOptions, Particles<R>> Bootstrap<R>(Func<int, GenerativeFunction<R>> model, IReadOnlyList<ChoiceMap> observations, int particles) =>
        (previous, t, batch) => previous is null
            ? Particles<R>.Importance(model(0), particles, observations[0], KeySource.Next(), batch)
            : previous.Edit(EditRequest.Update(model(t), observations[t]), batch);

    /// <summary>A rejuvenation that applies <paramref name="kernel"/> to every particle (none without one).</summary>
    internal static Rejuvenation<R>? Kernel<R>(Func<Trace<R>, int, Trace<R>>? kernel) =>
        kernel is null ? null : (current, t, batch, tally) => Rejuvenate(current, kernel, t, batch, tally, KeySource.Next());

    /// <summary>Moves the particles after resampling before step t + 1 (<c>t</c>: the last step they hold), counting rejected moves in the tally.</summary>
    internal delegate Particles<R> Rejuvenation<R>(Particles<R> current, int t, InferenceOptions batch, Tally tally);

    /// <summary>
    /// The particle filter with a custom proposal for each step's new latent choices (Gen.jl's
    /// <c>particle_filter_step!</c> with a proposal): at step t every particle simulates <c>proposal(trace, t)</c> (at
    /// step 0 the trace is null), is updated to <c>model(t)</c> with the step's observations and the proposed
    /// choices, and its weight grows by the update's weight minus log q(proposed choices). A proposal that looks at the
    /// step's observations (e.g. the locally optimal one) gives far lower variance than the prior.
    /// </summary>
    /// <param name="model">The model with t + 1 steps.</param>
    /// <param name="observations">The new observations of each step.</param>
    /// <param name="particles">The number of particles.</param>
    /// <param name="proposal">The proposal of step t given the particle's trace so far (null at step 0); its choices are at the model's
    /// addresses and must not include observed ones.</param>
    /// <param name="options">Resampling settings, cancellation, progress (one report per step) and cores.</param>
    /// <param name="rejuvenate">An MCMC kernel applied to every particle after each resampling.</param>
    /// <remarks>Particle i of a step runs as if under <c>Seed(batchKey.FoldIn(i))</c>: the proposal draws the first key, the
    /// model's edit the second. A particle whose proposal or model raises an <see cref="ArgumentOutOfRangeException"/> or
    /// <see cref="ArithmeticException"/> is rejected (log weight −∞, counted in <see cref="SmcResult{R}.Rejected"/>).</remarks>
    /// <exception cref="ArgumentException">No observations, or the proposal samples an observed address or one the model does not visit.</exception>
    /// <exception cref="InvalidOperationException">Every particle has weight zero after a step (the message names the step).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SmcResult<R> Run<R, P>(Func<int, GenerativeFunction<R>> model, IReadOnlyList<ChoiceMap> observations, int particles,
        Func<Trace<R>?, int, GenerativeFunction<P>> proposal, SmcOptions? options = null, Func<Trace<R>, int, Trace<R>>? rejuvenate = null)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return Filter(model, observations, particles, options, Kernel(rejuvenate), (previous, t, batch) =>
        {
            var key = KeySource.Next();
            // Particles in columns or Scan chains start and extend there, each with its own proposed choices; else one trace each.
            var batched = previous is null
                ? model(t).ImportanceBatch(particles, new ProposedConstraints<P>(observations[t], _ => proposal(null, t)), key, batch)
                : model(t).UpdateBatch(previous, new ProposedConstraints<P>(observations[t], i => proposal(previous.TraceAt(i), t)), key, batch);
            return batched ?? ProposalStep(model, observations, particles, proposal, previous, t, key, batch);
        });
    }

    /// <summary>A step with a proposal, one trace per particle (particle i under <c>Seed(key.FoldIn(i))</c>): the definition the batch paths reproduce bit for bit.</summary>
    internal static Particles<R> ProposalStep<R, P>(Func<int, GenerativeFunction<R>> model, IReadOnlyList<ChoiceMap> observations, int particles,
        Func<Trace<R>?, int, GenerativeFunction<P>> proposal, Particles<R>? previous, int t, Key key, InferenceOptions batch)
    {
        var results = Batch.Run(particles, key, i =>
        {
            var trace = previous?.Traces[i];
            if (previous?.RejectionOf(i) is { } earlier) return new Particles<R>.Outcome(trace!, double.NegativeInfinity, earlier);
            var attempted = observations[t];
            try
            {
                var proposed = proposal(trace, t).Simulate();
                attempted = ImportanceSampling.Combine(observations[t], proposed.Choices);
                var (next, weight) = trace is null ? model(t).Importance(attempted) : Edit(trace.Update(model(t), attempted));
                return new Particles<R>.Outcome(next, (previous?.LogWeights[i] ?? 0.0) + weight - proposed.Score, null);
            }
            catch (Exception error) when (Rejection.Rejects(error))
            {
                return trace is null
                    ? Particles<R>.RejectedAt(model(t), attempted, error)
                    : new Particles<R>.Outcome(trace, double.NegativeInfinity, error);
            }
        }, batch, "SMC");
        return Particles<R>.FromOutcomes(results);
    }

    private static (Trace<R> Trace, double Weight) Edit<R>(EditResult<R> edit) => (edit.Trace, edit.Weight);

    /// <summary>The filter's loop: <paramref name="step"/> extends the particles to step t (from null at t = 0).</summary>
    internal static SmcResult<R> Filter<R>(Func<int, GenerativeFunction<R>> model, IReadOnlyList<ChoiceMap> observations, int particles,
        SmcOptions? options, Rejuvenation<R>? rejuvenate, Func<Particles<R>?, int, InferenceOptions, Particles<R>> step)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(particles);
        if (observations.Count == 0) throw new ArgumentException("A particle filter needs at least one step of observations.", nameof(observations));
        options ??= new SmcOptions();
        if (!(options.EssThreshold is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.EssThreshold, "EssThreshold must lie between 0 and 1.");
        if (options.RejuvenationSelection is { } moves)
        {
            if (rejuvenate is not null)
                throw new ArgumentException("Give either a rejuvenation kernel or SmcOptions.RejuvenationSelection, not both: the filter applies one move after each resampling.", nameof(options));
            rejuvenate = MetropolisHastings<R>(moves);
        }
        var batch = options with { Progress = null }; // one report per step, not per batch
        return KeySource.Seeded(KeySource.Next(), () =>
        {
            var steps = observations.Count;
            var sizes = new List<double>(steps);
            var resampled = new List<int>();
            var tally = new Tally();
            var current = step(null, 0, batch);
            tally.Step(null, current);
            sizes.Add(EffectiveSampleSize(current, 0));
            options.Progress?.Report(new InferenceProgress("SMC", 1, steps));
            for (var t = 1; t < steps; t++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                if (sizes[^1] < options.EssThreshold * particles)
                {
                    current = current.Resample(options.Resampling, batch);
                    resampled.Add(t);
                    if (rejuvenate is not null) current = rejuvenate(current, t - 1, batch, tally);
                }
                var before = current;
                current = step(current, t, batch);
                tally.Step(before, current);
                sizes.Add(EffectiveSampleSize(current, t));
                options.Progress?.Report(new InferenceProgress("SMC", t + 1, steps));
            }
            return new SmcResult<R>(current, sizes, resampled)
            {
                Rejected = tally.Particles, RejectedRejuvenations = tally.Moves, FirstRejection = tally.First,
            };
        });
    }

    /// <summary>The rejections of a run: particles rejected at a step, rejuvenation moves rejected, the first reason.</summary>
    internal sealed class Tally
    {
        public int Particles, Moves;
        public Exception? First;

        /// <summary>Counts the particles that <paramref name="after"/> rejects and <paramref name="before"/> (null at step 0) did not.</summary>
        public void Step<R>(Particles<R>? before, Particles<R> after)
        {
            if (after.Rejected == (before?.Rejected ?? 0)) return;
            for (var i = 0; i < after.Count; i++)
            {
                if (after.RejectionOf(i) is not { } reason || before?.RejectionOf(i) is not null) continue;
                Particles++;
                First ??= reason;
            }
        }
    }

    /// <summary>
    /// Applies the kernel to every particle. A kernel that raises a rejecting error leaves the particle's trace as it
    /// was (the move is rejected); the moves rejected inside kernels (MH steps) are counted too.
    /// </summary>
    private static Particles<R> Rejuvenate<R>(Particles<R> particles, Func<Trace<R>, int, Trace<R>> kernel, int step, InferenceOptions options, Tally tally, Key key)
    {
        var results = Batch.Run(particles.Count, key, i =>
        {
            var trace = particles.Traces[i];
            if (particles.IsRejected(i)) return (trace, 0, (Exception?)null);
            var log = RejectionLog.Open(propagate: false);
            try
            {
                trace = kernel(trace, step);
            }
            catch (Exception error) when (Rejection.Rejects(error))
            {
                log.Add(error);
            }
            finally
            {
                log.Close();
            }
            return (trace, log.Count, log.First);
        }, options, "Rejuvenate");
        var traces = new Trace<R>[results.Length];
        for (var i = 0; i < results.Length; i++)
        {
            (traces[i], var count, var first) = results[i];
            tally.Moves += count;
            tally.First ??= first;
        }
        return particles.WithTraces(traces);
    }

    private static double EffectiveSampleSize<R>(Particles<R> particles, int step)
    {
        try
        {
            return particles.EffectiveSampleSize();
        }
        catch (InvalidOperationException error)
        {
            throw new InvalidOperationException($"Particle filter, step {step}: {error.Message}", error);
        }
    }
}
