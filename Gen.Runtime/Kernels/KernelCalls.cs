using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The rule of a traced call of a kernel-subset [Gen] function in a kernel: the call claims its site's key index, its
/// callee runs rooted at <c>Root.FoldIn(k)</c> (as <see cref="ImportanceMode"/>'s call runs it) over a block of the
/// layout of its own, and its score, weight and constrained columns are added to the caller's when it returns.
/// </summary>
/// <remarks>
/// The layout (<see cref="IKernelMemory.Offset"/>, <see cref="IKernelMemory.Extent"/>) names slots from a block base:
/// for a call at a constant address, its slot holds the callee's block base and the column recording that the row made
/// the call; for a family <c>(name, i)</c> of calls, the position of a table of such pairs (one per call index) and its
/// extent. A row that makes a call twice, or one at an index outside the table, faults (the host runs it again).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelCalls
{
    /// <summary>Enters the call at a constant address whose slot read (<paramref name="block"/>, <paramref name="presence"/>); false: do nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Enter<TMemory>(ref KernelState state, ref TMemory memory, int block, int presence, out KernelState callee, out int calleeBlock)
        where TMemory : struct, IKernelMemory
    {
        var key = state.Next++;
        callee = default;
        calleeBlock = block;
        if (state.Faulted) return false;
        return Begin(ref state, ref memory, key, presence, out callee);
    }

    /// <summary>Enters call <paramref name="index"/> of a family whose slot read (<paramref name="table"/>, <paramref name="extent"/>); false: do nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EnterAt<TMemory>(ref KernelState state, ref TMemory memory, int table, int extent, int index, out KernelState callee, out int calleeBlock)
        where TMemory : struct, IKernelMemory
    {
        var key = state.Next++;
        callee = default;
        calleeBlock = 0;
        if (state.Faulted) return false;
        if ((uint)index >= (uint)extent)
        {
            state.Fault();
            return false;
        }
        calleeBlock = memory.Offset(table + index);
        return Begin(ref state, ref memory, key, memory.Extent(table + index), out callee);
    }

    /// <summary>A Switch whose index selects none of its branches: the CPU throws, so the particle faults (and runs there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static R Unselected<R>(ref KernelState state) where R : unmanaged
    {
        state.Fault();
        return default;
    }

    /// <summary>Adds the callee's score, weight and constrained columns to the caller's (a fault carries over).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Leave(ref KernelState state, in KernelState callee)
    {
        state.Score += callee.Score;
        state.Weight += callee.Weight;
        state.Constrained += callee.Constrained;
        state.ConstrainedSum += callee.ConstrainedSum;
        if (callee.Faulted) state.Fault();
    }

    /// <summary>
    /// Records that the row made the call (a call the host laid out no block for, or one made twice, faults); an edit's
    /// first pass, which runs the previous execution again over its values, records nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Begin<TMemory>(ref KernelState state, ref TMemory memory, uint key, int presence, out KernelState callee)
        where TMemory : struct, IKernelMemory
    {
        callee = default;
        if (presence < 0)
        {
            state.Fault();
            return false;
        }
        if (memory.Phase != KernelPhase.Rescore)
        {
            var storage = memory.Storage(presence);
            if (!double.IsNaN(memory.Value(storage, state.Row)))
            {
                state.Fault();
                return false;
            }
            memory.Store(storage, state.Row, 1);
        }
        callee = new KernelState(state.Root.FoldIn(key), state.Row);
        return true;
    }
}
