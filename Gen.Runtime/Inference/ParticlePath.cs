namespace Gen;

/// <summary>How a <see cref="Particles{R}"/> collection holds its particles (<see cref="Particles{R}.Path"/>).</summary>
public enum ParticlePath
{
    /// <summary>One trace object per particle.</summary>
    PerParticle,

    /// <summary>In columns, one per slot of the model's trace: no object per particle (traces are views made on access).</summary>
    Batch,
}
