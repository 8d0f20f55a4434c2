namespace Gen;

/// <summary>How <see cref="Particles{R}.Resample(ResamplingMethod)"/> draws the new particles.</summary>
public enum ResamplingMethod
{
    /// <summary>N independent draws from the normalised weights.</summary>
    Multinomial,

    /// <summary>One uniform offset and N evenly spaced points: lower variance.</summary>
    Systematic,
}
