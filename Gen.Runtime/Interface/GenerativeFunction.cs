using System.Collections.Generic;
using System;
using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>
/// A generative function applied to its arguments: a distribution such as <c>normal(0, 1)</c>, a generated
/// <c>[Gen]</c> model such as <c>LineGen(xs)</c>, or a combinator. It offers the generative function interface
/// (GFI) with hidden keys: every method draws its randomness from the ambient key stream (a <c>Seed</c> if one is
/// active, else the process-wide counter).
/// </summary>
/// <typeparam name="R">The return type.</typeparam>
public abstract class GenerativeFunction<R>
{
    /// <summary>Base constructor for implementations.</summary>
    protected GenerativeFunction() { }

    /// <summary>A short name for messages, e.g. <c>Line</c> or <c>normal</c>.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>The sample-primitive IR of this function, printed; runtime-defined functions describe themselves.</summary>
    public virtual string Ir => $"{Name}: defined at run time (no compiled IR)";

    // ---------------------------------------------------------------- the GFI, keys hidden

    /// <summary>Runs the function, sampling every choice; returns the trace.</summary>
    public Trace<R> Simulate() => SimulateCore(KeySource.Next());

    /// <summary>
    /// Gen.jl's <c>propose</c>: runs the function, sampling every choice, and returns the choices, their joint log
    /// density (the weight; for the generative functions of this library it is the trace's score) and the return
    /// value. On the same key it samples exactly what <see cref="Simulate"/> does.
    /// </summary>
    /// <example><code>var (choices, logP, retval) = Seed(new Key(1), () => model.Propose());</code></example>
    public (ChoiceMap Choices, double Weight, R Retval) Propose() => ProposeCore(KeySource.Next());

    /// <summary>
    /// log p(choices) and the return value, for a complete choice map. A missing choice is an error naming its
    /// address; so is a choice the model never visits.
    /// </summary>
    /// <exception cref="ChoiceNotFoundException">A choice the model needs is missing.</exception>
    /// <exception cref="ArgumentException">A given choice is never visited.</exception>
    public (double Weight, R Retval) Assess(ChoiceMap choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var used = 0;
        var result = AssessCore(choices, ref used);
        if (used != choices.Count)
        {
            // Error path only: a trace of the same choices shows which were not visited and what was.
            var traced = 0;
            var (trace, _) = GenerateCore(new Key(0), choices, ref traced);
            Constraints.EnsureAllVisited(choices, traced, trace, "Assess");
        }
        return result;
    }

    /// <summary>
    /// Runs the function with the constrained choices fixed and the others sampled from the prior; the weight is
    /// the log density of the constrained choices (an importance weight with the prior as proposal).
    /// </summary>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit.</exception>
    public (Trace<R> Trace, double Weight) Importance(ChoiceMap constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        var used = 0;
        var result = GenerateCore(KeySource.Next(), constraints, ref used);
        Constraints.EnsureAllVisited(constraints, used, result.Trace, "Importance");
        return result;
    }

