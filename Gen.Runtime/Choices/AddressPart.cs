using System;

namespace Gen;

/// <summary>One step of an <see cref="Address"/>: a name (<c>"slope"</c>) or an index (<c>3</c>).</summary>
public readonly struct AddressPart : IEquatable<AddressPart>
{
    private readonly string? _name;
    private readonly int _index;

    /// <summary>A named step.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public AddressPart(string name)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name), "An address part cannot be null.");
        _index = 0;
    }

    /// <summary>An indexed step.</summary>
    public AddressPart(int index)
    {
        _name = null;
        _index = index;
    }

    /// <summary>True for an index, false for a name.</summary>
    public bool IsIndex => _name is null;

    /// <summary>The name; null for an index.</summary>
    public string? Name => _name;

    /// <summary>The index; 0 for a name.</summary>
    public int Index => _index;

    /// <summary>A named step.</summary>
    public static implicit operator AddressPart(string name) => new(name);

    /// <summary>An indexed step.</summary>
    public static implicit operator AddressPart(int index) => new(index);

    /// <inheritdoc />
    public bool Equals(AddressPart other) => _index == other._index && string.Equals(_name, other._name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AddressPart other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _name is null ? _index : StringComparer.Ordinal.GetHashCode(_name);

    /// <summary>Equality.</summary>
    public static bool operator ==(AddressPart left, AddressPart right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(AddressPart left, AddressPart right) => !left.Equals(right);

    /// <summary><c>slope</c> for a name, <c>[3]</c> for an index.</summary>
    public override string ToString() => _name ?? $"[{_index}]";
}
