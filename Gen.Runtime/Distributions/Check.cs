using System;
using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>Parameter checks shared by the distributions: each names the parameter and the rule it broke.</summary>
internal static class Check
{
    /// <summary>How far from 1 the sum of a probability vector may be (absolute, i.e. relative to 1).</summary>
    public const double SumTolerance = 1e-9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finite(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!IsFinite(value)) Fail(name, value, "must be a finite number");
    }

    // The rules as predicates: the checks above throw when they fail; kernels (which cannot throw) reject the particle.

    /// <summary>What <see cref="Finite"/> requires.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFinite(double value) => double.IsFinite(value);

    /// <summary>What <see cref="Positive"/> requires.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPositive(double value) => value > 0 && !double.IsPositiveInfinity(value);

    /// <summary>What <see cref="NonNegative"/> requires.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNonNegative(double value) => value >= 0 && !double.IsPositiveInfinity(value);

    /// <summary>What <see cref="Probability"/> requires.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsProbability(double value) => value >= 0 && value <= 1;

    /// <summary>What <see cref="Interval"/> requires.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsInterval(double lo, double hi) => double.IsFinite(lo) && double.IsFinite(hi) && hi > lo && double.IsFinite(hi - lo);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Positive(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!IsPositive(value)) Fail(name, value, "must be positive and finite");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!IsNonNegative(value)) Fail(name, value, "must be non-negative and finite");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NonNegativeInteger(int value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < 0) Fail(name, value, "must be a non-negative integer");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AtMost(double value, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value <= max)) Fail(name, value, $"must be at most {max}");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Probability(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!IsProbability(value)) Fail(name, value, "must be a probability in [0, 1]");
    }

    /// <summary><paramref name="hi"/> must exceed <paramref name="lo"/>, both finite, with a finite width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interval(double lo, double hi, [CallerArgumentExpression(nameof(lo))] string? loName = null,
        [CallerArgumentExpression(nameof(hi))] string? hiName = null)
    {
        if (!double.IsFinite(lo)) Fail(loName, lo, "must be a finite number");
        if (!double.IsFinite(hi)) Fail(hiName, hi, "must be a finite number");
        if (!(hi > lo)) Fail(hiName, hi, $"must be greater than {loName} = {lo}");
        if (!double.IsFinite(hi - lo)) Fail(hiName, hi, $"must be within a finite distance of {loName} = {lo}");
    }

    /// <summary>
    /// A non-empty vector of non-negative finite entries summing to 1 within <see cref="SumTolerance"/>; returns the
    /// sum (added in index order).
    /// </summary>
    public static double ProbabilityVector(double[] probs, [CallerArgumentExpression(nameof(probs))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(probs, name);
        if (probs.Length == 0) Fail(name, "[]", "must not be empty");
        var sum = 0.0;
        for (var i = 0; i < probs.Length; i++)
        {
            var p = probs[i];
            if (!(p >= 0) || double.IsPositiveInfinity(p)) Fail(name, p, $"must have non-negative finite entries; entry {i}");
            sum += p;
        }
        if (!(Math.Abs(sum - 1) <= SumTolerance)) Fail(name, sum, $"must sum to 1 (within {SumTolerance}); its sum");
        return sum;
    }

    /// <summary>A non-empty vector of positive finite entries.</summary>
    public static void PositiveVector(double[] values, [CallerArgumentExpression(nameof(values))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length == 0) Fail(name, "[]", "must not be empty");
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!(v > 0) || double.IsPositiveInfinity(v)) Fail(name, v, $"must have positive finite entries; entry {i}");
        }
    }

    /// <summary>A non-empty vector of finite entries.</summary>
    public static void FiniteVector(double[] values, [CallerArgumentExpression(nameof(values))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length == 0) Fail(name, "[]", "must not be empty");
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) Fail(name, values[i], $"must have finite entries; entry {i}");
    }

    /// <summary>
    /// A parameter vector for <c>IDifferentiablePrimitive.Create</c> must have exactly <paramref name="count"/>
    /// entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ParameterCount(ReadOnlySpan<double> parameters, int count)
    {
        if (parameters.Length != count) FailCount(nameof(parameters), parameters.Length, count, "exactly");
    }

    /// <summary>
    /// The span that <c>IDifferentiablePrimitive.LogDensityGradient</c> writes the parameter derivatives to must
    /// hold at least <paramref name="count"/> entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GradientLength(Span<double> dParameters, int count)
    {
        if (dParameters.Length < count) FailCount(nameof(dParameters), dParameters.Length, count, "at least");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailCount(string name, int length, int count, string how) =>
        throw new ArgumentException($"'{name}' must have {how} {count} entries (one per parameter), but has {length}.", name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fail(string? name, object value, string rule) =>
        throw new ArgumentOutOfRangeException(name, value, $"Parameter '{name}' {rule}, but was {value}.");
}
