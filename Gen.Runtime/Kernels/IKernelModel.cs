using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The kernel form of a [Gen] method, generated for models in the kernel subset (value types, arrays of numbers as
/// arguments, the scalar distributions, constant and <c>(name, i)</c> addresses): one particle's Importance over
/// the memory, which is device views on a GPU and arrays on the host.
/// </summary>
/// <typeparam name="R">The model's return type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IKernelModel<R> where R : unmanaged
{
    /// <summary>Runs the body for the particle of <paramref name="state"/>, storing its sampled values in <paramref name="memory"/>.</summary>
    static abstract R Run<TMemory>(ref KernelState state, ref TMemory memory) where TMemory : struct, IKernelMemory;
}

/// <summary>
/// Receives the kernel form of a compiled function (generated code calls <see cref="Run{TModel, R}"/> with its kernel
/// struct, so a backend can launch it without reflection).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IKernelDispatch
{
    /// <summary>Runs the job with the kernel form <typeparamref name="TModel"/>.</summary>
    void Run<TModel, R>() where TModel : struct, IKernelModel<R> where R : unmanaged;
}

/// <summary>Asks only whether a kernel form exists (runs nothing).</summary>
internal sealed class NoKernelDispatch : IKernelDispatch
{
    public static readonly NoKernelDispatch Instance = new();

    public void Run<TModel, R>() where TModel : struct, IKernelModel<R> where R : unmanaged { }
}
