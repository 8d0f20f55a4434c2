using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Gen;

/// <summary>
/// An immutable, hierarchical map from addresses to the values of random choices: what a trace holds, what
/// constraints and observations are written as. Each node knows its own address, so an error raised deep
/// inside a nested call names the full address.
/// </summary>
/// <remarks>
/// Choice maps are values: <see cref="Equals(ChoiceMap)"/> (and <c>==</c>) compare the choices they hold, address by
/// address, independently of the order in which they were added and of where a submap was taken from
/// (<see cref="Path"/>). Values compare as <see cref="object.Equals(object, object)"/> does, so a double compares as
/// <see cref="double.Equals(double)"/> (NaN equals NaN, 0.0 equals −0.0) and values of different types are unequal
/// (1.0 is not 1); arrays (<c>double[]</c>, <c>int[]</c>, <c>bool[]</c>, …) compare element by element, by type,
/// shape and elements. <see cref="GetHashCode"/> is consistent with this equality.
/// </remarks>
/// <example><code>var obs = ChoiceMap.Of(("x", 1.0), (("y", 3), 2.5));</code></example>
public sealed class ChoiceMap : IEnumerable<(Address Address, object Value)>, IEquatable<ChoiceMap>
{
    private static readonly KeyValuePair<AddressPart, ChoiceMap>[] NoEntries = [];

    private readonly object? _value;
    private readonly KeyValuePair<AddressPart, ChoiceMap>[] _entries;
    private readonly Dictionary<AddressPart, ChoiceMap>? _index;
    private readonly ChoiceMap?[]? _byIndex;
    private int _hash; // 0 until computed (a computed 0 is stored as 1); an int, so that threads never see half of it

    /// <summary>The map with no choices.</summary>
    public static ChoiceMap Empty { get; } = new(null, false, null, NoEntries);

    internal ChoiceMap(Address? path, bool hasValue, object? value, KeyValuePair<AddressPart, ChoiceMap>[] entries)
    {
        Path = path;
        HasValue = hasValue;
        _value = value;
        _entries = entries;
        Count = hasValue ? 1 : 0;
        foreach (var entry in entries) Count += entry.Value.Count;
        _byIndex = DenseIndices(entries);
        if (_byIndex is null && entries.Length > 4)
        {
            _index = new Dictionary<AddressPart, ChoiceMap>(entries.Length);
            foreach (var entry in entries) _index[entry.Key] = entry.Value;
        }
    }

    /// <summary>Children indexed 0..n−1 (the common shape of observations <c>y[i]</c>) are found by array index.</summary>
    private static ChoiceMap?[]? DenseIndices(KeyValuePair<AddressPart, ChoiceMap>[] entries)
    {
        if (entries.Length <= 4) return null;
        foreach (var entry in entries)
            if (!entry.Key.IsIndex || (uint)entry.Key.Index >= (uint)entries.Length) return null;
        var byIndex = new ChoiceMap?[entries.Length];
        foreach (var entry in entries) byIndex[entry.Key.Index] = entry.Value;
        return byIndex;
    }

    /// <summary>A map holding one choice at <paramref name="address"/>.</summary>
    public static ChoiceMap Of(Address address, object value) => new ChoiceMapBuilder { { address, value } }.Build();

