using System;
using System.Collections.Generic;

namespace Gen;

/// <summary>Numerically stable log-sum-exp over log weights.</summary>
public static class LogSumExp
{
    /// <summary>log Σ exp(values); <c>-Infinity</c> for an empty list or all <c>-Infinity</c>.</summary>
    public static double Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return OfSpan(values is double[] array ? array : [.. values]); // a particle collection's weights are an array: no enumerator
    }

    /// <summary>log Σ exp(values) over a span.</summary>
    private static double OfSpan(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) return double.NaN;
            if (v > max) max = v;
        }
        if (double.IsNegativeInfinity(max)) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(max)) return double.PositiveInfinity;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>log of the mean of exp(values).</summary>
    public static double Mean(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NegativeInfinity : Of(values) - Math.Log(values.Count);
}
