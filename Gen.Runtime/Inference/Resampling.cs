namespace Gen;

/// <summary>Ancestor indices from normalised weights, drawn with the bits of one key.</summary>
internal static class Resampling
{
    public static int[] Multinomial(double[] weights, Key key) => Multinomial(weights, key, weights.Length);

    /// <summary><paramref name="count"/> independent draws; draw i uses <c>key.Uniform(i)</c>.</summary>
    public static int[] Multinomial(double[] weights, Key key, int count)
    {
        var cumulative = Cumulative(weights);
        var indices = new int[count];
        for (var i = 0; i < indices.Length; i++) indices[i] = Search(cumulative, key.Uniform((uint)i));
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

    /// <summary>The first index whose cumulative weight exceeds <paramref name="u"/> (skips zero-weight buckets).</summary>
    private static int Search(double[] cumulative, double u)
    {
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