    /// <summary>A map of the given (address, value) pairs; an address given twice is an error.</summary>
    /// <exception cref="ArgumentException">The same address appears twice.</exception>
    public static ChoiceMap Of(params (Address Address, object Value)[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var builder = new ChoiceMapBuilder();
        foreach (var (address, value) in choices) builder.Add(address, value);
        return builder.Build();
    }

    /// <summary>A map whose root is a single value: what a distribution's trace holds.</summary>
    public static ChoiceMap Leaf(object value) => new(null, true, value, NoEntries);

    /// <summary>Where this (sub)map sits in the map it was taken from; null at the root.</summary>
    public Address? Path { get; }

    /// <summary>Whether this node itself holds a value (a choice at this node's own address).</summary>
    public bool HasValue { get; }

    /// <summary>The value at this node's own address (see <see cref="HasValue"/>).</summary>
    /// <exception cref="ChoiceNotFoundException">This node holds no value.</exception>
    public object Value => HasValue ? _value! : throw Missing(Path ?? Address.Of("(root)"), this);

    /// <summary>Number of choices (leaves) in the map.</summary>
    public int Count { get; }

    /// <summary>True when the map holds no choice.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The direct children of this node, in insertion order.</summary>
    public IEnumerable<(AddressPart Part, ChoiceMap Submap)> Children => _entries.Select(e => (e.Key, e.Value));

    /// <summary>The value at this node's own address, typed.</summary>
    /// <exception cref="ChoiceTypeException">The value is not a <typeparamref name="T"/>.</exception>
    public T ValueAs<T>() => TryValue(this, out T value) ? value : throw Missing(Path ?? Address.Of("(root)"), this);

    /// <summary>The choice at <paramref name="address"/>.</summary>
    /// <exception cref="ChoiceNotFoundException">No choice there; the message names the nearest existing addresses.</exception>
    /// <exception cref="ChoiceTypeException">The choice is not a <typeparamref name="T"/>; the message names both types.</exception>
    public T Get<T>(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return TryValue(Find(address), out T value) ? value : throw Missing(FullAddress(address), this);
    }

    /// <summary>The choice at <paramref name="address"/> if there is one.</summary>
    /// <exception cref="ChoiceTypeException">A choice exists but is not a <typeparamref name="T"/>.</exception>
    public bool TryGet<T>(Address address, out T value)
    {
        ArgumentNullException.ThrowIfNull(address);
        return TryValue(Find(address), out value);
    }

    /// <summary>The choice at the one-part address <paramref name="name"/> (no allocation: generated code's lookup).</summary>
    public bool TryGet<T>(string name, out T value) => TryValue(Child(name), out value);

    /// <summary>The choice at <c>(name, index)</c> (no allocation: generated code's lookup).</summary>
    public bool TryGet<T>(string name, int index, out T value) => TryValue(Child(name)?.Child(index), out value);

    /// <summary>The value of <paramref name="node"/> if it holds one (typed: a wrong type is an error naming the address).</summary>
    internal static bool TryValue<T>(ChoiceMap? node, out T value)
    {
        if (node is { HasValue: true }) return node.TryCast(out value) ? true : throw node.WrongType<T>();
        value = default!;
        return false;
    }

    /// <summary>Whether a choice exists at <paramref name="address"/>.</summary>
    public bool Contains(Address address) => Find(address) is { HasValue: true };

    /// <summary>The submap under <paramref name="address"/>; an empty map (that knows its address) if there is none.</summary>
    public ChoiceMap GetSubmap(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Find(address) ?? EmptyAt(FullAddress(address));
    }

    /// <summary>The submap under the one-part address <paramref name="part"/>.</summary>
    public ChoiceMap GetSubmap(AddressPart part) => Child(part) ?? EmptyAt(Address.Join(Path, part));

    /// <summary>The submap under the name <paramref name="name"/>.</summary>
    public ChoiceMap GetSubmap(string name) => GetSubmap(new AddressPart(name));

    /// <summary>The submap under the index <paramref name="index"/>.</summary>
    public ChoiceMap GetSubmap(int index) => GetSubmap(new AddressPart(index));

    /// <summary>All choices as (address, value) pairs, depth first, in insertion order. Addresses are relative to this map.</summary>
    public IEnumerator<(Address Address, object Value)> GetEnumerator()
    {
        foreach (var entry in _entries)
        {
            if (entry.Value.HasValue) yield return (Address.Of(entry.Key), entry.Value._value!);
            foreach (var (address, value) in entry.Value)
                yield return (PrefixWith(entry.Key, address), value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One line per choice: <c>address = value</c>.</summary>
    public override string ToString()
    {
        if (IsEmpty) return "(empty choice map)";
        var text = new StringBuilder();
        if (HasValue) text.Append("(root) = ").Append(Format(_value)).Append('\n');
        foreach (var (address, value) in this) text.Append(address).Append(" = ").Append(Format(value)).Append('\n');
        return text.ToString().TrimEnd('\n');
    }

    // ---------------------------------------------------------------- merge and equality

    /// <summary>
    /// A new map with the choices of this map and of <paramref name="other"/> (Gen.jl's <c>merge</c>). The two must
    /// not share an address: a choice at the same address in both, or a choice in one at an address under which the
    /// other has choices, is an error naming it. Neither map is changed; the result is a root map.
    /// </summary>
    /// <example><code>var both = observations.Merge(ChoiceMap.Of(("slope", 0.5)));</code></example>
    /// <exception cref="ArgumentException">An address holds choices in both maps; the message names it.</exception>
    public ChoiceMap Merge(ChoiceMap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty) return Rebase(null);
        if (IsEmpty) return other.Rebase(null);
        return Merge(this, other, null);
    }

    private static ChoiceMap Merge(ChoiceMap left, ChoiceMap right, Address? path)
    {
        if (left.IsEmpty) return right.Rebase(path);
        if (right.IsEmpty) return left.Rebase(path);
        if (left.HasValue || right.HasValue)
        {
            var where = path?.ToString() ?? "(root)";
            var what = left.HasValue && right.HasValue ? "a choice at this address"
                : left.HasValue ? "a choice at this address in this map and choices below it in the other"
                : "choices below this address in this map and a choice at it in the other";
            throw new ArgumentException($"Merge: both choice maps hold choices at address '{where}' ({what}); merge maps of disjoint addresses.", "other");
        }
        var entries = new List<KeyValuePair<AddressPart, ChoiceMap>>(left._entries.Length + right._entries.Length);
        foreach (var (part, sub) in left._entries)
        {
            var below = Address.Join(path, part);
            entries.Add(new(part, right.Child(part) is { } shared ? Merge(sub, shared, below) : sub.Rebase(below)));
        }
        foreach (var (part, sub) in right._entries)
            if (left.Child(part) is null) entries.Add(new(part, sub.Rebase(Address.Join(path, part))));
        return new ChoiceMap(path, false, null, entries.ToArray());
    }

    /// <summary>
    /// Whether <paramref name="other"/> holds the same choices: the same addresses with equal values, in any order
    /// (see the remarks on <see cref="ChoiceMap"/> for how values compare).
    /// </summary>
    public bool Equals(ChoiceMap? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Count != other.Count || HasValue != other.HasValue) return false;
        if (HasValue && !ValueEquals(_value, other._value)) return false;
        // Equal counts: once every (non-empty) child of this map has an equal child in the other, the other has nothing more.
        foreach (var (part, sub) in _entries)
        {
            if (sub.IsEmpty) continue;
            if (other.Child(part) is not { } theirs || !sub.Equals(theirs)) return false;
        }
        return true;
    }

    /// <inheritdoc cref="Equals(ChoiceMap)"/>
    public override bool Equals(object? obj) => Equals(obj as ChoiceMap);

    /// <summary>A hash of the choices, consistent with <see cref="Equals(ChoiceMap)"/> (independent of order and of <see cref="Path"/>).</summary>
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var hash = HasValue ? HashCode.Combine(1, ValueHash(_value)) : 0;
        foreach (var (part, sub) in _entries)
            if (!sub.IsEmpty) hash = unchecked(hash + HashCode.Combine(part, sub.GetHashCode())); // a sum: independent of order
        return _hash = hash == 0 ? 1 : hash;
    }

    /// <summary>Whether two maps hold the same choices (see <see cref="Equals(ChoiceMap)"/>); two nulls are equal.</summary>
    public static bool operator ==(ChoiceMap? left, ChoiceMap? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two maps differ in their choices.</summary>
    public static bool operator !=(ChoiceMap? left, ChoiceMap? right) => !(left == right);

    /// <summary>Value equality of two choice values: <see cref="object.Equals(object, object)"/>, arrays element by element.</summary>
    internal static bool ValueEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is Array x && b is Array y)
        {
            if (x.GetType() != y.GetType() || x.Length != y.Length) return false;
            for (var d = 0; d < x.Rank; d++)
                if (x.GetLength(d) != y.GetLength(d)) return false;
            if (x is double[] dx) return dx.AsSpan().SequenceEqual((double[])y); // double.Equals: NaN equals NaN
            var left = x.GetEnumerator();
            var right = y.GetEnumerator();
            while (left.MoveNext() && right.MoveNext())
                if (!ValueEquals(left.Current, right.Current)) return false;
            return true;
        }
        return Equals(a, b);
    }

