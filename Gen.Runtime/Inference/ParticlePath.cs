namespace Gen;

/// <summary>How a <see cref="Particles{R}"/> collection holds its particles (<see cref="Particles{R}.Path"/>).</summary>
public enum ParticlePath
{
    /// <summary>One trace object per particle.</summary>
    PerParticle,

    /// <summary>In columns, one per slot of the model's trace: no object per particle (traces are views made on access).</summary>
    Batch,

    /// <summary>
    /// A Scan model's particles extended step by step (<see cref="Particles{R}.Edit(EditRequest)"/> with more steps, as
    /// <see cref="Inference.ParticleFilter"/> does): each particle's new steps hang on a chain of steps it shares with the
    /// particles resampled from it, so a step costs O(N), not O(N × steps); a particle's trace is assembled on access.
    /// </summary>
    ScanChains,
}
