using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Gen;

/// <summary>
/// Where a random choice lives in a trace: a non-empty path of names and indices. <c>"x"</c>, <c>("y", 3)</c>
/// and <c>("first", "slope")</c> convert implicitly; it prints as <c>x</c>, <c>y[3]</c> and <c>first/slope</c>.
/// </summary>
public sealed class Address : IEquatable<Address>
{
    private readonly AddressPart[] _parts;

    private Address(AddressPart[] parts) => _parts = parts;

    /// <summary>An address of one or more parts.</summary>
    /// <exception cref="ArgumentException">No parts were given.</exception>
    public static Address Of(params AddressPart[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("An address needs at least one part.", nameof(parts));
        return new Address((AddressPart[])parts.Clone());
    }

    /// <summary>The address's parts, outermost first.</summary>
    public IReadOnlyList<AddressPart> Parts => _parts;

    /// <summary>Number of parts.</summary>
    public int Length => _parts.Length;

    /// <summary>The first part.</summary>
    public AddressPart Head => _parts[0];

    /// <summary>Everything after the first part; null when this address has one part.</summary>
    public Address? Tail => _parts.Length == 1 ? null : new Address(_parts[1..]);

    /// <summary>This address followed by <paramref name="part"/>.</summary>
    public Address Append(AddressPart part)
    {
        var parts = new AddressPart[_parts.Length + 1];
        _parts.CopyTo(parts, 0);
        parts[^1] = part;
        return new Address(parts);
    }

    /// <summary>The address without its first <paramref name="count"/> parts (fewer than <see cref="Length"/>).</summary>
    internal Address Drop(int count) => count == 0 ? this : new(_parts[count..]);

    /// <summary>Whether this address begins with all of <paramref name="prefix"/>'s parts and has more.</summary>
    internal bool StartsWithProperly(Address prefix) =>
        prefix._parts.Length < _parts.Length && _parts.AsSpan(0, prefix._parts.Length).SequenceEqual(prefix._parts);

    /// <summary>The part of <paramref name="selection"/> below this address: what a site at this address sees.</summary>
    internal Selection Below(Selection selection)
    {
        foreach (var part in _parts) selection = selection[part];
        return selection;
    }

    /// <summary>This address followed by all parts of <paramref name="suffix"/>.</summary>
    public Address Concat(Address suffix) => new([.. _parts, .. suffix._parts]);

    /// <summary>An address below <paramref name="prefix"/>, or this address when the prefix is null.</summary>
    internal static Address Join(Address? prefix, AddressPart part) => prefix is null ? new Address([part]) : prefix.Append(part);

    /// <summary>One named part.</summary>
    public static implicit operator Address(string name) => new([name]);

    /// <summary>One indexed part.</summary>
    public static implicit operator Address(int index) => new([index]);

    /// <summary>One part.</summary>
    public static implicit operator Address(AddressPart part) => new([part]);

    /// <summary>A name and an index, e.g. <c>("y", 3)</c>.</summary>
    public static implicit operator Address((string Name, int Index) a) => new([a.Name, a.Index]);

    /// <summary>Two names, e.g. <c>("first", "slope")</c>.</summary>
    public static implicit operator Address((string Outer, string Inner) a) => new([a.Outer, a.Inner]);

    /// <summary>An index and a name, e.g. <c>(3, "y")</c> under a map combinator.</summary>
    public static implicit operator Address((int Index, string Name) a) => new([a.Index, a.Name]);

    /// <summary>A name, an index and a name, e.g. <c>("points", 3, "y")</c>.</summary>
    public static implicit operator Address((string Outer, int Index, string Inner) a) => new([a.Outer, a.Index, a.Inner]);

    /// <summary>A name and two indices, e.g. <c>("grid", 2, 5)</c>.</summary>
    public static implicit operator Address((string Name, int I, int J) a) => new([a.Name, a.I, a.J]);

    /// <summary>Three names.</summary>
    public static implicit operator Address((string A, string B, string C) a) => new([a.A, a.B, a.C]);

    /// <summary>A name followed by the parts of another address.</summary>
    public static implicit operator Address((string Outer, Address Inner) a) => new([a.Outer, .. a.Inner._parts]);

    /// <inheritdoc />
    public bool Equals(Address? other) => other is not null && _parts.AsSpan().SequenceEqual(other._parts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Address);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in _parts) hash.Add(part);
        return hash.ToHashCode();
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(Address? left, Address? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(Address? left, Address? right) => !(left == right);

    /// <summary><c>first/slope</c>, <c>y[3]</c>, <c>points[3]/y</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _parts.Length; i++)
        {
            var part = _parts[i];
            if (i > 0 && !part.IsIndex) text.Append('/');
            text.Append(part.ToString());
        }
        return text.ToString();
    }

    /// <summary>The addresses' texts, comma-separated, for error messages.</summary>
    internal static string List(IEnumerable<Address> addresses) => string.Join(", ", addresses.Select(a => a.ToString()));
}
