using System.Collections.Generic;

namespace Gen.Internal;

/// <summary>
/// A batch's constraints, read once per batch rather than per particle and site: which constant addresses and which
/// indices of each <c>(name, i)</c> family they fix, and their values (the same for every particle, so not stored per row).
/// </summary>
internal sealed class BatchConstraints(ChoiceMap constraints)
{
    private readonly Dictionary<string, bool[]> _families = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, System.Type), object?> _values = new(); // read by every particle: no lock

    public static BatchConstraints None { get; } = new(ChoiceMap.Empty);

    public ChoiceMap Map { get; } = constraints;

    /// <summary>The constraints below <paramref name="address"/> (a traced call's), read once per batch as these are.</summary>
    public BatchConstraints Below(Address address) => Map.IsEmpty ? None : new(Map.GetSubmap(address));

    /// <summary>Whether the constraints fix the choice at <paramref name="key"/>.</summary>
    public bool Fixes(SlotKey key) => !Map.IsEmpty && Map.Contains(key.ToAddress());

    /// <summary>For each index of the family <paramref name="head"/>, whether the constraints fix the choice there.</summary>
    public bool[] IndexedFamily(string head)
    {
        lock (_families)
        {
            if (_families.TryGetValue(head, out var known)) return known;
            var fixes = new List<int>();
            if (Map.Child(head) is { } family)
                foreach (var (part, submap) in family.Children)
                    if (part.IsIndex && part.Index >= 0 && submap.HasValue) fixes.Add(part.Index);
            var flags = new bool[fixes.Count == 0 ? 0 : Max(fixes) + 1];
            foreach (var i in fixes) flags[i] = true;
            return _families[head] = flags;
        }
    }

    /// <summary>
    /// The constraints of the family <paramref name="head"/> as typed arrays (read once per batch, then by index at every
    /// site of every particle), or null when they are not all of type <typeparamref name="T"/> at dense indices (the
    /// sites then look them up in the map, which names a wrong type).
    /// </summary>
    public FamilyValues<T>? Values<T>(string head) =>
        (FamilyValues<T>?)_values.GetOrAdd((head, typeof(T)), static (key, map) => FamilyValues<T>.Read(map.Child(key.Item1)), Map);

    /// <summary>The constrained value at <paramref name="address"/>.</summary>
    public T Value<T>(Address address) => Map.Get<T>(address);

    private static int Max(List<int> values)
    {
        var max = values[0];
        foreach (var v in values) if (v > max) max = v;
        return max;
    }
}

/// <summary>The constraints of one <c>(name, i)</c> family as a typed array: <c>Present[i]</c> says whether index i is constrained.</summary>
internal sealed class FamilyValues<T>
{
    private readonly T[] _values;
    private readonly bool[] _present;

    private FamilyValues(T[] values, bool[] present)
    {
        _values = values;
        _present = present;
    }

    /// <summary>The family's constraint at <paramref name="index"/>, if any.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool TryGet(int index, out T value)
    {
        if ((uint)index < (uint)_present.Length && _present[index])
        {
            value = _values[index];
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>The family's typed constraints, or null when some entry is not a <typeparamref name="T"/> value at an index in 0 … 2²⁰.</summary>
    public static FamilyValues<T>? Read(ChoiceMap? family)
    {
        if (family is null) return new FamilyValues<T>([], []);
        var max = -1;
        foreach (var (part, submap) in family.Children)
        {
            if (!part.IsIndex || part.Index < 0 || part.Index > (1 << 20) || submap.Count != (submap.HasValue ? 1 : 0) || !(submap.HasValue && submap.Value is T))
                return null;
            if (part.Index > max) max = part.Index;
        }
        var values = new T[max + 1];
        var present = new bool[max + 1];
        foreach (var (part, submap) in family.Children)
        {
            values[part.Index] = (T)submap.Value;
            present[part.Index] = true;
        }
        return new FamilyValues<T>(values, present);
    }
}
