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
        var retval = TModel.Run(ref state, ref memory);
        memory.Scores[i] = state.Score;
        memory.Weights[i] = state.Weight;
        retvals[i] = retval;
        memory.Faults[i] = KernelRun.Faulted(state, memory.ConstraintCount, memory.ConstraintSum) ? (byte)1 : (byte)0;
    }

    /// <summary><see cref="Run{TModel, R}"/> for a model of bool, whose values the device holds as bytes (a bool is not blittable).</summary>
    public static void RunBoolean<TModel>(Index1D i, DeviceMemory memory, ArrayView<byte> retvals) where TModel : struct, IKernelModel<bool>
    {
        var state = KernelRun.Start(memory.BatchKey, memory.First + i, i);
        var retval = TModel.Run(ref state, ref memory);
        memory.Scores[i] = state.Score;
        memory.Weights[i] = state.Weight;
        retvals[i] = retval ? (byte)1 : (byte)0;
        memory.Faults[i] = KernelRun.Faulted(state, memory.ConstraintCount, memory.ConstraintSum) ? (byte)1 : (byte)0;
    }

    /// <summary>The kernel method for <typeparamref name="TModel"/> and the type its return values have on the device.</summary>
    public static (System.Reflection.MethodInfo Method, System.Type Stored) For<TModel, R>() where TModel : struct, IKernelModel<R> where R : unmanaged =>
        typeof(R) == typeof(bool)
            ? (typeof(ImportanceKernel).GetMethod(nameof(RunBoolean))!.MakeGenericMethod(typeof(TModel)), typeof(byte))
            : (typeof(ImportanceKernel).GetMethod(nameof(Run))!.MakeGenericMethod(typeof(TModel), typeof(R)), typeof(R));
}
