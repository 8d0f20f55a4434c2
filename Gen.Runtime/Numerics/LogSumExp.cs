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
    private static double OfSpan(ReadOnlySpan<double> values) => OfTerms(values, new Identity());

    /// <summary>
    /// log Σ exp(2 (v − <paramref name="shift"/>)) over <paramref name="values"/>: the same arithmetic, bit for bit, as
    /// <see cref="Of"/> over an array of those terms, without the array (an effective sample size's squared weights).
    /// </summary>
    internal static double OfDoubledDifferences(ReadOnlySpan<double> values, double shift) => OfTerms(values, new Doubled(shift));

    /// <summary>log Σ exp(term(v)) over <paramref name="values"/>, the maximum term subtracted before the exponentials.</summary>
    private static double OfTerms<TTerm>(ReadOnlySpan<double> values, TTerm term) where TTerm : struct, ITerm
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            var x = term.Of(v);
            if (double.IsNaN(x)) return double.NaN;
            if (x > max) max = x;
        }
        if (double.IsNegativeInfinity(max)) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(max)) return double.PositiveInfinity;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(term.Of(v) - max);
        return max + Math.Log(sum);
    }

    /// <summary>The term each value contributes (a struct, so each use compiles to its own loop).</summary>
    private interface ITerm
    {
        double Of(double value);
    }

    private readonly struct Identity : ITerm
    {
        public double Of(double value) => value;
    }

    private readonly struct Doubled(double shift) : ITerm
    {
        public double Of(double value) => 2 * (value - shift);
    }

    /// <summary>log of the mean of exp(values).</summary>
    public static double Mean(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NegativeInfinity : Of(values) - Math.Log(values.Count);
}
