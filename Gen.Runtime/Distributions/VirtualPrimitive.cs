using System.ComponentModel;

namespace Gen.Internal;

/// <summary>A distribution object as a primitive: its virtual <c>Sample</c> and <c>LogDensity</c> (user distributions, distribution-valued expressions).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct VirtualPrimitive<T>(Distribution<T> distribution) : IPrimitive<T>
{
    /// <inheritdoc />
    public T Sample(Key key) => distribution.Sample(key);

    /// <inheritdoc />
    public double LogDensity(T value) => distribution.LogDensity(value);

    /// <inheritdoc />
    public override string ToString() => distribution.ToString();
}
