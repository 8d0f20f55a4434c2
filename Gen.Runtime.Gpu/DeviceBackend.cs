using System;
using System.Runtime.CompilerServices;
using Gen.Internal;
using ILGPU;
using ILGPU.Runtime;

namespace Gen.Gpu;

/// <summary>
/// Runs a batch's kernel on a <see cref="GpuDevice"/>: inputs copied once, then launches of as many particles as the
/// device's memory holds, each one's columns copied back into the host's results.
/// </summary>
/// <remarks><paramref name="options"/>: cancellation is checked and progress reported between launches.</remarks>
internal sealed class DeviceBackend(GpuDevice device, InferenceOptions? options = null) : IKernelBackend
{
    /// <summary>
    /// The most particles per launch on the CPU accelerator, which reports the host's memory as its own: bounds its
    /// buffers, which live in that memory beside the host's columns.
    /// </summary>
    internal const int MaxRowsPerLaunch = 1 << 22;

    /// <summary>
    /// The most particles per launch on a CUDA GPU, whose memory is its own: a batch that fits runs in one launch and
    /// leaves its value rows on the device until they are read (2^30 keeps every row index an int).
    /// </summary>
    internal const int CudaMaxRowsPerLaunch = 1 << 30;

    /// <summary>The share of the device's memory a launch's buffers may take.</summary>
    private const double MemoryShare = 0.5;

    public string Name => device.Name;

    public bool IsDevice => true;

    public void Importance<TModel, R>(KernelJob job, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        if (typeof(R) == typeof(bool)) Launch(job, results, "ImportanceK", 0, _ => Importance(device.Kernel<TModel, R, byte>()));
        else Launch(job, results, "ImportanceK", 0, _ => Importance(device.Kernel<TModel, R, R>()));
    }

    public void Edit<TModel, R>(KernelJob job, KernelEdit edit, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        var extra = 16L * job.Constraints.Length + 1; // a previous value and its score per column, the on-host flag
        if (typeof(R) == typeof(bool)) Launch(job, results, "EditK", extra, rows => Edit(job, edit, rows, device.EditKernel<TModel, R, byte>()));
        else Launch(job, results, "EditK", extra, rows => Edit(job, edit, rows, device.EditKernel<TModel, R, R>()));
    }

    public void Rows<TModel, R>(KernelJob job, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        const long extra = 4 + 8; // a row's argument start and key
        if (typeof(R) == typeof(bool)) Launch(job, results, "EditK", extra, _ => Rows(job, device.RowsKernel<TModel, R, byte>()));
        else Launch(job, results, "EditK", extra, _ => Rows(job, device.RowsKernel<TModel, R, R>()));
    }

    /// <summary>A launch of calls with their own arguments: every row's argument start and key uploaded once, read at the row's index.</summary>
    private (LaunchStep<TStored> Step, IDisposable? Buffers) Rows<TStored>(KernelJob job, Action<AcceleratorStream, Index1D, DeviceMemory, ArrayView<TStored>, ArrayView<int>, ArrayView<Key>> kernel)
        where TStored : unmanaged
    {
        var accelerator = device.Accelerator;
        var starts = Upload(accelerator, job.RowStarts!);
        var keys = Upload(accelerator, job.RowKeys!);
        return ((memory, _, m, retvals) => kernel(accelerator.DefaultStream, m, memory, retvals, starts.View, keys.View), new Buffers(starts, keys));
    }

    /// <summary>One launch of the particles <c>first</c> … <c>first + m − 1</c> over the launch's buffers.</summary>
    private delegate void LaunchStep<TStored>(DeviceMemory memory, int first, int m, ArrayView<TStored> retvals) where TStored : unmanaged;

    private (LaunchStep<TStored> Step, IDisposable? Buffers) Importance<TStored>(Action<AcceleratorStream, Index1D, DeviceMemory, ArrayView<TStored>> kernel)
        where TStored : unmanaged => ((memory, _, m, retvals) => kernel(device.Accelerator.DefaultStream, m, memory, retvals), null);

