using System;
using Gen.Internal;

namespace Gen;

/// <summary>A request to edit a trace: <see cref="Update(ChoiceMap)"/>, an update with new arguments, <see cref="Regenerate(Selection)"/>, or a regenerate with new arguments.</summary>
/// <example><code>var result = trace.Edit(EditRequest.Regenerate(Selection.Of("slope")));</code></example>
public abstract class EditRequest
{
    private protected EditRequest() { }

    /// <summary>Constrain some choices, same arguments.</summary>
    public static EditRequest Update(ChoiceMap constraints) => new UpdateRequest(null, constraints ?? throw new ArgumentNullException(nameof(constraints)));

    /// <summary>Re-execute under new arguments with constraints.</summary>
    public static EditRequest Update<R>(GenerativeFunction<R> newCall, ChoiceMap constraints) =>
        new UpdateRequest(newCall ?? throw new ArgumentNullException(nameof(newCall)), constraints ?? throw new ArgumentNullException(nameof(constraints)));

    /// <summary>Resample the selected choices from their prior.</summary>
    public static EditRequest Regenerate(Selection selection) => new RegenerateRequest(null, selection ?? throw new ArgumentNullException(nameof(selection)));

    /// <summary>Re-execute under new arguments, resampling the selected choices from their prior (see <see cref="Trace{R}.Regenerate(GenerativeFunction{R}, Selection)"/>).</summary>
    public static EditRequest Regenerate<R>(GenerativeFunction<R> newCall, Selection selection) =>
        new RegenerateRequest(newCall ?? throw new ArgumentNullException(nameof(newCall)), selection ?? throw new ArgumentNullException(nameof(selection)));

    internal abstract EditResult<R> Apply<R>(Trace<R> trace);

    /// <summary>EditK of every particle through the new call's batch path (see <see cref="GenerativeFunction{R}.UpdateBatch"/>), or null.</summary>
    internal virtual Particles<R>? ApplyBatch<R>(Particles<R> particles, Key key, InferenceOptions options) => null;

    /// <summary>
    /// EditK of every particle through the call's kernel form on <paramref name="backend"/> (the same call when the
    /// request names none), or null where the particles are not a batch of that call's class.
    /// </summary>
    /// <exception cref="NotSupportedException">The call has no kernel form.</exception>
    internal abstract Particles<R>? ApplyThroughKernel<R>(Particles<R> particles, Key key, IKernelBackend backend, InferenceOptions options);

    /// <summary>
    /// The call particles are edited under: <paramref name="newCall"/>, else their batch's; null for traces of their own and
    /// for a new call of another type (the per-particle edit runs, and names that mistake).
    /// </summary>
    private static GenerativeFunction<R>? CallOf<R>(object? newCall, Particles<R> particles) => newCall switch
    {
        null => particles.Rows is ParticleBatch<R> { HasOneFunction: true } batch ? batch.Function : null,
        _ => newCall as GenerativeFunction<R>,
    };

    private sealed class UpdateRequest(object? newCall, ChoiceMap constraints) : EditRequest
    {
        internal override EditResult<R> Apply<R>(Trace<R> trace) => newCall switch
        {
            null => trace.Update(constraints),
            GenerativeFunction<R> call => trace.Update(call, constraints),
            _ => throw new ArgumentException(
                $"The update's new call returns a different type than the trace ({typeof(R).Name}); it cannot edit this trace."),
        };

        internal override Particles<R>? ApplyBatch<R>(Particles<R> particles, Key key, InferenceOptions options) =>
            CallOf(newCall, particles)?.UpdateBatch(particles, EditConstraints.Of(constraints), key, options);

        internal override Particles<R>? ApplyThroughKernel<R>(Particles<R> particles, Key key, IKernelBackend backend, InferenceOptions options) =>
            CallOf(newCall, particles)?.UpdateThroughKernel(particles, constraints, key, backend, options);

        public override string ToString() => $"Update({(newCall is null ? "" : newCall + ", ")}{constraints.Count} constraints)";
    }

    private sealed class RegenerateRequest(object? newCall, Selection selection) : EditRequest
    {
        internal override EditResult<R> Apply<R>(Trace<R> trace) => newCall switch
        {
            null => trace.Regenerate(selection),
            GenerativeFunction<R> call => trace.Regenerate(call, selection),
            _ => throw new ArgumentException(
                $"The regenerate's new call returns a different type than the trace ({typeof(R).Name}); it cannot edit this trace."),
        };

        internal override Particles<R>? ApplyBatch<R>(Particles<R> particles, Key key, InferenceOptions options) =>
            CallOf(newCall, particles)?.RegenerateBatch(particles, selection, key, options);

        internal override Particles<R>? ApplyThroughKernel<R>(Particles<R> particles, Key key, IKernelBackend backend, InferenceOptions options) =>
            CallOf(newCall, particles)?.RegenerateThroughKernel(particles, selection, key, backend, options);

        public override string ToString() => $"Regenerate({(newCall is null ? "" : newCall + ", ")}{selection})";
    }
}
