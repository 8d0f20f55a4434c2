using System.Collections.Generic;

namespace Gen;

/// <summary>
/// The correctly rounded sum of a set of doubles (Shewchuk's algorithm, as Python's <c>math.fsum</c>): its result
/// does not depend on the order of the terms. Edits use it for the scores of removed choices, which the
/// interpreter and generated code meet in different orders.
/// </summary>
internal static class ExactSum
{
    public static double Of(IEnumerable<double> values)
    {
        var partials = new List<double>();
        var special = 0.0;
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                special += value; // inf + -inf gives NaN, as it should.
                continue;
            }
            var x = value;
            var kept = 0;
            for (var i = 0; i < partials.Count; i++)
            {
                var y = partials[i];
                if (System.Math.Abs(x) < System.Math.Abs(y)) (x, y) = (y, x);
                var hi = x + y;
                var lo = y - (hi - x);
                if (lo != 0.0) partials[kept++] = lo;
                x = hi;
            }
            partials.RemoveRange(kept, partials.Count - kept);
            partials.Add(x);
        }
        if (special != 0.0 || double.IsNaN(special)) return special;
        return Round(partials);
    }

    private static double Round(List<double> partials)
    {
        var n = partials.Count;
        if (n == 0) return 0.0;
        var hi = partials[--n];
        var lo = 0.0;
        while (n > 0)
        {
            var x = hi;
            var y = partials[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) break;
        }
        // Round half to even across the remaining partials, as fsum does.
        if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)))
        {
            var y = lo * 2.0;
            var x = hi + y;
            if (y == x - hi) hi = x;
        }
        return hi;
    }
}
