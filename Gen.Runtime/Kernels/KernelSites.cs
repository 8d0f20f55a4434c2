using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The Importance rule of a choice in a kernel: the same steps as <see cref="ImportanceMode"/> — claim the site's key
/// index, take the constraint or sample with <c>Root.FoldIn(k)</c>, score with the primitive's own density — over a
/// column of the batch instead of a trace slot. What would throw on the CPU faults the particle instead.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelSites
{
    /// <summary>
    /// A continuous choice at entry <paramref name="index"/> of a slot whose columns start at <paramref name="offset"/> and
    /// number <paramref name="extent"/> (1 and 0 for a constant address; the kernel form reads both once per particle).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Real<TMemory, TPrimitive>(ref KernelState state, ref TMemory memory, TPrimitive distribution, int offset, int extent, int index)
        where TMemory : struct, IKernelMemory where TPrimitive : struct, IPrimitive<double>
    {
        if (!Enter(ref state, ref memory, offset, extent, index, out var storage, out var constraint, out var key)) return 0;
        var value = storage < 0 ? constraint : distribution.Sample(state.Root.FoldIn(key));
        Keep(ref state, ref memory, storage, value, distribution.LogDensity(value));
        return value;
    }

    /// <summary>A Boolean choice (stored as 0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Boolean<TMemory, TPrimitive>(ref KernelState state, ref TMemory memory, TPrimitive distribution, int offset, int extent, int index)
        where TMemory : struct, IKernelMemory where TPrimitive : struct, IPrimitive<bool>
    {
        if (!Enter(ref state, ref memory, offset, extent, index, out var storage, out var constraint, out var key)) return false;
        var value = storage < 0 ? constraint != 0 : distribution.Sample(state.Root.FoldIn(key));
        Keep(ref state, ref memory, storage, value ? 1 : 0, distribution.LogDensity(value));
        return value;
    }

    /// <summary>An integer choice (stored as a double, exactly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Integer<TMemory, TPrimitive>(ref KernelState state, ref TMemory memory, TPrimitive distribution, int offset, int extent, int index)
        where TMemory : struct, IKernelMemory where TPrimitive : struct, IPrimitive<int>
    {
        if (!Enter(ref state, ref memory, offset, extent, index, out var storage, out var constraint, out var key)) return 0;
        var value = storage < 0 ? (int)constraint : distribution.Sample(state.Root.FoldIn(key));
        Keep(ref state, ref memory, storage, value, distribution.LogDensity(value));
        return value;
    }

    /// <summary>
    /// Claims the site's key index and finds its column: false (and nothing to do) for a faulted particle, an index
    /// outside the layout the host measured, or a value row this particle already filled (a site visited twice).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Enter<TMemory>(ref KernelState state, ref TMemory memory, int offset, int extent, int index, out int storage, out double constraint, out uint key)
        where TMemory : struct, IKernelMemory
    {
        key = state.Next++;
        storage = -1;
        constraint = 0;
        if (state.Faulted) return false;
        if ((uint)index >= (uint)extent)
        {
            state.Fault();
            return false;
        }
        var column = offset + index;
        storage = memory.Storage(column);
        if (storage < 0)
        {
            constraint = memory.Constraint(column);
            state.Constrained++;
            state.ConstrainedSum += column;
            return true;
        }
        if (double.IsNaN(memory.Value(storage, state.Row))) return true;
        state.Fault();
        return false;
    }

    /// <summary>Adds the score (a constrained choice's also to the weight) and stores a sampled value; a NaN density faults.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep<TMemory>(ref KernelState state, ref TMemory memory, int storage, double value, double score)
        where TMemory : struct, IKernelMemory
    {
        if (double.IsNaN(score))
        {
            state.Fault();
            return;
        }
        if (storage < 0) state.Weight += score;
        else memory.Store(storage, state.Row, value);
        state.Score += score;
    }
}
