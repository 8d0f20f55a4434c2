using Gen.Internal;
using ILGPU;

namespace Gen.Gpu;

/// <summary>The one kernel of the GPU path: particle i of a launch runs the model's kernel form under the Importance rule.</summary>
internal static class ImportanceKernel
{
    /// <summary>
    /// Particle <c>First + i</c>: rooted at <c>BatchKey.FoldIn(First + i).FoldIn(0)</c> (as under
    /// <c>Seed(BatchKey.FoldIn(First + i))</c> on the CPU), its values into row i of the launch's columns.
    /// </summary>
    public static void Run<TModel, R>(Index1D i, DeviceMemory memory, ArrayView<R> retvals)
        where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        var state = KernelRun.Start(memory.BatchKey, memory.First + i, i);
        retvals[i] = TModel.Run(ref state, ref memory);
        Finish(memory, i, state);
    }

    /// <summary><see cref="Run{TModel, R}"/> for a model of bool, whose values the device holds as bytes (a bool is not blittable).</summary>
    public static void RunBoolean<TModel>(Index1D i, DeviceMemory memory, ArrayView<byte> retvals) where TModel : struct, IKernelModel<bool>
    {
        var state = KernelRun.Start(memory.BatchKey, memory.First + i, i);
        retvals[i] = TModel.Run(ref state, ref memory) ? (byte)1 : (byte)0;
        Finish(memory, i, state);
    }

    /// <summary>
    /// Row <c>First + i</c> of a launch of calls with their own arguments (a Scan step's rows): its arguments from entry
    /// <c>starts[First + i]</c> of the packed arguments, rooted at <c>keys[First + i]</c>; a row whose start is −1 is not
    /// run (faulted: the host runs it).
    /// </summary>
    public static void Rows<TModel, R>(Index1D i, DeviceMemory memory, ArrayView<R> retvals, ArrayView<int> starts, ArrayView<Key> keys)
        where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        if (!Enter(i, ref memory, starts, keys, out var state)) return;
        retvals[i] = TModel.Run(ref state, ref memory);
        Finish(memory, i, state);
    }

    /// <summary><see cref="Rows{TModel, R}"/> for a model of bool (its values held as bytes).</summary>
    public static void RowsBoolean<TModel>(Index1D i, DeviceMemory memory, ArrayView<byte> retvals, ArrayView<int> starts, ArrayView<Key> keys)
        where TModel : struct, IKernelModel<bool>
    {
        if (!Enter(i, ref memory, starts, keys, out var state)) return;
        retvals[i] = TModel.Run(ref state, ref memory) ? (byte)1 : (byte)0;
        Finish(memory, i, state);
    }

    /// <summary>The row's arguments and key, or false (the row faulted) where it is not to run.</summary>
    private static bool Enter(int i, ref DeviceMemory memory, ArrayView<int> starts, ArrayView<Key> keys, out KernelState state)
    {
        var row = memory.First + i;
        state = new KernelState(keys[row], i);
        if (starts[row] < 0)
        {
            memory.Faults[i] = 1;
            return false;
        }
        memory.ArgumentBase = starts[row];
        return true;
    }

    /// <summary>The particle's score, weight and fault flag (already 1 if it read an argument array out of range).</summary>
    private static void Finish(DeviceMemory memory, int i, in KernelState state)
    {
        memory.Scores[i] = state.Score;
        memory.Weights[i] = state.Weight;
        if (KernelRun.Faulted(state, memory.ConstraintCount, memory.ConstraintSum)) memory.Faults[i] = 1;
    }

    /// <summary>The rows kernel method for <typeparamref name="TModel"/> (<see cref="Rows{TModel, R}"/>) and the type its return values have on the device.</summary>
    public static (System.Reflection.MethodInfo Method, System.Type Stored) RowsFor<TModel, R>() where TModel : struct, IKernelModel<R> where R : unmanaged =>
        typeof(R) == typeof(bool)
            ? (typeof(ImportanceKernel).GetMethod(nameof(RowsBoolean))!.MakeGenericMethod(typeof(TModel)), typeof(byte))
            : (typeof(ImportanceKernel).GetMethod(nameof(Rows))!.MakeGenericMethod(typeof(TModel), typeof(R)), typeof(R));

    /// <summary>The kernel method for <typeparamref name="TModel"/> and the type its return values have on the device.</summary>
    public static (System.Reflection.MethodInfo Method, System.Type Stored) For<TModel, R>() where TModel : struct, IKernelModel<R> where R : unmanaged =>
        typeof(R) == typeof(bool)
            ? (typeof(ImportanceKernel).GetMethod(nameof(RunBoolean))!.MakeGenericMethod(typeof(TModel)), typeof(byte))
            : (typeof(ImportanceKernel).GetMethod(nameof(Run))!.MakeGenericMethod(typeof(TModel), typeof(R)), typeof(R));
}
