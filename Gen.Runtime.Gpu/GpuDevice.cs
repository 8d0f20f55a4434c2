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
    private readonly ConcurrentDictionary<Type, Delegate> _rowsKernels = new();
    private readonly object _launch = new();
    private bool _disposed;

    private GpuDevice(Context context, Accelerator accelerator, bool cuda)
    {
        _context = context;
        _accelerator = accelerator;
        IsCuda = cuda;
        MaxRows = cuda ? DeviceBackend.CudaMaxRowsPerLaunch : DeviceBackend.MaxRowsPerLaunch;
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
    internal int MaxRows { get; set; }

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

    /// <summary>The bytes of value rows copied back to the host (tests check that the copy waits for a read).</summary>
    internal long ValueBytesCopied { get; private set; }

    private DeviceValues? _kept; // the one launch's value rows left on the device, if any

    /// <summary>Copies the first <paramref name="length"/> values of <paramref name="view"/> to <paramref name="host"/> from <paramref name="offset"/> (under the launch lock).</summary>
    internal void CopyBack(ArrayView1D<double, Stride1D.Dense> view, double[] host, int length, int offset = 0)
    {
        if (length > 0) view.SubView(0, length).CopyToCPU(ref host[offset], length);
        ValueBytesCopied += 8L * length;
    }

    /// <summary>
    /// Leaves a launch's value rows on the device until they are read (under the launch lock): the values kept before
    /// go to the host first, so the device holds one batch's at most.
    /// </summary>
    internal DeviceValues Keep(MemoryBuffer1D<double, Stride1D.Dense> buffer, int rows, int length)
    {
        FlushKept();
        return _kept = new DeviceValues(this, buffer, rows, length);
    }

    /// <summary>Sends the values left on the device to the host (before a launch needs the memory, or the device closes).</summary>
    internal void FlushKept()
    {
        _kept?.Flush();
        _kept = null;
    }

    /// <summary>The kept values were read or released.</summary>
    internal void Forget(DeviceValues values)
    {
        if (ReferenceEquals(_kept, values)) _kept = null;
    }

    /// <summary>
    /// The ImportanceK kernel for <typeparamref name="TModel"/>, whose return values the device holds as
    /// <typeparamref name="TStored"/>; compiled on first use (<see cref="Load{TLauncher}"/>).
    /// </summary>
    internal Action<AcceleratorStream, Index1D, DeviceMemory, ArrayView<TStored>> Kernel<TModel, R, TStored>() where TModel : struct, IKernelModel<R> where R : unmanaged where TStored : unmanaged =>
        (Action<AcceleratorStream, Index1D, DeviceMemory, ArrayView<TStored>>)_kernels.GetOrAdd(typeof(TModel), _ =>
        {
            var method = ImportanceKernel.For<TModel, R>().Method;
            return Load(method, () => Accelerator.LoadAutoGroupedKernel(method.CreateDelegate<Action<Index1D, DeviceMemory, ArrayView<TStored>>>()));
        });

    /// <summary>The rows kernel for <typeparamref name="TModel"/> (<see cref="ImportanceKernel.Rows{TModel, R}"/>), compiled on first use.</summary>
    internal Action<AcceleratorStream, Index1D, DeviceMemory, ArrayView<TStored>, ArrayView<int>, ArrayView<Key>> RowsKernel<TModel, R, TStored>()
        where TModel : struct, IKernelModel<R> where R : unmanaged where TStored : unmanaged =>
        (Action<AcceleratorStream, Index1D, DeviceMemory, ArrayView<TStored>, ArrayView<int>, ArrayView<Key>>)_rowsKernels.GetOrAdd(typeof(TModel), _ =>
        {
            var method = ImportanceKernel.RowsFor<TModel, R>().Method;
            return Load(method, () => Accelerator.LoadAutoGroupedKernel(method.CreateDelegate<Action<Index1D, DeviceMemory, ArrayView<TStored>, ArrayView<int>, ArrayView<Key>>>()));
        });

    /// <summary>The edit kernel for <typeparamref name="TModel"/> (<see cref="Gpu.EditKernel"/>), compiled on first use.</summary>
    internal Action<AcceleratorStream, Index1D, DeviceEditMemory, DeviceEditMemory, ArrayView<TStored>> EditKernel<TModel, R, TStored>() where TModel : struct, IKernelModel<R> where R : unmanaged where TStored : unmanaged =>
        (Action<AcceleratorStream, Index1D, DeviceEditMemory, DeviceEditMemory, ArrayView<TStored>>)_editKernels.GetOrAdd(typeof(TModel), _ =>
        {
            var method = Gpu.EditKernel.For<TModel, R>().Method;
            return Load(method, () => Accelerator.LoadAutoGroupedKernel(method.CreateDelegate<Action<Index1D, DeviceEditMemory, DeviceEditMemory, ArrayView<TStored>>>()));
        });

    /// <summary>
    /// The implicitly grouped kernel <paramref name="method"/> loaded on the accelerator: on CUDA from <see cref="StrictPtx"/>,
    /// so that the GPU rounds each operation as the CPU does; elsewhere as <paramref name="load"/> loads it.
    /// </summary>
    internal TLauncher Load<TLauncher>(System.Reflection.MethodInfo method, Func<TLauncher> load) where TLauncher : Delegate =>
        Accelerator is CudaAccelerator cuda ? cuda.LoadAutoGroupedKernel(StrictPtx.Compile(cuda.Backend, method)).CreateLauncherDelegate<TLauncher>() : load();

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Releases the device.</summary>
    /// <remarks>Columns whose values the device still holds are copied to the host first, so particles outlive their device.</remarks>
    public void Dispose()
    {
        if (_disposed) return;
        lock (_launch) FlushKept();
        _disposed = true;
        _accelerator.Dispose();
        _context.Dispose();
    }
}
