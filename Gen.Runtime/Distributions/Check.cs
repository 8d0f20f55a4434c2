using System;
using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>Parameter checks shared by the distributions: each names the parameter and the rule it broke.</summary>
internal static class Check
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finite(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value)) Fail(name, value, "must be a finite number");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Positive(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value)) Fail(name, value, "must be positive and finite");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Probability(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0 && value <= 1)) Fail(name, value, "must be a probability in [0, 1]");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fail(string? name, object value, string rule) =>
        throw new ArgumentOutOfRangeException(name, value, $"Parameter '{name}' {rule}, but was {value}.");
}
