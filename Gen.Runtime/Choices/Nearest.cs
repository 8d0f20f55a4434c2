using System;
using System.Collections.Generic;
using System.Linq;

namespace Gen;

/// <summary>Picks the addresses most like a wanted one, for "did you mean" error messages.</summary>
internal static class Nearest
{
    /// <summary>Up to <paramref name="max"/> candidates, closest first (edit distance of the printed addresses).</summary>
    public static IReadOnlyList<Address> Addresses(Address wanted, IReadOnlyCollection<Address> candidates, int max = 3)
    {
        var target = wanted.ToString();
        return candidates
            .Where(c => !c.Equals(wanted))
            .Select(c => (Address: c, Distance: EditDistance(target, c.ToString()), Gap: IndexGap(wanted, c)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Gap)
            .ThenBy(c => c.Address.ToString(), StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Address)
            .ToList();
    }

    /// <summary>For addresses that differ only in indices (y[7] and y[2]), how far apart the indices are.</summary>
    private static long IndexGap(Address a, Address b)
    {
        if (a.Length != b.Length) return long.MaxValue;
        long gap = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var (x, y) = (a.Parts[i], b.Parts[i]);
            if (x.IsIndex && y.IsIndex) gap += Math.Abs((long)x.Index - y.Index);
            else if (!x.Equals(y)) return long.MaxValue;
        }
        return gap;
    }

    /// <summary>Levenshtein distance.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
