using System;
using System.Collections;
using System.Collections.Generic;

namespace Gen;

/// <summary>
/// Builds a <see cref="ChoiceMap"/>. Works with collection initializers:
/// <c>new ChoiceMapBuilder { ["x"] = 1.0, [("y", 3)] = 2.5 }.Build()</c>.
/// </summary>
public sealed class ChoiceMapBuilder : IEnumerable
{
    private readonly Node _root;

    /// <summary>An empty builder.</summary>
    public ChoiceMapBuilder() => _root = new Node();

    private ChoiceMapBuilder(Node root) => _root = root;

    /// <summary>
    /// A builder of the choices below <paramref name="address"/> that shares this builder's nodes: what it adds, this one
    /// holds under the address, with no submap built and placed (nested choices added level by level, e.g. a batch
    /// row's traced calls, without copying each level's map into the next).
    /// </summary>
    internal ChoiceMapBuilder Below(Address address) => new(Walk(address));

    /// <summary>Sets (or replaces) the choice at <paramref name="address"/>.</summary>
    /// <exception cref="InvalidOperationException">The address is already a prefix of other choices, or lies below a choice.</exception>
    public object this[Address address]
    {
        set => Set(address, value, replace: true);
    }

    /// <summary>Adds the choice at <paramref name="address"/>.</summary>
    /// <exception cref="ArgumentException">A choice already exists at that address.</exception>
    public void Add(Address address, object value) => Set(address, value, replace: false);

    /// <summary>Places all choices of <paramref name="submap"/> under <paramref name="address"/>.</summary>
    public void AddSubmap(Address address, ChoiceMap submap)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(submap);
        if (submap.IsEmpty) return;
        var node = Walk(address);
        if (node.HasValue || node.HasChildren || node.Submap is not null)
            throw new ArgumentException($"Choices already exist at address '{address}'.", nameof(address));
        node.Submap = submap;
    }

    /// <summary>The map built so far (the builder can go on being used).</summary>
    public ChoiceMap Build() => _root.Freeze(null) ?? ChoiceMap.Empty;

    IEnumerator IEnumerable.GetEnumerator() => Build().GetEnumerator();

    private void Set(Address address, object value, bool replace)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(value, nameof(value));
        var node = Walk(address);
        if (node.HasChildren || node.Submap is not null)
            throw new InvalidOperationException($"Address '{address}' already holds nested choices; it cannot also hold a value.");
        if (node.HasValue && !replace)
            throw new ArgumentException($"A choice at address '{address}' was already added.", nameof(address));
        node.HasValue = true;
        node.Value = value;
    }

    private Node Walk(Address address)
    {
        var node = _root;
        var depth = 0;
        foreach (var part in address.Parts)
        {
            if (node.HasValue || node.Submap is not null)
                throw new InvalidOperationException(
                    $"Address '{address}' lies below '{Prefix(address, depth)}', which already holds a value or a submap.");
            var children = node.Children ??= new Dictionary<AddressPart, Node>();
            if (!children.TryGetValue(part, out var child))
            {
                child = new Node();
                children.Add(part, child);
            }
            node = child;
            depth++;
        }
        return node;
    }

    private static Address Prefix(Address address, int length)
    {
        var parts = new AddressPart[length];
        for (var i = 0; i < length; i++) parts[i] = address.Parts[i];
        return Address.Of(parts);
    }

    private sealed class Node
    {
        public bool HasValue;
        public object? Value;
        public ChoiceMap? Submap;
        public Dictionary<AddressPart, Node>? Children; // made with the first child (most nodes are leaves)

        public bool HasChildren => Children is { Count: > 0 };

        public ChoiceMap? Freeze(Address? path)
        {
            if (Submap is not null) return Submap.Rebase(path);
            if (!HasChildren) return HasValue ? new ChoiceMap(path, true, Value, []) : null;
            var entries = new KeyValuePair<AddressPart, ChoiceMap>[Children!.Count];
            var count = 0;
            foreach (var (part, child) in Children)
            {
                var frozen = child.Freeze(Address.Join(path, part));
                if (frozen is not null && !frozen.IsEmpty) entries[count++] = new(part, frozen);
            }
            if (!HasValue && count == 0) return null;
            return new ChoiceMap(path, HasValue, Value, count == entries.Length ? entries : entries[..count]);
        }
    }
}
