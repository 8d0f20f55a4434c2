using System;

namespace Gen;

/// <summary>Ancestor indices from normalised weights, drawn with the bits of one key.</summary>
internal static class Resampling
{
    /// <summary>Fewer draws than twice this run on one thread: splitting them would cost more than it saves.</summary>
    private const int DrawsPerRange = 2048;

    public static int[] Multinomial(double[] weights, Key key, InferenceOptions? options = null) => Multinomial(weights, key, weights.Length, options);

    /// <summary>
    /// <paramref name="count"/> independent draws; draw i uses <c>key.Uniform(i)</c> alone, so the draws run on the cores
    /// <paramref name="options"/> allow with the same indices.
    /// </summary>
    public static int[] Multinomial(double[] weights, Key key, int count, InferenceOptions? options = null)
    {
        var cumulative = Cumulative(weights);
        var guide = Guide(cumulative);
        var indices = new int[count];
        Batch.ByRanges(count, DrawsPerRange, options, (first, end) =>
        {
            for (var i = first; i < end; i++) indices[i] = Search(cumulative, guide, key.Uniform((uint)i));
        });
        return indices;
    }

    public static int[] Systematic(double[] weights, Key key)
    {
        var cumulative = Cumulative(weights);
        var n = weights.Length;
        var offset = key.Uniform();
        var indices = new int[n];
        var j = 0;
        for (var i = 0; i < n; i++)
        {
            var u = (i + offset) / n;
            while (j < n - 1 && cumulative[j] <= u) j++;
            indices[i] = j;
        }
        return indices;
    }

    /// <summary>
    /// The running sums of <paramref name="weights"/>, from the last positive weight on +∞: a uniform just below 1
    /// that rounding leaves above the true sum lands in the last bucket of positive weight, never in a trailing bucket
    /// of weight zero (a rejected particle).
    /// </summary>
    internal static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        var sum = 0.0;
        var last = weights.Length - 1;
        while (last > 0 && !(weights[last] > 0)) last--;
        for (var i = 0; i < last; i++) cumulative[i] = sum += weights[i];
        for (var i = last; i < weights.Length; i++) cumulative[i] = double.PositiveInfinity;
        return cumulative;
    }

    /// <summary>
    /// A guide table (Chen and Asau): entry b is the first index whose cumulative weight exceeds b / n, so a search for u
    /// starts at entry ⌊u n⌋ and walks a bucket or two instead of bisecting the whole array (O(1) expected per draw).
    /// </summary>
    internal static int[] Guide(double[] cumulative)
    {
        var n = cumulative.Length;
        var guide = new int[n];
        var j = 0;
        for (var b = 0; b < n; b++)
        {
            var threshold = (double)b / n;
            while (j < n - 1 && cumulative[j] <= threshold) j++;
            guide[b] = j;
        }
        return guide;
    }

    /// <summary>
    /// The first index whose cumulative weight exceeds <paramref name="u"/> (skips zero-weight buckets), the answer a
    /// bisection gives: from the guide's entry, back while the bucket before still exceeds u (⌊u n⌋ may round up), then
    /// forward while the bucket does not.
    /// </summary>
    internal static int Search(double[] cumulative, int[] guide, double u)
    {
        var n = cumulative.Length;
        var j = guide[Math.Min(n - 1, (int)(u * n))];
        while (j > 0 && cumulative[j - 1] > u) j--;
        while (j < n - 1 && cumulative[j] <= u) j++;
        return j;
    }
}