    /// <summary>
    /// The edit's launches: per launch, its particles' previous values uploaded (column by column), their scores
    /// cleared to NaN, and the kernel run with the previous call's arguments for the first pass and the new call's for the second.
    /// </summary>
    private (LaunchStep<TStored> Step, IDisposable? Buffers) Edit<TStored>(KernelJob job, KernelEdit edit, int rows, Action<AcceleratorStream, Index1D, DeviceEditMemory, DeviceEditMemory, ArrayView<TStored>> kernel)
        where TStored : unmanaged
    {
        var accelerator = device.Accelerator;
        var columns = job.Constraints.Length;
        var arguments = Upload(accelerator, edit.PreviousArguments);
        var previous = accelerator.Allocate1D<double>(Math.Max(1, (long)columns * rows));
        var scores = accelerator.Allocate1D<double>(Math.Max(1, (long)columns * rows));
        var onHost = accelerator.Allocate1D<byte>(rows);
        var resampled = Upload(accelerator, edit.Resampled is { } columnsResampled ? Array.ConvertAll(columnsResampled, r => r ? (byte)1 : (byte)0) : []);
        var flags = new byte[rows];
        var buffers = new Buffers(arguments, previous, scores, onHost, resampled);
        return ((memory, first, m, retvals) =>
        {
            for (var c = 0; c < columns; c++)
                previous.View.SubView((long)c * m, m).CopyFromCPU(ref edit.Previous[(long)c * job.Count + first], m);
            scores.View.MemSet(0xFF); // NaN: no site recorded yet
            for (var r = 0; r < m; r++) flags[r] = edit.OnHost[first + r] ? (byte)1 : (byte)0;
            onHost.View.SubView(0, m).CopyFromCPU(ref flags[0], m);
            var after = new DeviceEditMemory
            {
                Inner = memory, PreviousValues = previous.View, PreviousScores = scores.View, OnHost = onHost.View, Columns = columns,
                Pass = (int)KernelPhase.Update, Resampled = resampled.View, Regenerate = edit.Resampled is null ? 0 : 1,
            };
            var before = after;
            before.Inner.Arguments = arguments.View;
            before.Pass = (int)KernelPhase.Rescore;
            before.Regenerate = 0;
            kernel(accelerator.DefaultStream, m, before, after, retvals);
        }, buffers);
    }

    private sealed class Buffers(params IDisposable[] buffers) : IDisposable
    {
        public void Dispose()
        {
            foreach (var buffer in buffers) buffer.Dispose();
        }
    }

