using System;
using System.Collections.Generic;
using Gen.Inference;

namespace Gen.Gpu;

/// <summary>The particle filter on a <see cref="GpuDevice"/>: <c>ParticleFilter.Run(model, observations, n, gpu)</c>.</summary>
public static class GpuParticleFilter
{
    extension(ParticleFilter)
    {
        /// <summary>
        /// The bootstrap particle filter of <see cref="ParticleFilter.Run{R}(Func{int, GenerativeFunction{R}}, IReadOnlyList{ChoiceMap}, int, SmcOptions?, Func{Trace{R}, int, Trace{R}}?)"/>
        /// with its steps on <paramref name="device"/>: step 0 is ImportanceK of <c>model(0)</c> on the device, step t an
        /// EditK on the device (<c>particles.Edit(EditRequest.Update(model(t), observations[t]), gpu)</c>); resampling and
        /// rejuvenation run on the host. On a fixed key the result is the CPU filter's (bit for bit on the CPU accelerator;
        /// see docs/gpu.md for CUDA): the same particles, effective sample sizes, resampled steps and rejections.
        /// </summary>
        /// <param name="model">The model with t + 1 steps, for t = 0, 1, …: a <c>[Gen]</c> method in the kernel subset taking the step
        /// count (e.g. <c>t =&gt; WalkGen(t + 1)</c>).</param>
        /// <param name="observations">The new observations of each step (full addresses, e.g. <c>("y", t)</c>).</param>
        /// <param name="particles">The number of particles.</param>
        /// <param name="device">The device the steps run on.</param>
        /// <param name="options">Resampling settings, cancellation (checked between launches), progress (one report per step) and
        /// the cores of the host's work.</param>
        /// <param name="rejuvenate">An MCMC kernel applied to every particle after each resampling, on the host (or, as
        /// <see cref="SmcOptions.RejuvenationSelection"/>, Metropolis–Hastings moves made in the host's columns, which the next
        /// step takes to the device without a trace per particle); the traces it
        /// returns go back into columns for the next step on the device (where they cannot, e.g. a changed observed choice,
        /// the next step runs on the CPU, into columns, with the same result).</param>
        /// <remarks>
        /// Each step's model draws its keys on the host as the CPU filter does, so no kernel holds a key. A particle the
        /// kernel cannot finish (a rejection, a layout it does not fit) runs again on the CPU, which gives its exact outcome.
        /// </remarks>
        /// <example><code>using var gpu = GpuDevice.Open();
        /// var result = ParticleFilter.Run(t =&gt; WalkGen(t + 1), observations, 1_000_000, gpu);</code></example>
        /// <exception cref="NotSupportedException">The model has no kernel form; the message names the construct that keeps it out.</exception>
        /// <exception cref="ArgumentException">No observations, or an observation names an address the model does not visit.</exception>
        /// <exception cref="InvalidOperationException">Every particle has weight zero after a step (the message names the step).</exception>
        /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
        public static SmcResult<R> Run<R>(Func<int, GenerativeFunction<R>> model, IReadOnlyList<ChoiceMap> observations, int particles,
            GpuDevice device, SmcOptions? options = null, Func<Trace<R>, int, Trace<R>>? rejuvenate = null)
        {
            ArgumentNullException.ThrowIfNull(device);
            _ = device.Accelerator; // a disposed device fails here, before a key is drawn
            return ParticleFilter.Filter(model, observations, particles, options, ParticleFilter.Kernel(rejuvenate), Steps(model, observations, particles, device));
        }

        private static Func<Particles<R>?, int, InferenceOptions, Particles<R>> Steps<R>(Func<int, GenerativeFunction<R>> model, IReadOnlyList<ChoiceMap> observations,
            int particles, GpuDevice device) => (previous, t, batch) => previous is null
            ? model(0).ImportanceK(particles, observations[0], device, batch)
            : previous.Edit(EditRequest.Update(model(t), observations[t]), device, batch);
    }
}
