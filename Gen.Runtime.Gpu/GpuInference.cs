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

    /// <summary>
    /// EditK on <paramref name="device"/>: every particle edited by <paramref name="request"/> (an
    /// <see cref="EditRequest.Update(ChoiceMap)"/> or a <see cref="EditRequest.Regenerate(Selection)"/>, with or without a
    /// new call) and its edit's weight added to its log weight, particle i as <c>Seed(key.FoldIn(i), () =&gt; trace.Edit(request))</c>
    /// gives it: on a fixed key the result is the CPU's <c>particles.Edit(request)</c> (bit for bit on the CPU accelerator;
    /// see docs/gpu.md for CUDA), in columns. An SMC step: <c>particles.Edit(EditRequest.Update(model(t), observations[t]), gpu)</c>.
    /// </summary>
    /// <remarks>
    /// The device runs each particle's previous execution again over its values (to score them), then the new one. Particles
    /// that are not a batch of the call's class (per-particle traces, or another model's) are edited on the CPU, which gives
    /// the same result; so are single particles whose edit the kernel cannot finish (one rejected before, a value outside
    /// the new layout, a site an Update removes, a rejection), one by one.
    /// </remarks>
    /// <exception cref="NotSupportedException">The model has no kernel form (the message names the construct).</exception>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit.</exception>
    public static Particles<R> Edit<R>(this Particles<R> particles, EditRequest request, GpuDevice device) =>
        Edit(particles, request, device, InferenceOptions.Default);

    /// <summary>EditK on <paramref name="device"/> with cancellation and progress (<paramref name="options"/>); the result does not depend on them.</summary>
    /// <exception cref="NotSupportedException">The model has no kernel form (the message names the construct).</exception>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static Particles<R> Edit<R>(this Particles<R> particles, EditRequest request, GpuDevice device, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(particles);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        _ = device.Accelerator; // a disposed device fails here, before a key is drawn
        var key = KeySource.Next();
        return request.ApplyThroughKernel(particles, key, new DeviceBackend(device, options), options) ?? particles.EditWithKey(request, key, options);
    }
}
