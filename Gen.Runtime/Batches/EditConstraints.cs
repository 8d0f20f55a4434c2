using System;

namespace Gen.Internal;

/// <summary>
/// The constraints of one batch edit: one map for every particle (EditK), or each particle's own — a proposal's choices
/// with the step's observations (a particle filter with a proposal), drawn under the particle's seed before its edit
/// draws its key, as the per-particle step draws them.
/// </summary>
internal abstract class EditConstraints(ChoiceMap shared)
{
    /// <summary>What every particle's constraints hold: the columns store them once, as fixed values.</summary>
    public ChoiceMap Shared { get; } = shared;

    /// <summary>Particle <paramref name="i"/>'s constraints and the log density of its proposed choices (0 without a proposal).</summary>
    public abstract (ChoiceMap Map, double Proposed) For(int i);

    /// <summary>Whether every particle's constraints are <see cref="Shared"/> (no particle has its own).</summary>
    public bool IsShared => this is SharedConstraints;

    /// <summary>The same constraints for every particle.</summary>
    public static EditConstraints Of(ChoiceMap constraints) => new SharedConstraints(constraints);

    private sealed class SharedConstraints(ChoiceMap map) : EditConstraints(map)
    {
        public override (ChoiceMap Map, double Proposed) For(int i) => (Shared, 0.0);
    }
}

/// <summary>A proposal's choices for each particle with the step's observations (<c>ParticleFilter.Run</c> with a proposal).</summary>
internal sealed class ProposedConstraints<P>(ChoiceMap observations, Func<int, GenerativeFunction<P>> proposal) : EditConstraints(observations)
{
    /// <inheritdoc />
    /// <remarks>The proposal simulated under the particle's seed (its first key), its choices added to the observations.</remarks>
    public override (ChoiceMap Map, double Proposed) For(int i)
    {
        var proposed = proposal(i).Simulate();
        return (Gen.Inference.ImportanceSampling.Combine(Shared, proposed.Choices), proposed.Score);
    }
}
