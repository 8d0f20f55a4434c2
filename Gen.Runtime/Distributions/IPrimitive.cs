namespace Gen;

/// <summary>
/// A distribution as a value: a struct holding the parameters, whose sampler and density are its methods.
/// Generated code samples a choice through the primitive of its distribution (<c>normal(mu, sigma).At("x")</c>
/// becomes a site over <c>new Normal.Primitive(mu, sigma)</c>), so no distribution object is allocated per choice and
/// the JIT specialises and inlines each site for the primitive's type. The same value-type code runs on every
/// backend, so a seeded model draws the same choices everywhere.
/// </summary>
/// <typeparam name="T">The type of the sampled value.</typeparam>
/// <remarks>Parameters are validated when the primitive is constructed, as when the distribution object is.</remarks>
public interface IPrimitive<T>
{
    /// <summary>Draws a value using only the bits of <paramref name="key"/>.</summary>
    T Sample(Key key);

    /// <summary>log density (or log mass) of <paramref name="value"/>; <c>-Infinity</c> outside the support.</summary>
    double LogDensity(T value);
}