    /// <summary>
    /// <paramref name="n"/> independent importance samples, run in parallel over cores. Particle i is seeded with
    /// <c>key.FoldIn(i)</c> for one key drawn from the ambient stream, so results do not depend on the thread count.
    /// </summary>
    public Particles<R> ImportanceK(int n, ChoiceMap constraints)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentNullException.ThrowIfNull(constraints);
        return Particles<R>.Importance(this, n, constraints, KeySource.Next());
    }

    /// <summary>
    /// The sample primitive: inside a generative function's body, records this call as a random choice (or traced
    /// call) at <paramref name="address"/>; elsewhere, just samples with a fresh key and returns the value.
    /// </summary>
    public R At(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var handler = Handler.Current;
        return handler is null ? SampleCore(KeySource.Next()) : handler.Visit(this, address);
    }

    /// <summary>The sample primitive at the one-part address <paramref name="name"/>.</summary>
    public R At(string name)
    {
        var handler = Handler.Current;
        return handler is null ? SampleCore(KeySource.Next()) : handler.Visit(this, name);
    }

    /// <summary>The sample primitive at <c>(name, index)</c>, e.g. <c>normal(mu, 1).At("y", i)</c>.</summary>
    public R At(string name, int index)
    {
        var handler = Handler.Current;
        return handler is null ? SampleCore(KeySource.Next()) : handler.Visit(this, (name, index));
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    // ---------------------------------------------------------------- the implementer's contract (keys explicit)

    /// <summary>Simulate with the key stream rooted at <paramref name="key"/>.</summary>
    protected internal abstract Trace<R> SimulateCore(Key key);

    /// <summary>Importance with explicit key; adds to <paramref name="used"/> the number of constraints consumed.</summary>
    protected internal abstract (Trace<R> Trace, double Weight) GenerateCore(Key key, ChoiceMap constraints, ref int used);

    /// <summary>Assess; adds to <paramref name="used"/> the number of choices consumed.</summary>
    protected internal abstract (double Weight, R Retval) AssessCore(ChoiceMap choices, ref int used);

    /// <summary>Update <paramref name="previous"/> to this call's arguments with constraints; adds the constraints consumed to <paramref name="used"/>.</summary>
    protected internal abstract EditResult<R> UpdateCore(Key key, Trace<R> previous, ChoiceMap constraints, ref int used);

    /// <summary>Regenerate the selected choices of <paramref name="previous"/> under this call's arguments.</summary>
    protected internal abstract EditResult<R> RegenerateCore(Key key, Trace<R> previous, Selection selection);

    /// <summary>Whether this function can edit <paramref name="previous"/> (a trace of the same function, other arguments allowed).</summary>
    protected internal abstract bool CanEdit(Trace<R> previous);

    /// <summary>
    /// ∂ Score / ∂ each selected continuous choice of <paramref name="trace"/> (a trace of this function), at the
    /// choices' addresses. Functions compiled from a <c>[Gen]</c> body in the differentiable subset implement it.
    /// </summary>
    /// <exception cref="NotSupportedException">This function has no gradient; the message says why.</exception>
    protected internal virtual ChoiceMap GradientsCore(Trace<R> trace, Selection selection) =>
        throw new NotSupportedException(
            $"{Name} ({GetType().Name}) computes no gradients: gradients are compiled from [Gen] bodies in the differentiable subset " +
            "(arithmetic, Math functions, loops and branches over continuous choices of distributions with gradients).");

    /// <summary>∂ Score / ∂ each double argument of the call that made <paramref name="trace"/>, by parameter name.</summary>
    /// <exception cref="NotSupportedException">This function has no gradient in its arguments; the message says why.</exception>
    protected internal virtual IReadOnlyDictionary<string, double> ArgumentGradientsCore(Trace<R> trace) =>
        throw new NotSupportedException($"{Name} ({GetType().Name}) computes no gradients: gradients are compiled from [Gen] bodies in the differentiable subset.");

    /// <summary>∂ Score / ∂ each element of each double[] argument of the call that made <paramref name="trace"/>, by parameter name.</summary>
    /// <exception cref="NotSupportedException">This function has no gradient in its double[] arguments; the message says why.</exception>
    protected internal virtual IReadOnlyDictionary<string, double[]> ArrayArgumentGradientsCore(Trace<R> trace) =>
        throw new NotSupportedException($"{Name} ({GetType().Name}) computes no gradients: gradients are compiled from [Gen] bodies in the differentiable subset.");

    /// <summary>
    /// Runs this function's gradient body over <paramref name="trace"/>, a traced call's subtrace, inside a caller's
    /// gradient computation (its choices join the caller's tape); false when this function has no gradient body.
    /// </summary>
    /// <param name="gradient">The caller's gradient computation.</param>
    /// <param name="trace">The callee's subtrace.</param>
    /// <param name="arguments">The caller's values of this function's double parameters, with their gradients (or empty).</param>
    internal virtual bool RunGradientAsCallee(Gen.Internal.Gradient gradient, Trace<R> trace, ReadOnlySpan<Gen.Internal.Real> arguments) => false;

    /// <summary>
    /// The log density of <paramref name="trace"/> as a function of its <paramref name="selection"/>ed continuous choices,
    /// in unconstrained coordinates, with its gradient: what gradient-based inference moves on.
    /// </summary>
    /// <exception cref="NotSupportedException">This function has no gradient; the message says why.</exception>
    internal virtual Gen.Internal.GradientTarget Target(Trace<R> trace, Selection selection) => throw new NotSupportedException(
        $"{Name} ({GetType().Name}) computes no gradients: gradient-based inference needs a model compiled from a [Gen] body in the differentiable subset.");

    /// <summary>
    /// ImportanceK as one batch in columns, when this function's traces can be laid out so (see
    /// <see cref="Particles{R}.Path"/>), bit for bit what the per-particle importance under <c>Seed(key.FoldIn(i))</c>
    /// gives; <paramref name="constraints"/> are shared, or each particle's own beside the shared ones (a filter's first
    /// step with a proposal: the proposal's log density taken from each weight). Null where this function has no such
    /// path for these constraints, and the particles then run one trace each.
    /// </summary>
    internal virtual Particles<R>? ImportanceBatch(int n, Gen.Internal.EditConstraints constraints, Key key, InferenceOptions? options) => null;

    /// <summary>
    /// EditK of <paramref name="previous"/> updated to this call with <paramref name="constraints"/> (shared, or each
    /// particle's own from a proposal) without an edit of one trace per particle, bit for bit what the per-particle edit
    /// under <c>Seed(key.FoldIn(i))</c> gives, a proposal's log density taken from each weight; null where this function
    /// has no such path for these particles (the per-particle edit runs).
    /// </summary>
    internal virtual Particles<R>? UpdateBatch(Particles<R> previous, Gen.Internal.EditConstraints constraints, Key key, InferenceOptions options) => null;

    /// <summary>
    /// EditK (Regenerate of <paramref name="selection"/> under this call) of every particle through the batch path, or
    /// null where it has none (the per-particle edit runs): particle i as <c>Seed(key.FoldIn(i), () =&gt; trace.Regenerate(this, selection))</c>.
    /// </summary>
    internal virtual Particles<R>? RegenerateBatch(Particles<R> previous, Selection selection, Key key, InferenceOptions options) => null;

    /// <summary>Takes back an emptied trace of this function that no one holds any more, to run again (<see cref="Gen.Internal.TraceRecycling"/>).</summary>
    internal virtual void Spare(Trace<R> trace) { }

    /// <summary>One Metropolis–Hastings step of every particle in columns (the batch of the moved and kept rows), or null where the per-particle moves run.</summary>
    internal virtual Gen.Internal.MovedBatch<R>? MetropolisHastingsBatch(Particles<R> previous, Selection selection, Key key, InferenceOptions options) => null;

    /// <summary>A writer of calls of this function's class into <paramref name="chunk"/>'s columns, or null where its traces cannot be laid out in columns.</summary>
    internal virtual Gen.Internal.CallRows<R>? NewCallRows(Gen.Internal.BatchChunk chunk, Gen.Internal.BatchConstraints constraints) => null;

    /// <summary>
    /// A runner of calls of this function's class through its kernel form into a chunk's columns, laid out under
    /// <paramref name="constraints"/>, or null where the class has no kernel form (for a <paramref name="device"/>: none a GPU
    /// can run); the rows then run through <see cref="NewCallRows"/>.
    /// </summary>
    internal virtual Gen.Internal.CallKernel<R>? NewCallKernel(Gen.Internal.BatchConstraints constraints, Key probeKey, bool device = false) => null;

    /// <summary>Hands the function's kernel form to <paramref name="dispatch"/>; false (and why) when it has none.</summary>
    internal virtual bool KernelForm(Gen.Internal.IKernelDispatch dispatch, out string obstacle)
    {
        obstacle = "only [Gen] methods compiled by the generator have a kernel form, not interpreted models or combinators";
        return false;
    }

    /// <summary>
    /// Whether an execution draws nothing but its choices (a kernel-subset [Gen] method), so that running it again with
    /// every choice given reproduces it on any key (what lets rejuvenated traces go back into columns).
    /// </summary>
    internal virtual bool DrawsOnlyChoices => false;

    /// <summary>ImportanceK through the model's kernel form, on the cores or a device (generated [Gen] methods in the kernel subset).</summary>
    /// <exception cref="NotSupportedException">The function has no kernel form; the message names why.</exception>
    internal virtual Particles<R> ImportanceThroughKernel(int n, ChoiceMap constraints, Key key, Gen.Internal.IKernelBackend backend, InferenceOptions? options = null) =>
        throw NoKernelForm(backend);

    /// <summary>
    /// EditK (Update to this call under <paramref name="constraints"/>) of particles in columns through the model's kernel
    /// form, on the cores or a device; null where the particles are not a batch of this function's class (the caller
    /// runs its CPU edit).
    /// </summary>
    /// <exception cref="NotSupportedException">The function has no kernel form; the message names why.</exception>
    internal virtual Particles<R>? UpdateThroughKernel(Particles<R> previous, ChoiceMap constraints, Key key, Gen.Internal.IKernelBackend backend, InferenceOptions? options) =>
        throw NoKernelForm(backend);

    /// <summary>
    /// EditK (Regenerate of <paramref name="selection"/> under this call) of particles in columns through the model's kernel
    /// form, on the cores or a device; null where the particles are not a batch of this function's class (the caller runs
    /// its CPU edit).
    /// </summary>
    /// <exception cref="NotSupportedException">The function has no kernel form; the message names why.</exception>
    internal virtual Particles<R>? RegenerateThroughKernel(Particles<R> previous, Selection selection, Key key, Gen.Internal.IKernelBackend backend, InferenceOptions? options) =>
        throw NoKernelForm(backend);

    private NotSupportedException NoKernelForm(Gen.Internal.IKernelBackend backend) => new(
        $"{Name} cannot run on a GPU ({backend.Name}): only [Gen] methods compiled by the generator have a kernel form, " +
        "not interpreted models or combinators; run it on the CPU instead, by the same call without the device (see docs/gpu.md).");

    /// <summary>Propose with the key stream rooted at <paramref name="key"/>: by default <see cref="SimulateCore"/>'s trace's choices, score and return value.</summary>
    protected internal virtual (ChoiceMap Choices, double Weight, R Retval) ProposeCore(Key key)
    {
        var trace = SimulateCore(key);
        return (trace.Choices, trace.Score, trace.Retval);
    }

    /// <summary>An untraced run with the given key: the return value only. Distributions sample without making a trace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected internal virtual R SampleCore(Key key) => SimulateCore(key).Retval;
}
