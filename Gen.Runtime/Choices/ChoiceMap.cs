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
/// <example><code>var obs = ChoiceMap.Of(("x", 1.0), (("y", 3), 2.5));</code></example>
public sealed class ChoiceMap : IEnumerable<(Address Address, object Value)>
{
    private static readonly KeyValuePair<AddressPart, ChoiceMap>[] NoEntries = [];

    private readonly object? _value;
    private readonly KeyValuePair<AddressPart, ChoiceMap>[] _entries;
    private readonly Dictionary<AddressPart, ChoiceMap>? _index;
    private readonly ChoiceMap?[]? _byIndex;

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
