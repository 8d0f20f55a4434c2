using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The calls generated code makes, one per sample site: <c>mode.Choice(new Normal.Primitive(0, 1), "slope", ref
/// trace._slope)</c>. Each builds the site's address in its cheapest form and runs the mode's rule. Generated files
/// import these with <c>using static</c>, which brings in the extension methods and nothing else.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SiteCalls
{
    /// <summary>A choice at the constant name <paramref name="name"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Choice<TMode, TDistribution, T>(ref this TMode mode, TDistribution distribution, string name, ref Choice<T> slot)
        where TMode : struct, ISiteMode where TDistribution : struct, IPrimitive<T> =>
        mode.Choice(distribution, new ConstantName(name), ref slot);

    /// <summary>A choice at <c>(name, index)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Choice<TMode, TDistribution, T>(ref this TMode mode, TDistribution distribution, string name, int index, IndexedSlots<Choice<T>> slots)
        where TMode : struct, ISiteMode where TDistribution : struct, IPrimitive<T> =>
        mode.Choice(distribution, new IndexedName(name, index), ref slots[index]);

    /// <summary>A choice at a constant address of several parts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Choice<TMode, TDistribution, T>(ref this TMode mode, TDistribution distribution, Address address, ref Choice<T> slot)
        where TMode : struct, ISiteMode where TDistribution : struct, IPrimitive<T> =>
        mode.Choice(distribution, new FullAddress(address, false), ref slot);

    /// <summary>A choice from a distribution object (its virtual Sample and LogDensity) at the constant name <paramref name="name"/>.</summary>
    public static T Choice<TMode, T>(ref this TMode mode, Distribution<T> distribution, string name, ref Choice<T> slot) where TMode : struct, ISiteMode =>
        mode.Choice(new VirtualPrimitive<T>(distribution), new ConstantName(name), ref slot);

    /// <summary>A choice from a distribution object at <c>(name, index)</c>.</summary>
    public static T Choice<TMode, T>(ref this TMode mode, Distribution<T> distribution, string name, int index, IndexedSlots<Choice<T>> slots) where TMode : struct, ISiteMode =>
        mode.Choice(new VirtualPrimitive<T>(distribution), new IndexedName(name, index), ref slots[index]);

    /// <summary>A choice from a distribution object at a constant address of several parts.</summary>
    public static T Choice<TMode, T>(ref this TMode mode, Distribution<T> distribution, Address address, ref Choice<T> slot) where TMode : struct, ISiteMode =>
        mode.Choice(new VirtualPrimitive<T>(distribution), new FullAddress(address, false), ref slot);

    /// <summary>A traced call at the constant name <paramref name="name"/>.</summary>
    public static R Call<TMode, R>(ref this TMode mode, GenerativeFunction<R> function, string name, ref Subtrace slot) where TMode : struct, ISiteMode =>
        mode.Call(function, new ConstantName(name), ref slot);

    /// <summary>A traced call at <c>(name, index)</c>.</summary>
    public static R Call<TMode, R>(ref this TMode mode, GenerativeFunction<R> function, string name, int index, IndexedSlots<Subtrace> slots) where TMode : struct, ISiteMode =>
        mode.Call(function, new IndexedName(name, index), ref slots[index]);

    /// <summary>A traced call at a constant address of several parts.</summary>
    public static R Call<TMode, R>(ref this TMode mode, GenerativeFunction<R> function, Address address, ref Subtrace slot) where TMode : struct, ISiteMode =>
        mode.Call(function, new FullAddress(address, false), ref slot);
}
