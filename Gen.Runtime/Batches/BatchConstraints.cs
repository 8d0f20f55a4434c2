using System.Collections.Generic;

namespace Gen.Internal;

/// <summary>
/// A batch's constraints, read once per batch rather than per particle and site: which constant addresses and which
/// indices of each <c>(name, i)</c> family they fix, and their values (the same for every particle, so not stored per row).
/// </summary>
internal sealed class BatchConstraints(ChoiceMap constraints)
{
    private readonly Dictionary<string, bool[]> _families = new();

    public static BatchConstraints None { get; } = new(ChoiceMap.Empty);

    public ChoiceMap Map { get; } = constraints;

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

    /// <summary>The constrained value at <paramref name="address"/>.</summary>
    public T Value<T>(Address address) => Map.Get<T>(address);

    private static int Max(List<int> values)
    {
        var max = values[0];
        foreach (var v in values) if (v > max) max = v;
        return max;
    }
}
