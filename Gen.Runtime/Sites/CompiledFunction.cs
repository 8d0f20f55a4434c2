using System.Collections.Generic;
using System;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The base of generated generative functions (and of the interpreter): the whole GFI, written once over a body
/// generic in its mode. A derived class supplies only <see cref="NewTrace"/> and <see cref="Run{TMode}"/>, which
/// calls the model's body; each GFI method here runs that body under its mode and finishes the trace.
/// </summary>
/// <typeparam name="R">The return type.</typeparam>
/// <typeparam name="TTrace">The trace type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class CompiledFunction<R, TTrace> : GenerativeFunction<R> where TTrace : CompiledTrace<R>
{
    /// <summary>Checks that generated code was made for this runtime (<see cref="GeneratedCodeContract"/>).</summary>
    /// <exception cref="InvalidOperationException">The code was generated for another version of the runtime.</exception>
    protected CompiledFunction(int contract) => GeneratedCodeContract.Check(contract, GetType());

    /// <summary>An empty trace of this function.</summary>
    protected abstract TTrace NewTrace();

    /// <summary>Runs the body under <paramref name="mode"/>, filling <paramref name="trace"/>; returns the body's value.</summary>
    protected abstract R Run<TMode>(ref TMode mode, TTrace trace) where TMode : struct, ISiteMode;

    /// <inheritdoc />
    protected internal sealed override Trace<R> SimulateCore(Key key)
    {
        var trace = NewTrace();
        var mode = new SimulateMode(State(key, ChoiceMap.Empty, trace));
        trace.Complete(Run(ref mode, trace), mode.State);
        return trace;
    }

    /// <inheritdoc />
    protected internal sealed override (Trace<R> Trace, double Weight) GenerateCore(Key key, ChoiceMap constraints, ref int used)
    {
        var trace = TraceRecycling.Active && t_spares is { Count: > 0 } spares ? Reused(spares.Pop()) : NewTrace();
        var mode = new ImportanceMode(State(key, constraints, trace));
        trace.Complete(Run(ref mode, trace), mode.State);
        used += mode.State.Used;
        return (trace, mode.State.Weight);
    }

    /// <summary>This thread's emptied traces of this class, taken back from a batch's rows (<see cref="TraceRecycling"/>).</summary>
    [ThreadStatic] private static Stack<TTrace>? t_spares;

    /// <summary>The most spare traces a thread keeps per class (a model making more calls of one function per particle allocates the rest).</summary>
    private const int MaxSpares = 256;

    private TTrace Reused(TTrace spare)
    {
        spare.Reset(this);
        return spare;
    }

    /// <inheritdoc />
    internal sealed override void Spare(Trace<R> trace)
    {
        if (trace is TTrace emptied && (t_spares ??= new Stack<TTrace>()).Count < MaxSpares) t_spares.Push(emptied);
    }

    /// <inheritdoc />
    protected internal sealed override (double Weight, R Retval) AssessCore(ChoiceMap choices, ref int used)
    {
        var trace = NewTrace();
        var mode = new AssessMode(State(default, choices, trace));
        var retval = Run(ref mode, trace);
        used += mode.State.Used;
        return (mode.State.Weight, retval);
    }

    /// <inheritdoc />
    protected internal sealed override EditResult<R> UpdateCore(Key key, Trace<R> previous, ChoiceMap constraints, ref int used)
    {
        var (trace, sites) = Edit(previous);
        var retval = Update(trace, sites, key, constraints, batch: null, out var state);
        trace.Complete(retval, state);
        used += state.Used;
        return new EditResult<R>(trace, state.Weight, state.BuildDiscard());
    }

    /// <summary>
    /// The Update rule over <paramref name="trace"/>, made ready for the edit (its <paramref name="sites"/> sites
    /// Previous): the body run under it, the sites it did not revisit removed from the trace and the weight. Returns the
    /// body's value and the state after the run (<paramref name="batch"/>: a batch's constraints, read once per batch).
    /// </summary>
    private R Update(TTrace trace, int sites, Key key, ChoiceMap constraints, BatchConstraints? batch, out GfiState state)
    {
        var edit = State(key, constraints, trace);
        edit.Batch = batch;
        var mode = new UpdateMode(edit);
        var retval = Run(ref mode, trace);
        trace.Sweep(ref mode.State, sites, remove: true);
        mode.State.SubtractRemoved();
        state = mode.State;
        return retval;
    }

    /// <inheritdoc />
    protected internal sealed override EditResult<R> RegenerateCore(Key key, Trace<R> previous, Selection selection)
    {
        var (trace, sites) = Edit(previous);
        var retval = Regenerate(trace, sites, key, selection, out var state);
        trace.Complete(retval, state);
        return new EditResult<R>(trace, state.Weight, ChoiceMap.Empty);
    }

    /// <summary>
    /// The Regenerate rule over <paramref name="trace"/>, made ready for the edit (its <paramref name="sites"/> sites
    /// Previous): the body run under it and the sites it did not revisit dropped (their prior terms cancel in the weight).
    /// </summary>
    private R Regenerate(TTrace trace, int sites, Key key, Selection selection, out GfiState state)
    {
        var mode = new RegenerateMode(State(key, ChoiceMap.Empty, trace, selection));
        var retval = Run(ref mode, trace);
        trace.Sweep(ref mode.State, sites, remove: false);
        state = mode.State;
        return retval;
    }

    /// <summary>Runs the gradient body over <paramref name="trace"/>'s values (generated for models in the differentiable subset).</summary>
    /// <exception cref="NotSupportedException">The model has no gradient body (see <see cref="GradientObstacle"/>).</exception>
    /// <param name="gradient">The gradient computation (its tape, selection and site operations).</param>
    /// <param name="trace">The trace whose values the body reads.</param>
    /// <param name="arguments">
    /// The caller's values of the double parameters, with their gradients, when a traced call passes continuous values
    /// (the k-th double parameter is <c>arguments[k]</c>); empty at the top, where the arguments are constants.
    /// </param>
    protected virtual void RunGradient(Gradient gradient, TTrace trace, ReadOnlySpan<Real> arguments) =>
        throw new NotSupportedException($"{Name} computes no gradients: {GradientObstacle ?? "it was compiled without a gradient body"}.");

    /// <summary>Why the model is outside the differentiable subset (the construct, as the generator found it), or null.</summary>
    protected virtual string? GradientObstacle => null;

    /// <summary>
    /// Why the gradient body takes its double parameters as constants (differentiable in its choices, but not in its
    /// arguments), or null; a caller passing continuous values then gets this reason.
    /// </summary>
    protected virtual string? ArgumentGradientObstacle => null;

    /// <inheritdoc />
    protected internal sealed override ChoiceMap GradientsCore(Trace<R> trace, Selection selection) =>
        Differentiate(Own(trace), new Gradient(Tape.Rent(), selection, Name), RunBody, static gradient =>
        {
            var builder = new ChoiceMapBuilder();
            var adjoints = new double[gradient.Inputs.Count];
            for (var k = 0; k < adjoints.Length; k++) adjoints[k] = gradient.Adjoint(gradient.Inputs[k].Node);
            GradientInput.Write(builder, gradient.Inputs, adjoints);
            return builder.Build();
        });

    /// <summary>
    /// One gradient at the trace's own values on <paramref name="gradient"/>'s rented tape: the body run, its score
    /// checked against the trace's, the backward sweep, then <paramref name="read"/>; the tape goes back either way.
    /// </summary>
    private TResult Differentiate<TResult>(TTrace trace, Gradient gradient, Action<Gradient, (CompiledFunction<R, TTrace> Function, TTrace Trace)> body,
        Func<Gradient, TResult> read)
    {
        try
        {
            gradient.Run(body, (this, trace));
            gradient.CheckScore(trace.Score);
            gradient.Backward();
            return read(gradient);
        }
        finally
        {
            Tape.Release(gradient.Tape);
        }
    }

    /// <summary>The trace as this class's own (a gradient reads its slots).</summary>
    private TTrace Own(Trace<R> trace) => trace.Whole as TTrace
        ?? throw new ArgumentException($"{Name} cannot take the gradient of a trace of {trace.Function.Name}.", nameof(trace));

    /// <summary>The names of the double parameters, in order (the generator lists them for a model with any).</summary>
    protected virtual string[] RealParameters => [];

    /// <inheritdoc />
    protected internal sealed override IReadOnlyDictionary<string, double> ArgumentGradientsCore(Trace<R> trace)
    {
        var compiled = Own(trace);
        if (GradientObstacle is null && ArgumentGradientObstacle is { } why)
            throw new NotSupportedException($"{Name} computes no gradient in its arguments: {why}.");
        var names = RealParameters;
        return Differentiate(compiled, new Gradient(Tape.Rent(), Selection.None, Name) { ArgumentInputs = new int[names.Length] }, RunBody, gradient =>
        {
            var result = new Dictionary<string, double>(names.Length);
            for (var k = 0; k < names.Length; k++) result[names[k]] = gradient.Adjoint(gradient.ArgumentInputs![k]);
            return (IReadOnlyDictionary<string, double>)result;
        });
    }

    /// <summary>
    /// Runs the gradient body whose double[] parameters carry gradients element by element, over
    /// <paramref name="trace"/>'s values (generated for a model whose double[] parameters stay in the differentiable subset).
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no such body.</exception>
    /// <param name="gradient">The gradient computation.</param>
    /// <param name="trace">The trace whose values the body reads.</param>
    /// <param name="arguments">The caller's values of the double parameters, as for <see cref="RunGradient"/>.</param>
    protected virtual void RunArrayGradient(Gradient gradient, TTrace trace, ReadOnlySpan<Real> arguments) =>
        throw new NotSupportedException($"{Name} computes no gradient in its double[] arguments: {ArrayGradientObstacle ?? "it was compiled without one"}.");

    /// <summary>The names of the double[] parameters, in order (the generator lists them for a model with an array gradient body).</summary>
    protected virtual string[] ArrayParameters => [];

    /// <summary>Why the model has no gradient in its double[] parameters (the construct the generator found), or null.</summary>
    protected virtual string? ArrayGradientObstacle => null;

    /// <inheritdoc />
    protected internal sealed override IReadOnlyDictionary<string, double[]> ArrayArgumentGradientsCore(Trace<R> trace)
    {
        var compiled = Own(trace);
        if (GradientObstacle is { } none) throw new NotSupportedException($"{Name} computes no gradients: {none}.");
        if (ArrayGradientObstacle is { } why) throw new NotSupportedException($"{Name} computes no gradient in its double[] arguments: {why}.");
        var names = ArrayParameters;
        if (names.Length == 0) return new Dictionary<string, double[]>();
        return Differentiate(compiled, new Gradient(Tape.Rent(), Selection.None, Name) { ArrayInputs = new (int, int)[names.Length] }, RunArrayBody, gradient =>
        {
            var result = new Dictionary<string, double[]>(names.Length);
            for (var k = 0; k < names.Length; k++)
            {
                var (first, length) = gradient.ArrayInputs![k];
                var adjoints = new double[length];
                for (var i = 0; i < length; i++) adjoints[i] = gradient.Adjoint(first + i);
                result[names[k]] = adjoints;
            }
            return (IReadOnlyDictionary<string, double[]>)result;
        });
    }

    private static readonly Action<Gradient, (CompiledFunction<R, TTrace> Function, TTrace Trace)> RunArrayBody =
        static (gradient, run) => run.Function.RunArrayGradient(gradient, run.Trace, default);

    /// <inheritdoc />
    internal sealed override bool RunGradientAsCallee(Gradient gradient, Trace<R> trace, ReadOnlySpan<Real> arguments)
    {
        if (GradientObstacle is not null || trace.Whole is not TTrace compiled) return false;
        if (ArgumentGradientObstacle is { } why && Gradient.AnyActive(arguments))
            throw new NotSupportedException(
                $"A traced call passes {Name} arguments that depend on the selected choices, but {Name} computes no gradient in its arguments: {why}. " +
                "Pass it constants, or leave the choices its arguments depend on out of the selection.");
        if (!gradient.CallPassesArrays)
        {
            RunGradient(gradient, compiled, arguments);
            return true;
        }
        if (ArrayGradientObstacle is { } noArrays)
            throw new NotSupportedException(
                $"A traced call passes {Name} double[] arguments that depend on the selected choices, but {Name} computes no gradient in its double[] arguments: {noArrays}. " +
                "Pass it constants, or leave the choices its arguments depend on out of the selection.");
        RunArrayGradient(gradient, compiled, arguments);
        return true;
    }

    private static readonly Action<Gradient, (CompiledFunction<R, TTrace> Function, TTrace Trace)> RunBody =
        static (gradient, run) => run.Function.RunGradient(gradient, run.Trace, default);

    /// <inheritdoc />
    internal sealed override GradientTarget Target(Trace<R> trace, Selection selection)
    {
        if (trace.Whole is not TTrace compiled)
            throw new ArgumentException($"{Name} cannot move a trace of {trace.Function.Name}.", nameof(trace));
        // One run at the trace's values finds the selected choices, their supports, and any selected choice without a gradient.
        var gradient = new Gradient(new Tape(), selection, Name);
        gradient.Run(RunBody, (this, compiled));
        gradient.CheckScore(compiled.Score);
        if (gradient.SelectedDiscrete.Count > 0)
        {
            var (address, type) = gradient.SelectedDiscrete[0];
            throw new NotSupportedException(type == typeof(double[])
                ? $"Gradient-based inference moves choices of double and the vectors of mv_normal and dirichlet, but {Name}'s choice '{address}' is a vector (double[]) " +
                  "of a distribution without a gradient in its value (a distribution object: write mv_normal(…) or dirichlet(…) at the site). Observe it, or leave it out of the selection."
                : $"Gradient-based inference moves continuous choices only, but {Name}'s choice '{address}' is discrete ({type.Name}): " +
                  "observe it, or leave it out of the selection (e.g. move it with Metropolis–Hastings between gradient steps).");
        }
        var moving = new Gradient(new Tape(), selection, Name, recordAddresses: false, plan: gradient.Plan);
        return new GradientTarget(moving, g => RunGradient(g, compiled, default), gradient.Inputs);
    }

    /// <inheritdoc />
    protected internal override bool CanEdit(Trace<R> previous) => previous.Whole is TTrace;


    private GfiState State(Key key, ChoiceMap constraints, TTrace trace, Selection? selection = null) =>
        new(new KeyStream(key), constraints, selection ?? Selection.None, Name, trace.Record);

    /// <summary>The trace to edit in place (a copy of <paramref name="previous"/> under this call), and how many sites it holds.</summary>
    private (TTrace Trace, int Sites) Edit(Trace<R> previous) =>
        previous.Whole is TTrace old
            ? ((TTrace)old.CopyForEdit(this, out var sites), sites)
            : throw new ArgumentException($"{Name} cannot edit a trace of {previous.Function.Name} ({previous.GetType().Name}).", nameof(previous));
}