    /// <summary>
    /// The launches of a batch (reported as <paramref name="operation"/>), each one's results copied back (a batch of one
    /// launch leaves its value rows on the device until they are read: <see cref="DeviceValues"/>); return values and fault
    /// flags go straight into <paramref name="results"/>' arrays (a bool is held as the byte 0 or 1 the kernel writes),
    /// <paramref name="prepare"/> makes the launch step for a launch size (and any buffers of its own, disposed after).
    /// </summary>
    private void Launch<R, TStored>(KernelJob job, KernelResults<R> results, string operation, long extraBytesPerParticle,
        Func<int, (LaunchStep<TStored> Step, IDisposable? Buffers)> prepare) where TStored : unmanaged
    {
        var accelerator = device.Accelerator;
        var rows = Math.Min(device.MaxRows, RowsPerLaunch(job, Unsafe.SizeOf<TStored>() + extraBytesPerParticle, accelerator.MemorySize));
        lock (device.LaunchLock)
        {
            var clock = PhaseTimes.Start();
            using var arguments = Upload(accelerator, job.Arguments);
            using var layout = Upload(accelerator, job.Layout);
            using var storage = Upload(accelerator, job.Storage);
            using var constraints = Upload(accelerator, job.Constraints);
            device.FlushKept(); // the values an earlier batch left here: this launch needs the memory
            // A batch of one launch leaves its value rows here until its columns are first read; more launches share the buffer.
            var leave = job.Count <= rows && job.StoredRows > 0;
            var values = accelerator.Allocate1D<double>(Math.Max(1, (long)job.StoredRows * rows));
            try
            {
                using var scores = accelerator.Allocate1D<double>(rows);
                using var weights = accelerator.Allocate1D<double>(rows);
                using var faults = accelerator.Allocate1D<byte>(rows);
                using var retvals = accelerator.Allocate1D<TStored>(rows);
                var (step, buffers) = prepare(rows);
                using var own = buffers;
                clock = PhaseTimes.Add("device: allocate and upload", clock);
                for (var first = 0; first < job.Count; first += rows)
                {
                    options?.Cancellation.ThrowIfCancellationRequested();
                    var m = Math.Min(rows, job.Count - first);
                    values.View.MemSet(0xFF); // all ones: NaN, "no value yet" in every column
                    faults.View.MemSetToZero();
                    var memory = new DeviceMemory
                    {
                        Arguments = arguments.View, Layout = layout.View, StorageRows = storage.View, Constraints = constraints.View,
                        Values = values.View, Scores = scores.View, Weights = weights.View, Faults = faults.View,
                        Rows = m, First = first, BatchKey = job.BatchKey, ConstraintCount = job.ConstraintCount, ConstraintSum = job.ConstraintSum,
                    };
                    step(memory, first, m, retvals.View);
                    device.Launches++; // under the launch lock
                    accelerator.Synchronize();
                    clock = PhaseTimes.Add("device: kernel", clock);
                    if (leave) results.OnDevice = device.Keep(values, job.StoredRows, m);
                    else
                        for (var s = 0; s < job.StoredRows; s++)
                            device.CopyBack(values.View.SubView((long)s * m, m), results.ValueRows[s], m, first);
                    scores.View.SubView(0, m).CopyToCPU(ref results.Scores[first], m);
                    weights.View.SubView(0, m).CopyToCPU(ref results.Weights[first], m);
                    retvals.View.SubView(0, m).CopyToCPU(ref Unsafe.As<R, TStored>(ref results.Retvals[first]), m);
                    faults.View.SubView(0, m).CopyToCPU(ref Unsafe.As<bool, byte>(ref results.Faulted[first]), m);
                    clock = PhaseTimes.Add("device: copy back", clock);
                    options?.Progress?.Report(new InferenceProgress(operation, first + m, job.Count));
                }
            }
            finally
            {
                if (!leave || results.OnDevice is null) values.Dispose();
            }
        }
    }

    /// <summary>
    /// Particles per launch: what half the device's memory holds after the inputs (the caller caps it at the device's
    /// <see cref="GpuDevice.MaxRows"/>).
    /// </summary>
    /// <exception cref="InsufficientMemoryException">Not even one particle fits; the message gives the bytes needed and the device's.</exception>
    internal static int RowsPerLaunch(KernelJob job, long retvalBytes, long deviceBytes)
    {
        var perParticle = job.BytesPerParticle(retvalBytes);
        var inputs = 8L * (job.Arguments.Length + job.Constraints.Length) + 4L * (job.Layout.Length + job.Storage.Length);
        var budget = (long)(deviceBytes * MemoryShare) - inputs;
        if (budget < perParticle)
            throw new InsufficientMemoryException(
                $"One particle needs {perParticle:N0} bytes on the device besides {inputs:N0} bytes of arguments and constraints, " +
                $"but the device has {deviceBytes:N0} bytes (a launch may use half). Shrink the model's arguments or run it on the CPU.");
        return (int)Math.Min(job.Count, budget / perParticle);
    }

    private static MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(Accelerator accelerator, T[] values) where T : unmanaged
    {
        var buffer = accelerator.Allocate1D<T>(Math.Max(1, values.Length));
        if (values.Length > 0) buffer.View.SubView(0, values.Length).CopyFromCPU(ref values[0], values.Length);
        return buffer;
    }
}
