using System;
using Gen.Internal;

namespace Gen.Gpu;

/// <summary>Inference on a <see cref="GpuDevice"/>: the same results as on the CPU, from kernels of the models' kernel forms.</summary>
public static class GpuInference
{
    /// <summary>
    /// ImportanceK on <paramref name="device"/>: <paramref name="n"/> particles of <paramref name="model"/>, particle i as
    /// <c>Seed(batchKey.FoldIn(i), () =&gt; model.Importance(constraints))</c> gives it, where the batch key is drawn on the
    /// host for this call (a kernel parameter, so no kernel holds a key). On a fixed key the result is the CPU's
    /// <c>ImportanceK</c> (bit for bit on the CPU accelerator; see docs/gpu.md for CUDA), held in the same columns.
    /// </summary>
    /// <remarks>
    /// The model must be a [Gen] method in the kernel subset (docs/gpu.md): GEN017 flags one that is not at compile time.
    /// The first particle runs on the CPU first, so bad constraints and arguments fail exactly as on the CPU; a particle
    /// whose kernel run meets what would throw on the CPU (a rejection, a layout it does not fit) is run again on the
    /// CPU, which gives its exact outcome.
    /// </remarks>
    /// <example><code>using var gpu = GpuDevice.Open();
    /// var particles = LineGen(xs).ImportanceK(1_000_000, observations, gpu);</code></example>
    /// <exception cref="NotSupportedException">The model has no kernel form; the message names the construct that keeps it out.</exception>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit.</exception>
    /// <exception cref="InsufficientMemoryException">The batch does not fit in host memory; the message gives the bytes needed and available.</exception>
    public static Particles<R> ImportanceK<R>(this GenerativeFunction<R> model, int n, ChoiceMap constraints, GpuDevice device) =>
        ImportanceK(model, n, constraints, device, InferenceOptions.Default);

    /// <summary>
    /// ImportanceK on <paramref name="device"/> with cancellation and progress (<paramref name="options"/>, checked and
    /// reported between launches; a core limit applies to the particles run again on the CPU); the result does not depend on them.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no kernel form; the message names the construct that keeps it out.</exception>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit.</exception>
    /// <exception cref="InsufficientMemoryException">The batch does not fit in host memory; the message gives the bytes needed and available.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static Particles<R> ImportanceK<R>(this GenerativeFunction<R> model, int n, ChoiceMap constraints, GpuDevice device, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        _ = device.Accelerator; // a disposed device fails here, before a key is drawn
        return model.ImportanceThroughKernel(n, constraints, KeySource.Next(), new DeviceBackend(device, options), options);
    }
}
