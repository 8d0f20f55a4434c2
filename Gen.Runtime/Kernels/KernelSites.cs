using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The rule of a choice in a kernel, over a column of the batch instead of a trace slot: Importance's steps
/// (<see cref="ImportanceMode"/>: claim the site's key index, take the constraint or sample with <c>Root.FoldIn(k)</c>,
/// score with the primitive's own density), or an edit's two passes (<see cref="KernelPhase"/>), as the memory's phase
/// says. What would throw on the CPU faults the particle instead.
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
        if (memory.Phase != KernelPhase.Importance) return EditReal(ref state, ref memory, distribution, offset, extent, index);
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
        if (memory.Phase != KernelPhase.Importance) return EditBoolean(ref state, ref memory, distribution, offset, extent, index);
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
        if (memory.Phase != KernelPhase.Importance) return EditInteger(ref state, ref memory, distribution, offset, extent, index);
        if (!Enter(ref state, ref memory, offset, extent, index, out var storage, out var constraint, out var key)) return 0;
        var value = storage < 0 ? (int)constraint : distribution.Sample(state.Root.FoldIn(key));
        Keep(ref state, ref memory, storage, value, distribution.LogDensity(value));
        return value;
    }

    // An edit's rule (the three below), out of line: folded away where the memory serves Importance, without spending
    // the JIT's inlining budget of the kernel form's body (whose loops must keep their calls inlined; inlined, this
    // code made ImportanceK 3× slower).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double EditReal<TMemory, TPrimitive>(ref KernelState state, ref TMemory memory, TPrimitive distribution, int offset, int extent, int index)
        where TMemory : struct, IKernelMemory where TPrimitive : struct, IPrimitive<double>
    {
        if (!EditEnter(ref state, ref memory, offset, extent, index, out var site)) return 0;
        var given = site.Given ? site.Value : distribution.Sample(state.Root.FoldIn(site.Key));
        EditKeep(ref state, ref memory, site, given, distribution.LogDensity(given));
        return given;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool EditBoolean<TMemory, TPrimitive>(ref KernelState state, ref TMemory memory, TPrimitive distribution, int offset, int extent, int index)
        where TMemory : struct, IKernelMemory where TPrimitive : struct, IPrimitive<bool>
    {
        if (!EditEnter(ref state, ref memory, offset, extent, index, out var site)) return false;
        var given = site.Given ? site.Value != 0 : distribution.Sample(state.Root.FoldIn(site.Key));
        EditKeep(ref state, ref memory, site, given ? 1 : 0, distribution.LogDensity(given));
        return given;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int EditInteger<TMemory, TPrimitive>(ref KernelState state, ref TMemory memory, TPrimitive distribution, int offset, int extent, int index)
        where TMemory : struct, IKernelMemory where TPrimitive : struct, IPrimitive<int>
    {
        if (!EditEnter(ref state, ref memory, offset, extent, index, out var site)) return 0;
        var given = site.Given ? (int)site.Value : distribution.Sample(state.Root.FoldIn(site.Key));
        EditKeep(ref state, ref memory, site, given, distribution.LogDensity(given));
        return given;
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

    /// <summary>Where a site's value comes from: its key index, its column and value row, and the value it is given, if any.</summary>
    private struct Site
    {
        public uint Key;
        public int Column;

        /// <summary>The value row, or −1 for a column the constraints fix.</summary>
        public int Storage;

        /// <summary>The constraint, or (in an edit) the previous value, when <see cref="Given"/>.</summary>
        public double Value;

        public bool Given;

        /// <summary>An edit's second pass: the particle had a value here before, whose log density the first pass recorded.</summary>
        public bool HadPrevious;
    }

    /// <summary>
    /// <see cref="Enter"/> for an edit's passes: the first takes the particle's previous value (which every site it
    /// revisits has, else the host runs the particle); the second, Enter's steps, then the previous value where the
    /// constraints do not fix the column (a site revisited in the same pass faults).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EditEnter<TMemory>(ref KernelState state, ref TMemory memory, int offset, int extent, int index, out Site site)
        where TMemory : struct, IKernelMemory
    {
        site = default;
        site.Storage = -1;
        if (memory.Phase == KernelPhase.Rescore)
        {
            // Enter's first steps, written out: Enter stays one flat body, as one more inlined call in it would exceed the
            // JIT's inlining budget for a kernel form (ImportanceK 3× slower, measured).
            site.Key = state.Next++;
            if (state.Faulted) return false;
            if ((uint)index >= (uint)extent)
            {
                state.Fault();
                return false;
            }
            site.Column = offset + index;
            site.Value = memory.Previous(site.Column, state.Row);
            site.Given = true;
            if (!double.IsNaN(site.Value)) return true;
            state.Fault();
            return false;
        }
        if (!Enter(ref state, ref memory, offset, extent, index, out site.Storage, out var constraint, out site.Key)) return false;
        site.Column = offset + index;
        var previous = memory.Previous(site.Column, state.Row);
        site.HadPrevious = !double.IsNaN(previous);
        if (site.HadPrevious && double.IsNaN(memory.PreviousScore(site.Column, state.Row)))
        {
            state.Fault(); // visited twice
            return false;
        }
        site.Given = site.Storage < 0 || site.HadPrevious;
        site.Value = site.Storage < 0 ? constraint : previous;
        return true;
    }

    /// <summary>
    /// <see cref="Keep"/> for an edit's passes: the first records the previous value's log density; the second adds to
    /// the weight log p(new) − log p(old) for a site the particle had before, a newly constrained one's log density
    /// otherwise (as <see cref="UpdateMode"/>), and stores a value the constraints do not fix. A NaN density faults.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EditKeep<TMemory>(ref KernelState state, ref TMemory memory, in Site site, double value, double score)
        where TMemory : struct, IKernelMemory
    {
        if (memory.Phase == KernelPhase.Update && !site.HadPrevious)
        {
            Keep(ref state, ref memory, site.Storage, value, score); // a fresh site: Importance's rule
            return;
        }
        if (double.IsNaN(score))
        {
            state.Fault();
            return;
        }
        if (memory.Phase == KernelPhase.Rescore) memory.SetPreviousScore(site.Column, state.Row, score);
        else
        {
            state.Weight += score - memory.PreviousScore(site.Column, state.Row);
            memory.SetPreviousScore(site.Column, state.Row, double.NaN); // visited: not removed
            if (site.Storage >= 0) memory.Store(site.Storage, state.Row, value);
        }
        state.Score += score;
    }
}
