using System;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>The steps every mode's rule shares: reading a constraint, scoring a value, keeping a choice or a subtrace.</summary>
internal static class SiteRules
{
    /// <summary>The constraint at the site, if any; a non-finite value for a continuous choice is an error naming the address.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryConstraint<T, TAddress>(ref GfiState state, TAddress address, out T value) where TAddress : struct, ISiteAddress
    {
        if (!address.TryGetValue(ref state, out value)) return false;
        if (typeof(T) == typeof(double) && !double.IsFinite((double)(object)value!)) NotFinite(state, address, value);
        if (typeof(T) == typeof(double[])) CheckFinite((double[])(object)value!, state, address);
        state.Used++;
        return true;
    }

    /// <summary>The log density of <paramref name="value"/>; NaN (a broken user distribution) is an error naming the distribution and address.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Score<TDistribution, T, TAddress>(TDistribution distribution, T value, TAddress address, string functionName)
        where TDistribution : struct, IPrimitive<T> where TAddress : struct, ISiteAddress
    {
        var score = distribution.LogDensity(value);
        if (double.IsNaN(score)) NaNDensity(distribution, value, address, functionName);
        return score;
    }

    /// <summary>
    /// Samples a fresh value, out of line: where a site may also take a constraint or keep its previous value, the
    /// rule's common path stays small enough for the JIT to inline it whole into every site.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Draw<TDistribution, T>(TDistribution distribution, Key key) where TDistribution : struct, IPrimitive<T> => distribution.Sample(key);

    /// <summary>An update replaced the previous value of a choice: it goes to the discard.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Replaced<T, TAddress>(ref GfiState state, TAddress address, T previous) where TAddress : struct, ISiteAddress =>
        state.Discard(address, ChoiceMap.Leaf(previous!));

    /// <summary>Stores a choice and adds its score.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Keep<T>(ref GfiState state, ref Choice<T> slot, T value, double score)
    {
        slot = new Choice<T>(value, score);
        state.Score += score;
        return value;
    }

    /// <summary>Stores a subtrace and adds its score.</summary>
    public static R Keep<R>(ref GfiState state, ref Subtrace slot, Trace<R> trace)
    {
        slot = new Subtrace(trace);
        state.Score += trace.Score;
        return trace.Retval;
    }

    /// <summary>The previous trace's subtrace at this slot, if the slot still holds it.</summary>
    public static Trace? Previous(in Subtrace slot) => slot.State == SlotState.Previous ? slot.Trace : null;

    private static void CheckFinite<TAddress>(double[]? values, in GfiState state, TAddress address) where TAddress : struct, ISiteAddress
    {
        if (values is null) return;
        foreach (var x in values)
            if (!double.IsFinite(x)) NotFinite(state, address, values);
    }

    /// <summary>The site's address for a message: a distribution called directly names where its constraints came from.</summary>
    private static Address Name<TAddress>(in GfiState state, TAddress address) where TAddress : struct, ISiteAddress =>
        address.IsRoot ? state.Constraints.Path ?? Address.Of("(root)") : address.ToAddress();

    // Error paths, out of line so that the rules inline into every site.

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NotFinite<T, TAddress>(in GfiState state, TAddress address, T value) where TAddress : struct, ISiteAddress =>
        throw new ArgumentException(
            $"The value given for the continuous choice '{Name(state, address)}' of {state.FunctionName} is {Format(value)}, which is not finite. " +
            "Constraints and assessed choices of continuous distributions must be finite numbers: drop a missing observation from the choice map instead of passing NaN.",
            "constraints");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NaNDensity<TDistribution, T, TAddress>(TDistribution distribution, T value, TAddress address, string functionName)
        where TAddress : struct, ISiteAddress =>
        throw new InvalidOperationException(
            $"The distribution {distribution} returned NaN as the log density of {Format(value)} at '{address.ToAddress()}' in {functionName}. " +
            "A log density must be a number or -Infinity (outside the support); check its LogDensity.");

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        double[] a => "[" + string.Join(", ", Array.ConvertAll(a, x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]",
        null => "null",
        _ => value.ToString() ?? "",
    };
}
