using System;
using System.Collections.Concurrent;
using Gen.Internal;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Gen.Gpu;

/// <summary>
/// A device that runs inference kernels: the first CUDA GPU when one is present, else ILGPU's CPU accelerator (which
/// runs the very same kernels on CPU threads, slowly: for tests and machines without a GPU). Pass it to
/// <see cref="GpuInference.ImportanceK{R}(GenerativeFunction{R}, int, ChoiceMap, GpuDevice)"/>.
/// </summary>
/// <example><code>
/// using var gpu = GpuDevice.Open();
/// Console.WriteLine(gpu.Name);   // "CUDA: NVIDIA H200" or "CPU accelerator"
/// var particles = model.ImportanceK(1_000_000, observations, gpu);
/// </code></example>
public sealed class GpuDevice : IDisposable
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly ConcurrentDictionary<Type, Delegate> _kernels = new();
    private readonly ConcurrentDictionary<Type, Delegate> _editKernels = new();
    private readonly object _launch = new();
    private bool _disposed;

    private GpuDevice(Context context, Accelerator accelerator, bool cuda)
    {
        _context = context;
        _accelerator = accelerator;
        IsCuda = cuda;
        Name = cuda ? "CUDA: " + accelerator.Name : "CPU accelerator";
    }

    /// <summary>Opens the first CUDA GPU, or ILGPU's CPU accelerator when there is none; <see cref="Name"/> says which.</summary>
    public static GpuDevice Open()
    {
        var context = Context.Create(builder => builder.Cuda().CPU().EnableAlgorithms());
        try
        {
            return context.GetCudaDevices().Count > 0
                ? new GpuDevice(context, context.CreateCudaAccelerator(0), cuda: true)
                : new GpuDevice(context, context.CreateCPUAccelerator(0), cuda: false);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Opens ILGPU's CPU accelerator even where a GPU is present (the same kernels on CPU threads).</summary>
    public static GpuDevice OpenCpuAccelerator()
    {
        var context = Context.Create(builder => builder.CPU().EnableAlgorithms());
        return new GpuDevice(context, context.CreateCPUAccelerator(0), cuda: false);
    }

    /// <summary>Which device this is: <c>"CUDA: "</c> and the GPU's name, or <c>"CPU accelerator"</c>.</summary>
    public string Name { get; }

    /// <summary>Whether this is a CUDA GPU.</summary>
    public bool IsCuda { get; }

    /// <summary>The device's memory in bytes.</summary>
    public long MemoryBytes => Accelerator.MemorySize;

    /// <summary>The most particles per launch (tests lower it to exercise many launches).</summary>
    internal int MaxRows { get; set; } = DeviceBackend.MaxRowsPerLaunch;

    internal Accelerator Accelerator
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _accelerator;
        }
    }

    /// <summary>Launches are serialised per device (one stream).</summary>
    internal object LaunchLock => _launch;

    /// <summary>How many kernel launches this device has run (tests check that a call ran on the device).</summary>
    internal int Launches { get; set; }

    /// <summary>
    /// The kernel for <typeparamref name="TModel"/>, whose return values the device holds as <typeparamref name="TStored"/>;
    /// compiled on first use. On CUDA from <see cref="StrictPtx"/>, so that the GPU rounds each operation as the CPU does.
    /// </summary>
    internal Action<Index1D, DeviceMemory, ArrayView<TStored>> Kernel<TModel, R, TStored>() where TModel : struct, IKernelModel<R> where R : unmanaged where TStored : unmanaged =>
        (Action<Index1D, DeviceMemory, ArrayView<TStored>>)_kernels.GetOrAdd(typeof(TModel), _ =>
        {
            var method = ImportanceKernel.For<TModel, R>().Method;
            if (Accelerator is not CudaAccelerator cuda)
                return Accelerator.LoadAutoGroupedStreamKernel(method.CreateDelegate<Action<Index1D, DeviceMemory, ArrayView<TStored>>>());
            var launch = cuda.LoadAutoGroupedKernel(StrictPtx.Compile(cuda.Backend, method))
                .CreateLauncherDelegate<Action<AcceleratorStream, Index1D, DeviceMemory, ArrayView<TStored>>>();
            return new Action<Index1D, DeviceMemory, ArrayView<TStored>>((n, memory, retvals) => launch(cuda.DefaultStream, n, memory, retvals));
        });

    /// <summary>The edit kernel for <typeparamref name="TModel"/> (<see cref="EditKernel"/>), compiled on first use as <see cref="Kernel{TModel, R, TStored}"/> is.</summary>
    internal Action<Index1D, DeviceEditMemory, DeviceEditMemory, ArrayView<TStored>> EditKernel<TModel, R, TStored>() where TModel : struct, IKernelModel<R> where R : unmanaged where TStored : unmanaged =>
        (Action<Index1D, DeviceEditMemory, DeviceEditMemory, ArrayView<TStored>>)_editKernels.GetOrAdd(typeof(TModel), _ =>
        {
            var method = Gpu.EditKernel.For<TModel, R>().Method;
            if (Accelerator is not CudaAccelerator cuda)
                return Accelerator.LoadAutoGroupedStreamKernel(method.CreateDelegate<Action<Index1D, DeviceEditMemory, DeviceEditMemory, ArrayView<TStored>>>());
            var launch = cuda.LoadAutoGroupedKernel(StrictPtx.Compile(cuda.Backend, method))
                .CreateLauncherDelegate<Action<AcceleratorStream, Index1D, DeviceEditMemory, DeviceEditMemory, ArrayView<TStored>>>();
            return new Action<Index1D, DeviceEditMemory, DeviceEditMemory, ArrayView<TStored>>((n, before, after, retvals) => launch(cuda.DefaultStream, n, before, after, retvals));
        });

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Releases the device.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _accelerator.Dispose();
        _context.Dispose();
    }
}
