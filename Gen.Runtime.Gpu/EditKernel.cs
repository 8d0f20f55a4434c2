using Gen.Internal;
using ILGPU;

namespace Gen.Gpu;

/// <summary>
/// The edit kernel of the GPU path: particle i of a launch runs the previous call over its previous values (recording
/// each site's log density), then the new call under Update's rule (a Regenerate's: the resampled columns without a
/// previous value), as <c>HostBackend.Edit</c> does on the cores.
/// </summary>
internal static class EditKernel
{
    /// <summary>Particle <c>First + i</c>, rooted at <c>BatchKey.FoldIn(First + i).FoldIn(0)</c>, into row i of the launch's columns.</summary>
    public static void Run<TModel, R>(Index1D i, DeviceEditMemory before, DeviceEditMemory after, ArrayView<R> retvals)
        where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        if (!Previous<TModel, R>(i, before, after)) return;
        var state = KernelRun.Start(after.Inner.BatchKey, after.Inner.First + i, i);
        retvals[i] = TModel.Run(ref state, ref after);
        Finish(after, i, state);
    }

    /// <summary><see cref="Run{TModel, R}"/> for a model of bool, whose values the device holds as bytes.</summary>
    public static void RunBoolean<TModel>(Index1D i, DeviceEditMemory before, DeviceEditMemory after, ArrayView<byte> retvals) where TModel : struct, IKernelModel<bool>
    {
        if (!Previous<TModel, bool>(i, before, after)) return;
        var state = KernelRun.Start(after.Inner.BatchKey, after.Inner.First + i, i);
        retvals[i] = TModel.Run(ref state, ref after) ? (byte)1 : (byte)0;
        Finish(after, i, state);
    }

    /// <summary>The first pass; false (the particle marked for the host) where the host runs it or the pass faulted.</summary>
    private static bool Previous<TModel, R>(int i, DeviceEditMemory before, DeviceEditMemory after) where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        if (before.OnHost[i] != 0)
        {
            after.Inner.Faults[i] = 1;
            return false;
        }
        var state = KernelRun.Start(before.Inner.BatchKey, before.Inner.First + i, i);
        TModel.Run(ref state, ref before);
        if (!state.Faulted) return true;
        after.Inner.Faults[i] = 1;
        return false;
    }

    private static void Finish(DeviceEditMemory after, int i, in KernelState state)
    {
        after.Inner.Scores[i] = state.Score;
        after.Inner.Weights[i] = state.Weight;
        if (KernelRun.Faulted(state, after.Inner.ConstraintCount, after.Inner.ConstraintSum) || (after.Regenerate == 0 && KernelEdit.Removed(ref after, after.Columns, i)))
            after.Inner.Faults[i] = 1;
    }

    /// <summary>The kernel method for <typeparamref name="TModel"/> and the type its return values have on the device.</summary>
    public static (System.Reflection.MethodInfo Method, System.Type Stored) For<TModel, R>() where TModel : struct, IKernelModel<R> where R : unmanaged =>
        typeof(R) == typeof(bool)
            ? (typeof(EditKernel).GetMethod(nameof(RunBoolean))!.MakeGenericMethod(typeof(TModel)), typeof(byte))
            : (typeof(EditKernel).GetMethod(nameof(Run))!.MakeGenericMethod(typeof(TModel), typeof(R)), typeof(R));
}
