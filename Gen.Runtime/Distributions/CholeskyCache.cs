using System;

namespace Gen;

/// <summary>
/// The last few Cholesky factors made on this thread, keyed by the covariance's contents: a model that builds
/// <c>mv_normal(mean, cov)</c> with the same covariance at every run (a gradient target evaluated thousands of times,
/// a Simulate per particle) factors it once and allocates nothing after. A hit compares n² entries instead of an
/// O(n³) factorisation; the factors are shared, never written after they are made.
/// </summary>
internal static class CholeskyCache
{
    private const int Entries = 4, MaxDimension = 64; // larger matrices are factored every time (their copies would be held per thread)

    [ThreadStatic] private static Entry?[]? t_entries;
    [ThreadStatic] private static int t_next;

    private sealed class Entry(double[,] cov, double[] factor)
    {
        public readonly double[,] Cov = cov;
        public readonly double[] Factor = factor;
    }

    /// <summary>The factor of a covariance with exactly these entries made before on this thread, or null.</summary>
    public static double[]? Find(double[,] cov)
    {
        if (cov.GetLength(0) > MaxDimension || t_entries is not { } entries) return null;
        foreach (var entry in entries)
            if (entry is not null && Same(entry.Cov, cov)) return entry.Factor;
        return null;
    }

    /// <summary>Remembers <paramref name="factor"/> as the factor of <paramref name="cov"/>'s entries (copied), replacing the oldest entry.</summary>
    public static void Add(double[,] cov, double[] factor)
    {
        if (cov.GetLength(0) > MaxDimension) return;
        var entries = t_entries ??= new Entry?[Entries];
        entries[t_next] = new Entry((double[,])cov.Clone(), factor);
        t_next = (t_next + 1) % Entries;
    }

    private static bool Same(double[,] a, double[,] b)
    {
        if (a.GetLength(0) != b.GetLength(0) || a.GetLength(1) != b.GetLength(1)) return false;
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++)
                if (BitConverter.DoubleToInt64Bits(a[i, j]) != BitConverter.DoubleToInt64Bits(b[i, j])) return false; // the same bits (−0 is not 0): the same factor
        return true;
    }
}