    private static int ValueHash(object? value)
    {
        if (value is not Array array) return value?.GetHashCode() ?? 0;
        var hash = new HashCode();
        hash.Add(array.GetType());
        hash.Add(array.Length);
        foreach (var item in array) hash.Add(ValueHash(item));
        return hash.ToHashCode();
    }

    internal ChoiceMap? Child(AddressPart part)
    {
        if (_byIndex is not null) return part.IsIndex && (uint)part.Index < (uint)_byIndex.Length ? _byIndex[part.Index] : null;
        if (_index is not null) return _index.GetValueOrDefault(part);
        foreach (var entry in _entries)
            if (entry.Key.Equals(part)) return entry.Value;
        return null;
    }

    internal ChoiceMap? Find(Address address)
    {
        var node = this;
        foreach (var part in address.Parts)
        {
            node = node.Child(part);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>A copy of this map whose nodes know they sit under <paramref name="path"/>.</summary>
    internal ChoiceMap Rebase(Address? path)
    {
        if (Equals(Path, path)) return this;
        var entries = new KeyValuePair<AddressPart, ChoiceMap>[_entries.Length];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = new(_entries[i].Key, _entries[i].Value.Rebase(Address.Join(path, _entries[i].Key)));
        return new ChoiceMap(path, HasValue, _value, entries);
    }

    /// <summary>The error for a missing choice at <paramref name="relative"/>, naming the nearest addresses of this map.</summary>
    public ChoiceNotFoundException MissingChoice(Address relative) => Missing(FullAddress(relative), this);

    /// <summary>The error for this node holding no value of its own (a distribution's choice was asked for).</summary>
    internal ChoiceNotFoundException MissingValue() => Missing(Path ?? Address.Of("(root)"), this);

    internal static ChoiceMap EmptyAt(Address path) => new(path, false, null, NoEntries);

    private Address FullAddress(Address relative) => Path is null ? relative : Path.Concat(relative);

    private bool TryCast<T>(out T value)
    {
        if (_value is T typed)
        {
            value = typed;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>The type error for this node's value (error path only: builds the address then).</summary>
    private ChoiceTypeException WrongType<T>() =>
        new(Path ?? Address.Of("(root)"), typeof(T), _value?.GetType() ?? typeof(object));

    private static Address PrefixWith(AddressPart head, Address rest) => Address.Of([head, .. rest.Parts]);

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        Array array => "[" + string.Join(", ", array.Cast<object?>().Select(Format)) + "]",
        null => "null",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The error for a missing choice: names the address and the nearest existing ones.</summary>
    internal static ChoiceNotFoundException Missing(Address address, ChoiceMap root)
    {
        if (root.IsEmpty && root.Path is null)
            return new ChoiceNotFoundException(address, $"No choice at address '{address}': the choice map is empty.");
        var near = Nearest.Addresses(address, root.AllAddresses().ToList());
        return new ChoiceNotFoundException(address,
            $"No choice at address '{address}'." + (near.Count > 0 ? $" Nearest existing addresses: {Address.List(near)}." : ""));
    }

    /// <summary>Every choice's full address (including this node's path).</summary>
    internal IEnumerable<Address> AllAddresses()
    {
        if (HasValue && Path is not null) yield return Path;
        foreach (var (address, _) in this) yield return FullAddress(address);
    }
}
