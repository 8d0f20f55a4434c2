using System;
using Gen.Internal;
using ILGPU;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Gen.Gpu;

/// <summary>The GPU kernels of models, as code: compiled to PTX with no GPU present (ILGPU's PTX backend).</summary>
public static class GpuKernels
{
    /// <summary>
    /// The PTX assembly of <paramref name="model"/>'s ImportanceK kernel for an SM 8.0 GPU, compiled here whether or not a GPU
    /// is present: what a CUDA device would run. Tests compile every kernel this way, which catches what the CPU
    /// accelerator does not (a math function without a device implementation).
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no kernel form; the message names why.</exception>
    public static string Ptx<R>(GenerativeFunction<R> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var compiler = new PtxCompiler();
        if (!model.KernelForm(compiler, out var obstacle))
            throw new NotSupportedException($"{model.Name} has no GPU kernel: {obstacle}.");
        return compiler.Assembly!;
    }

    /// <summary>
    /// The PTX of the kernel of the kernel form <typeparamref name="TModel"/> (tests compile every generated one);
    /// without <paramref name="algorithms"/> ILGPU has no implementation of <see cref="Math"/>'s functions, so the
    /// compile fails where the kernel would need a device math library.
    /// </summary>
    /// <remarks><paramref name="rows"/>: the kernel of calls with their own arguments (a Scan step's rows) instead.</remarks>
    internal static string Ptx<TModel, R>(bool algorithms = true, bool edit = false, bool rows = false) where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        var compiler = new PtxCompiler(algorithms, edit, rows);
        compiler.Run<TModel, R>();
        return compiler.Assembly!;
    }

    /// <summary>Compiles a kernel form's ImportanceK kernel, or its EditK kernel (<paramref name="edit"/>), or its rows kernel (<paramref name="rows"/>), to PTX.</summary>
    private sealed class PtxCompiler(bool algorithms = true, bool edit = false, bool rows = false) : IKernelDispatch
    {
        public string? Assembly { get; private set; }

        public void Run<TModel, TR>() where TModel : struct, IKernelModel<TR> where TR : unmanaged
        {
            using var context = Context.Create(builder =>
            {
                builder.CPU();
                if (algorithms) builder.EnableAlgorithms();
            });
            var architecture = CudaArchitecture.SM_80;
            using var backend = new PTXBackend(context, new CudaCapabilityContext(architecture), architecture, CudaInstructionSet.ISA_70, null);
            var method = edit ? EditKernel.For<TModel, TR>().Method : rows ? ImportanceKernel.RowsFor<TModel, TR>().Method : ImportanceKernel.For<TModel, TR>().Method;
            Assembly = StrictPtx.Compile(backend, method).PTXAssembly;
        }
    }
}
