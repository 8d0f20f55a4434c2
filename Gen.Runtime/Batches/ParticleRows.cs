using System;

namespace Gen.Internal;

/// <summary>
/// Particles held without one trace object each: a batch's columns, or Scan chains. Particle i's trace is made on
/// access (<see cref="View"/>); resampling gathers rows without making any.
/// </summary>
internal abstract class ParticleRows<R>
{
    /// <summary>How the rows hold the particles (<see cref="Particles{R}.Path"/>).</summary>
    public abstract ParticlePath Path { get; }

    /// <summary>Particle <paramref name="i"/>'s trace, or, for a particle rejected for <paramref name="rejection"/>, the trace it keeps.</summary>
    public abstract Trace<R> View(int i, Exception? rejection);

    /// <summary>The rows of the particles <paramref name="indices"/> of these, in that order (resampling).</summary>
    public abstract ParticleRows<R> Gather(int[] indices);

    /// <summary>Particle <paramref name="i"/>'s choice at <paramref name="address"/> without making its trace, when the rows can read it.</summary>
    /// <exception cref="ChoiceTypeException">The choice is not a <typeparamref name="T"/>.</exception>
    public virtual bool TryGet<T>(int i, Address address, out T value)
    {
        value = default!;
        return false;
    }
}
