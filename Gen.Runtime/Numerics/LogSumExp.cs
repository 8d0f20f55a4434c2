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

    /// <summary>
    /// log Σ exp(2 (v − <paramref name="shift"/>)) over <paramref name="values"/>: the same arithmetic, bit for bit, as
    /// <see cref="Of"/> over an array of those terms, without the array (an effective sample size's squared weights).
    /// </summary>
    internal static double OfDoubledDifferences(ReadOnlySpan<double> values, double shift)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            var term = 2 * (v - shift);
            if (double.IsNaN(term)) return double.NaN;
            if (term > max) max = term;
        }
        if (double.IsNegativeInfinity(max)) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(max)) return double.PositiveInfinity;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(2 * (v - shift) - max);
        return max + Math.Log(sum);
    }

    /// <summary>log of the mean of exp(values).</summary>
    public static double Mean(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NegativeInfinity : Of(values) - Math.Log(values.Count);
}
