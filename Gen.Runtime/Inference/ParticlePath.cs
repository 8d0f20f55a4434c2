namespace Gen;

/// <summary>How a <see cref="Particles{R}"/> collection holds its particles (<see cref="Particles{R}.Path"/>).</summary>
public enum ParticlePath
{
    /// <summary>One trace object per particle.</summary>
    PerParticle,

    /// <summary>In columns, one per slot of the model's trace: no object per particle (traces are views made on access).</summary>
    Batch,

    /// <summary>
    /// A Scan's particles step by step (<c>ImportanceK</c> of a Scan, and <see cref="Particles{R}.Edit(EditRequest)"/> with
    /// more steps, as <see cref="Inference.ParticleFilter"/> does): each step's rows in that step's columns, each row linked
    /// to its particle's row in the step before, which it shares with the particles resampled from it, so a step costs
    /// O(N), not O(N × steps); a particle's trace is a view of its chain.
    /// </summary>
    ScanChains,
}
