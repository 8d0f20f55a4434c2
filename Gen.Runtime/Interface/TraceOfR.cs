using System.Collections.Generic;
using System;

namespace Gen;

/// <summary>
/// The record of one execution of a generative function: its return value, its random choices and their
/// joint log density. Traces are immutable; edits return new traces.
/// </summary>
/// <typeparam name="R">The return type of the generative function.</typeparam>
public abstract class Trace<R> : Trace
{
    /// <summary>Base constructor for trace implementations.</summary>
    protected Trace() { }

    /// <summary>The generative function's return value in this execution.</summary>
    public abstract R Retval { get; }

    /// <summary>The generative function (applied to its arguments) that produced this trace.</summary>
    public abstract GenerativeFunction<R> Function { get; }

    /// <summary>
    /// The trace this one stands for: itself, or, for a view of a particle held in rows (a batch's columns, a Scan
    /// chain), the full trace made from its row. What edits and gradients work on.
    /// </summary>
    internal virtual Trace<R> Whole => this;

    /// <inheritdoc />
    public sealed override object? RetvalObject => Retval;

    /// <summary>
    /// The gradient of <see cref="Trace.Score"/> with respect to each selected continuous choice, as a choice map over
    /// the same addresses (Gen.jl's <c>choice_gradients</c>): exact, computed in reverse mode by code the generator
    /// compiled from the model's body.
    /// </summary>
    /// <example><code>
    /// ChoiceMap grads = trace.Gradients(Selection.Of("slope", "intercept"));
    /// double dSlope = grads.Get&lt;double&gt;("slope");
    /// </code></example>
    /// <exception cref="NotSupportedException">The model is outside the differentiable subset (the message names the construct), or a selected choice's distribution has no gradient.</exception>
    public ChoiceMap Gradients(Selection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return Function.GradientsCore(this, selection);
    }

    /// <summary>
    /// The gradient of <see cref="Trace.Score"/> with respect to each <c>double</c> argument of the call that made this
    /// trace, by parameter name (Gen.jl's <c>arg_grads</c>), the choices held fixed: e.g. how the log joint of a school
    /// moves with the population mean it was given.
    /// </summary>
    /// <example><code>
    /// var trace = SchoolGen(mu: 1.5, tau: 2, sigma: 10).Simulate();
    /// double dMu = trace.ArgumentGradients()["mu"];
    /// </code></example>
    /// <exception cref="NotSupportedException">The model computes no gradient in its arguments (the message says why).</exception>
    public IReadOnlyDictionary<string, double> ArgumentGradients() => Function.ArgumentGradientsCore(this);

    /// <summary>
    /// The gradient of <see cref="Trace.Score"/> with respect to each element of each <c>double[]</c> argument of the
    /// call that made this trace, by parameter name, the choices held fixed: e.g. how the log joint moves with each
    /// school's standard error, or with a data point a likelihood reads. <see cref="ArgumentGradients"/> gives the
    /// <c>double</c> ones. Empty for a model without <c>double[]</c> parameters.
    /// </summary>
    /// <example><code>
    /// var trace = EightSchoolsGen(ys, sigmas).Importance(observations).Trace;
    /// double[] dSigma = trace.ArrayArgumentGradients()["sigma"];   // one entry per school
    /// </code></example>
    /// <exception cref="NotSupportedException">
    /// The model computes no gradient in its <c>double[]</c> arguments (the message names the construct: e.g. the array
    /// is written to, passed to a traced call or to a method whose derivative the generator does not see).
    /// </exception>
    public IReadOnlyDictionary<string, double[]> ArrayArgumentGradients() => Function.ArrayArgumentGradientsCore(this);

    /// <summary>Applies an edit request (update or regenerate).</summary>
    public EditResult<R> Edit(EditRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Apply(this);
    }

    /// <summary>
    /// Replaces the constrained choices (same arguments). Weight: log p(new trace) − log p(old trace) − log q(newly
    /// sampled choices); the discard holds the replaced and removed choices.
    /// </summary>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit.</exception>
    public EditResult<R> Update(ChoiceMap constraints) => Update(Function, constraints);

    /// <summary>Re-executes under new arguments (<paramref name="newCall"/>) with the given constraints.</summary>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit, or <paramref name="newCall"/> cannot edit this trace.</exception>
    public EditResult<R> Update(GenerativeFunction<R> newCall, ChoiceMap constraints)
    {
        ArgumentNullException.ThrowIfNull(newCall);
        ArgumentNullException.ThrowIfNull(constraints);
        if (!newCall.CanEdit(this))
            throw new ArgumentException(
                $"{newCall.Name} cannot update a trace of {Function.Name}: update a trace with the generative function that made it (with new arguments).",
                nameof(newCall));
        var used = 0;
        var result = newCall.UpdateCore(KeySource.Next(), this, constraints, ref used);
        Constraints.EnsureAllVisited(constraints, used, result.Trace, "Update");
        return result;
    }

    /// <summary>
    /// Resamples the selected choices from their prior. Weight: the log Metropolis–Hastings acceptance ratio of
    /// the move.
    /// </summary>
    public EditResult<R> Regenerate(Selection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return Function.RegenerateCore(KeySource.Next(), this, selection);
    }

    /// <summary>
    /// Re-executes under new arguments (<paramref name="newCall"/>), resampling the selected choices from their prior
    /// (Gen.jl's <c>regenerate</c> with new arguments). Choices the new execution visits that this trace lacks are
    /// sampled from their prior too; choices it no longer visits are dropped. Weight: for each unselected choice kept
    /// from this trace, log p_new(value) − log p_old(value); selected, new and dropped choices contribute nothing
    /// (the prior is the proposal). With <paramref name="newCall"/> equal to <see cref="Function"/> this is
    /// <see cref="Regenerate(Selection)"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="newCall"/> cannot edit this trace (another generative function).</exception>
    public EditResult<R> Regenerate(GenerativeFunction<R> newCall, Selection selection)
    {
        ArgumentNullException.ThrowIfNull(newCall);
        ArgumentNullException.ThrowIfNull(selection);
        if (!newCall.CanEdit(this))
            throw new ArgumentException(
                $"{newCall.Name} cannot regenerate a trace of {Function.Name}: regenerate a trace with the generative function that made it (with new arguments).",
                nameof(newCall));
        return newCall.RegenerateCore(KeySource.Next(), this, selection);
    }

    /// <summary>The choices, one per line.</summary>
    public override string ToString() => $"Trace of {Function.Name}: score {Score}, retval {Retval}\n{Choices}";
}
