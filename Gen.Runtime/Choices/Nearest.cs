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
            .Select(c => (Address: c, Distance: EditDistance(target, c.ToString())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Address.ToString(), StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Address)
            .ToList();
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
