using System.Collections.Generic;

namespace Gen;

/// <summary>The choice-map arithmetic of an update across a switch's branch change (Gen.jl's rules).</summary>
internal static class ChoiceMerge
{
    /// <summary>The previous choices overridden by the constraints: a constrained address takes the constraint's value.</summary>
    public static ChoiceMap Merge(ChoiceMap previous, ChoiceMap constraints)
    {
        if (constraints.IsEmpty) return previous;
        if (previous.IsEmpty || constraints.HasValue || previous.HasValue) return constraints;
        var entries = new List<KeyValuePair<AddressPart, ChoiceMap>>();
        foreach (var (part, sub) in previous.Children)
            entries.Add(new(part, constraints.Child(part) is { } constrained ? Merge(sub, constrained) : sub));
        foreach (var (part, sub) in constraints.Children)
            if (previous.Child(part) is null) entries.Add(new(part, sub));
        return Node(null, false, null, entries);
    }

    /// <summary>How many of the constraints are choices of <paramref name="choices"/>: the constraints a branch consumed.</summary>
    public static int CountPresent(ChoiceMap constraints, ChoiceMap choices)
    {
        var count = constraints.HasValue && choices.HasValue ? 1 : 0;
        foreach (var (part, sub) in constraints.Children)
            if (choices.Child(part) is { } chosen) count += CountPresent(sub, chosen);
        return count;
    }

    /// <summary>The previous choices that an update replaced (constrained) or dropped (absent from the new choices).</summary>
    public static ChoiceMap Discard(ChoiceMap previous, ChoiceMap constraints, ChoiceMap next)
    {
        var keepValue = previous.HasValue && (!next.HasValue || constraints.HasValue);
        var entries = new List<KeyValuePair<AddressPart, ChoiceMap>>();
        foreach (var (part, sub) in previous.Children)
        {
            var discarded = Discard(sub, constraints.Child(part) ?? ChoiceMap.Empty, next.Child(part) ?? ChoiceMap.Empty);
            if (!discarded.IsEmpty) entries.Add(new(part, discarded));
        }
        return keepValue || entries.Count > 0 ? Node(null, keepValue, keepValue ? previous.Value : null, entries) : ChoiceMap.Empty;
    }

    private static ChoiceMap Node(Address? path, bool hasValue, object? value, List<KeyValuePair<AddressPart, ChoiceMap>> entries)
    {
        var rebased = new KeyValuePair<AddressPart, ChoiceMap>[entries.Count];
        for (var i = 0; i < rebased.Length; i++)
            rebased[i] = new(entries[i].Key, entries[i].Value.Rebase(Address.Join(path, entries[i].Key)));
        return new ChoiceMap(path, hasValue, value, rebased);
    }
}
