using System;
using System.Collections.Generic;

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
}

/// <summary>The outcome of a particle filter.</summary>
/// <param name="Particles">The weighted particles after the last step.</param>
/// <param name="EffectiveSampleSizes">The effective sample size after each step's update (one per step).</param>
/// <param name="ResampledBefore">The steps before which the filter resampled.</param>
public sealed record SmcResult<R>(Particles<R> Particles, IReadOnlyList<double> EffectiveSampleSizes, IReadOnlyList<int> ResampledBefore)
{
    /// <summary>The filter's estimate of log p(all observations): unbiased in p, as resampling keeps the mean weight.</summary>
    public double LogMarginalLikelihood => Particles.LogMarginalLikelihood();
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
    /// fixed key the result does not depend on the thread count.</remarks>
    /// <exception cref="ArgumentException">No observations, or an observation names an address the model does not visit.</exception>
    /// <exception cref="InvalidOperationException">Every particle has weight zero after a step (the message names the step).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SmcResult<R> Run<R>(Func<int, GenerativeFunction<R>> model, IReadOnlyList<ChoiceMap> observations, int particles,
        SmcOptions? options = null, Func<Trace<R>, int, Trace<R>>? rejuvenate = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(particles);
        if (observations.Count == 0) throw new ArgumentException("A particle filter needs at least one step of observations.", nameof(observations));
        options ??= new SmcOptions();
        if (!(options.EssThreshold is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.EssThreshold, "EssThreshold must lie between 0 and 1.");
        var batch = options with { Progress = null }; // one report per step, not per batch
        return KeySource.Seeded(KeySource.Next(), () =>
        {
            var steps = observations.Count;
            var sizes = new List<double>(steps);
            var resampled = new List<int>();
            var current = Particles<R>.Importance(model(0), particles, observations[0], KeySource.Next(), batch);
            sizes.Add(EffectiveSampleSize(current, 0));
            options.Progress?.Report(new InferenceProgress("SMC", 1, steps));
            for (var t = 1; t < steps; t++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                if (sizes[^1] < options.EssThreshold * particles)
                {
                    current = current.Resample(options.Resampling);
                    resampled.Add(t);
                    if (rejuvenate is not null) current = Rejuvenate(current, rejuvenate, t - 1, batch);
                }
                current = current.Edit(EditRequest.Update(model(t), observations[t]), batch);
                sizes.Add(EffectiveSampleSize(current, t));
                options.Progress?.Report(new InferenceProgress("SMC", t + 1, steps));
            }
            return new SmcResult<R>(current, sizes, resampled);
        });
    }

    private static Particles<R> Rejuvenate<R>(Particles<R> particles, Func<Trace<R>, int, Trace<R>> kernel, int step, InferenceOptions options)
    {
        var traces = Batch.Run(particles.Count, KeySource.Next(), i => kernel(particles.Traces[i], step), options, "Rejuvenate");
        return new Particles<R>(traces, particles.LogWeights);
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
