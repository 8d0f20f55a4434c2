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
    /// <summary>The most particles per launch (bounds the device buffers on devices that report huge memories).</summary>
    internal const int MaxRowsPerLaunch = 1 << 22;

    /// <summary>The share of the device's memory a launch's buffers may take.</summary>
    private const double MemoryShare = 0.5;

    public string Name => device.Name;

    public bool IsDevice => true;

    public void Importance<TModel, R>(KernelJob job, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        if (typeof(R) == typeof(bool))
        {
            var flags = (bool[])(object)results.Retvals;
            Launch(job, results, device.Kernel<TModel, R, byte>(), (bytes, first, m) =>
            {
                for (var r = 0; r < m; r++) flags[first + r] = bytes[r] != 0;
            });
        }
        else Launch(job, results, device.Kernel<TModel, R, R>(), (values, first, m) => Array.Copy(values, 0, results.Retvals, first, m));
    }

    /// <summary>The launches of a batch, each one's results copied back; <paramref name="keep"/> takes a launch's return values.</summary>
    private void Launch<R, TStored>(KernelJob job, KernelResults<R> results, Action<Index1D, DeviceMemory, ArrayView<TStored>> kernel, Action<TStored[], int, int> keep)
        where TStored : unmanaged
    {
        var accelerator = device.Accelerator;
        var rows = Math.Min(device.MaxRows, RowsPerLaunch(job, Unsafe.SizeOf<TStored>(), accelerator.MemorySize));
        lock (device.LaunchLock)
        {
            using var arguments = Upload(accelerator, job.Arguments);
            using var layout = Upload(accelerator, job.Layout);
            using var storage = Upload(accelerator, job.Storage);
            using var constraints = Upload(accelerator, job.Constraints);
            using var values = accelerator.Allocate1D<double>(Math.Max(1, (long)job.StoredRows * rows));
            using var scores = accelerator.Allocate1D<double>(rows);
            using var weights = accelerator.Allocate1D<double>(rows);
            using var faults = accelerator.Allocate1D<byte>(rows);
            using var retvals = accelerator.Allocate1D<TStored>(rows);
            var hostFaults = new byte[rows];
            var hostRetvals = new TStored[rows];
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
                kernel(m, memory, retvals.View);
                accelerator.Synchronize();
                for (var s = 0; s < job.StoredRows; s++)
                    values.View.SubView((long)s * m, m).CopyToCPU(ref results.Values[(long)s * job.Count + first], m);
                scores.View.SubView(0, m).CopyToCPU(ref results.Scores[first], m);
                weights.View.SubView(0, m).CopyToCPU(ref results.Weights[first], m);
                retvals.View.SubView(0, m).CopyToCPU(ref hostRetvals[0], m);
                keep(hostRetvals, first, m);
                faults.View.SubView(0, m).CopyToCPU(ref hostFaults[0], m);
                for (var r = 0; r < m; r++) results.Faulted[first + r] = hostFaults[r] != 0;
                options?.Progress?.Report(new InferenceProgress("ImportanceK", first + m, job.Count));
            }
        }
    }

    /// <summary>
    /// Particles per launch: what half the device's memory holds after the inputs, at most <see cref="MaxRowsPerLaunch"/>.
    /// </summary>
    /// <exception cref="InsufficientMemoryException">Not even one particle fits; the message gives the bytes needed and the device's.</exception>
    internal static int RowsPerLaunch(KernelJob job, int retvalBytes, long deviceBytes)
    {
        var perParticle = job.BytesPerParticle(retvalBytes);
        var inputs = 8L * (job.Arguments.Length + job.Constraints.Length) + 4L * (job.Layout.Length + job.Storage.Length);
        var budget = (long)(deviceBytes * MemoryShare) - inputs;
        if (budget < perParticle)
            throw new InsufficientMemoryException(
                $"One particle needs {perParticle:N0} bytes on the device besides {inputs:N0} bytes of arguments and constraints, " +
                $"but the device has {deviceBytes:N0} bytes (a launch may use half). Shrink the model's arguments or run it on the CPU.");
        return (int)Math.Min(Math.Min(job.Count, MaxRowsPerLaunch), budget / perParticle);
    }

    private static MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(Accelerator accelerator, T[] values) where T : unmanaged
    {
        var buffer = accelerator.Allocate1D<T>(Math.Max(1, values.Length));
        if (values.Length > 0) buffer.View.SubView(0, values.Length).CopyFromCPU(ref values[0], values.Length);
        return buffer;
    }
}
