using System;

namespace Gen.Inference;

/// <summary>
/// Importance sampling: particles from a proposal (the model's prior, or a generative function of your own),
/// weighted by how well they explain the observations; and sampling-importance-resampling (SIR).
/// </summary>
/// <example><code>
/// var particles = ImportanceSampling.Run(model, observations, 10_000);
/// var mean = particles.Mean(t =&gt; t.Get&lt;double&gt;("slope"));
/// var (trace, logEvidence) = ImportanceSampling.Resample(model, observations, 1_000);
/// </code></example>
public static class ImportanceSampling
{
    /// <summary>
    /// <paramref name="particles"/> importance samples with the prior as proposal: exactly
    /// <see cref="GenerativeFunction{R}.ImportanceK"/> (same key, same particles), with <paramref name="options"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An observation names an address the model does not visit.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static Particles<R> Run<R>(GenerativeFunction<R> model, ChoiceMap observations, int particles, InferenceOptions? options = null) =>
        model.ImportanceK(particles, observations, options ?? InferenceOptions.Default);

    /// <summary>
    /// Importance sampling with a custom proposal: particle i simulates <paramref name="proposal"/>, runs the model
    /// with the observations and the proposed choices fixed (choices the proposal leaves out come from the prior), and
    /// weighs the particle by log p(observations, proposed choices, …) − log q(proposed choices), as Gen.jl's
    /// <c>importance_sampling(model, args, observations, proposal, proposal_args, n)</c>.
    /// Particle i runs as if under <c>Seed(batchKey.FoldIn(i))</c>: the proposal draws the first key, the model the second.
    /// A particle whose proposal or model raises an <see cref="ArgumentOutOfRangeException"/> (a proposed point outside
    /// a parameter's domain) or an <see cref="ArithmeticException"/> is rejected: weight zero, counted in
    /// <see cref="Particles{R}.Rejected"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The proposal samples an observed address or one the model does not visit.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static Particles<R> Run<R, P>(GenerativeFunction<R> model, ChoiceMap observations, GenerativeFunction<P> proposal, int particles,
        InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(particles);
        var results = Batch.Run(particles, KeySource.Next(), _ =>
        {
            var attempted = observations;
            try
            {
                var proposed = proposal.Simulate();
                attempted = Combine(observations, proposed.Choices);
                var (trace, weight) = model.Importance(attempted);
                return new Particles<R>.Outcome(trace, weight - proposed.Score, null);
            }
            catch (Exception error) when (Rejection.Rejects(error))
            {
                return Particles<R>.RejectedAt(model, attempted, error);
            }
        }, options, "ImportanceK");
        return Particles<R>.FromOutcomes(results);
    }

    /// <summary>
    /// Sampling-importance-resampling: one trace drawn from <paramref name="particles"/> prior-proposal particles in
    /// proportion to their weights, with the estimate of log p(observations) (Gen.jl's <c>importance_resampling</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">Every particle has weight zero (the message names the rejection reason
    /// when particles were rejected).</exception>
    public static (Trace<R> Trace, double LogMarginalLikelihood) Resample<R>(GenerativeFunction<R> model, ChoiceMap observations, int particles,
        InferenceOptions? options = null) => Resample(model, observations, particles, out _, options);

    /// <summary>
    /// Sampling-importance-resampling as <see cref="Resample{R}(GenerativeFunction{R}, ChoiceMap, int, InferenceOptions?)"/>
    /// (same key, same result), also handing back the weighted particles it drew from in <paramref name="weighted"/>:
    /// their <see cref="Particles{R}.Rejected"/> and <see cref="Particles{R}.FirstRejection"/> report the particles
    /// rejected because the model raised an error at their point. A rejected particle is never the one drawn while
    /// any particle has positive weight.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every particle has weight zero (the message names the rejection reason
    /// when particles were rejected).</exception>
    public static (Trace<R> Trace, double LogMarginalLikelihood) Resample<R>(GenerativeFunction<R> model, ChoiceMap observations, int particles,
        out Particles<R> weighted, InferenceOptions? options = null)
    {
        weighted = Run(model, observations, particles, options);
        var index = Resampling.Multinomial(weighted.NormalizedWeights(), KeySource.Next(), 1)[0];
        return (weighted.Traces[index], weighted.LogMarginalLikelihood());
    }

    /// <summary>The observations and a proposal's choices in one map; a proposal must not sample an observed address.</summary>
    internal static ChoiceMap Combine(ChoiceMap observations, ChoiceMap proposed)
    {
        var builder = new ChoiceMapBuilder();
        foreach (var (address, value) in observations) builder.Add(address, value);
        foreach (var (address, value) in proposed)
        {
            if (observations.Contains(address))
                throw new ArgumentException($"The proposal samples '{address}', which is observed: a proposal proposes only latent choices.", nameof(proposed));
            builder.Add(address, value);
        }
        return builder.Build();
    }
}
