using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// One gradient computation of a model's score: the generated gradient body runs the model over a trace's values
/// with <see cref="Real"/> numbers, calling these site operations, which read each choice's value from its slot, make
/// the selected ones inputs, and record each site's log density with its partial derivatives. The score's gradient
/// is then one backward sweep of the tape.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Gradient
{
    private readonly Tape _tape;
    private Selection _selection;
    private Address? _prefix; // the address of the traced call whose body runs, while it runs (recorded addresses are full)
    private Real _returned;
    private Real[]? _returnedArray;
    private readonly string _functionName;
    private readonly List<int> _densities = new();
    private readonly List<(Address Address, int Node)> _inputs = new();
    private readonly List<int> _inputNodes = new();
    private double[]? _position;
    private readonly bool _recordAddresses;
    private readonly List<bool> _visits = new();
    private readonly bool[]? _plan;
    private int _site;
    private readonly List<Real[]> _arrays = new();
    private int _array;

    internal Gradient(Tape tape, Selection selection, string functionName, double[]? position = null, bool recordAddresses = true, bool[]? plan = null)
    {
        _tape = tape;
        _selection = selection;
        _functionName = functionName;
        _position = position;
        _recordAddresses = recordAddresses;
        _plan = plan;
    }

    /// <summary>
    /// Whether each continuous site visited was selected, in visit order: a target run many times replays it instead of
    /// looking each address up in the selection (the trace's control flow is fixed while its values move).
    /// </summary>
    internal bool[] Plan => [.. _visits];

    /// <summary>Whether the last run visited as many continuous sites as its plan has (always, without a plan).</summary>
    internal bool FollowedPlan => _plan is null || _site == _plan.Length;

    /// <summary>The supports of the selected choices, in visit order (recorded with their addresses).</summary>
    internal List<Support> Supports { get; } = new();

    /// <summary>The selected choices that are not doubles (no gradient: discrete, or a vector), with their value types, recorded with addresses.</summary>
    internal List<(Address Address, Type Type)> SelectedDiscrete { get; } = new();

    /// <summary>The tape nodes of the selected choices, in visit order.</summary>
    internal IReadOnlyList<int> InputNodes => _inputNodes;

    /// <summary>The score recomputed by the gradient body (the sum of its sites' log densities, in visit order).</summary>
    public double Score { get; private set; }

    internal IReadOnlyList<(Address Address, int Node)> Inputs => _inputs;

    /// <summary>
    /// A zeroed array of <paramref name="length"/> reals for the body's <c>new double[length]</c>: the n-th array a run
    /// creates is the n-th array of the run before when the lengths agree (the body's arrays do not outlive its run).
    /// </summary>
    public Real[] NewArray(int length)
    {
        if (_array < _arrays.Count && _arrays[_array].Length == length)
        {
            var reused = _arrays[_array++];
            System.Array.Clear(reused);
            return reused;
        }
        var fresh = new Real[length];
        if (_array < _arrays.Count) _arrays[_array] = fresh;
        else _arrays.Add(fresh);
        _array++;
        return fresh;
    }

    /// <summary>A continuous choice with one parameter.</summary>
    public Real Choice<TDistribution, TAddress>(TDistribution kind, Real p0, TAddress address, in Choice<double> slot)
        where TDistribution : struct, IDifferentiablePrimitive<TDistribution> where TAddress : struct, ISiteAddress
    {
        Span<double> values = [p0.Value];
        Span<int> nodes = [-1, p0.Node];
        return Site<TDistribution, TAddress>(values, nodes, address, in slot);
    }

    /// <summary>A continuous choice with two parameters.</summary>
    public Real Choice<TDistribution, TAddress>(TDistribution kind, Real p0, Real p1, TAddress address, in Choice<double> slot)
        where TDistribution : struct, IDifferentiablePrimitive<TDistribution> where TAddress : struct, ISiteAddress
    {
        Span<double> values = [p0.Value, p1.Value];
        Span<int> nodes = [-1, p0.Node, p1.Node];
        return Site<TDistribution, TAddress>(values, nodes, address, in slot);
    }

    /// <summary>A continuous choice with three parameters.</summary>
    public Real Choice<TDistribution, TAddress>(TDistribution kind, Real p0, Real p1, Real p2, TAddress address, in Choice<double> slot)
        where TDistribution : struct, IDifferentiablePrimitive<TDistribution> where TAddress : struct, ISiteAddress
    {
        Span<double> values = [p0.Value, p1.Value, p2.Value];
        Span<int> nodes = [-1, p0.Node, p1.Node, p2.Node];
        return Site<TDistribution, TAddress>(values, nodes, address, in slot);
    }

    /// <summary>A continuous choice with four parameters.</summary>
    public Real Choice<TDistribution, TAddress>(TDistribution kind, Real p0, Real p1, Real p2, Real p3, TAddress address, in Choice<double> slot)
        where TDistribution : struct, IDifferentiablePrimitive<TDistribution> where TAddress : struct, ISiteAddress
    {
        Span<double> values = [p0.Value, p1.Value, p2.Value, p3.Value];
        Span<int> nodes = [-1, p0.Node, p1.Node, p2.Node, p3.Node];
        return Site<TDistribution, TAddress>(values, nodes, address, in slot);
    }

    /// <summary>
    /// A choice whose density the gradient does not flow through (a discrete choice, or a distribution without
    /// gradients): its parameters do not depend on continuous choices (the generator checks), so its log density is a
    /// constant of the score; selecting it is an error.
    /// </summary>
    public T Constant<TDistribution, T, TAddress>(TDistribution distribution, TAddress address, in Choice<T> slot)
        where TDistribution : struct, IPrimitive<T> where TAddress : struct, ISiteAddress
    {
        var value = Value(address, in slot);
        if (_plan is not null)
        {
            // A planned run: the first run checked the selection already.
            Score += distribution.LogDensity(value);
            return value;
        }
        if (typeof(T) != typeof(double) && _recordAddresses && address.IsSelected(_selection)) SelectedDiscrete.Add((Full(address.ToAddress()), typeof(T)));
        if (typeof(T) == typeof(double) && address.IsSelected(_selection))
            throw new NotSupportedException(
                $"The choice at '{Full(address.ToAddress())}' of {_functionName} is selected for a gradient, but its distribution ({distribution}) gives no " +
                "gradient of its density; derive it from Distribution<T, TPrimitive> with a primitive that implements IDifferentiablePrimitive, or do not select it.");
        Score += distribution.LogDensity(value);
        return value;
    }

    /// <summary>A choice from a distribution object: as <see cref="Constant{TDistribution, T, TAddress}"/>.</summary>
    public T Constant<T, TAddress>(Distribution<T> distribution, TAddress address, in Choice<T> slot) where TAddress : struct, ISiteAddress =>
        Constant(new VirtualPrimitive<T>(distribution), address, in slot);

    private Real Site<TDistribution, TAddress>(ReadOnlySpan<double> parameters, Span<int> nodes, TAddress address, in Choice<double> slot)
        where TDistribution : struct, IDifferentiablePrimitive<TDistribution> where TAddress : struct, ISiteAddress
    {
        var selected = _plan is { } plan && _site < plan.Length ? plan[_site] : address.IsSelected(_selection);
        _site++;
        if (_recordAddresses) _visits.Add(selected);
        var value = selected && _position is not null ? Position(address) : Value(address, in slot);
        var distribution = default(TDistribution).Create(parameters);
        Span<double> partials = stackalloc double[5]; // a value and at most four parameters
        partials = partials[..nodes.Length];
        var score = distribution.LogDensityGradient(value, out partials[0], partials[1..]);
        Score += score;
        var input = -1;
        if (selected)
        {
            input = _tape.Input();
            _inputNodes.Add(input);
            if (_recordAddresses)
            {
                _inputs.Add((Full(address.ToAddress()), input));
                Supports.Add(distribution.Support);
            }
        }
        nodes[0] = input;
        _densities.Add(_tape.Push(nodes, partials));
        return new Real(value, input);
    }

    /// <summary>The value a gradient body returns (a model of double): a caller's traced call continues from it.</summary>
    public void Return(Real value) => _returned = value;

    /// <summary>The array a gradient body returns (a model of double[]) whose elements carry gradients: a caller's traced call continues from it.</summary>
    public void Return(Real[]? values) => _returnedArray = values;

    /// <summary>An array of constants a gradient body returns (a model of double[] returning values that depend on no continuous choice).</summary>
    public void Return(double[]? values) => _returnedArray = Constants(values);

    /// <summary>The elements of <paramref name="values"/> as constants, in an array of this run.</summary>
    private Real[]? Constants(double[]? values)
    {
        if (values is null) return null;
        var reals = NewArray(values.Length);
        for (var i = 0; i < values.Length; i++) reals[i] = values[i];
        return reals;
    }

    /// <summary>
    /// A traced call whose value is not differentiated (its type is not double): the callee's selected choices join
    /// the gradient through its own gradient body; without any (and without continuous arguments), its subtrace's
    /// score is a constant. The callee is the subtrace's own function: any argument that depends on continuous choices
    /// is a double parameter passed here as a <see cref="Real"/> (the generator checks), so the function is the one the
    /// caller would make again, and none is made per evaluation.
    /// </summary>
    public R Call<R, TAddress>(TAddress address, in Subtrace slot) where TAddress : struct, ISiteAddress => CallWith<R, TAddress>(address, in slot, default);

    /// <summary>As <see cref="Call{R, TAddress}(TAddress, in Subtrace)"/>, the callee's double parameters given continuous values (with their gradients).</summary>
    public R Call<R, TAddress>(TAddress address, in Subtrace slot, Real a0) where TAddress : struct, ISiteAddress =>
        CallWith<R, TAddress>(address, in slot, [a0]);

    /// <inheritdoc cref="Call{R, TAddress}(TAddress, in Subtrace, Real)"/>
    public R Call<R, TAddress>(TAddress address, in Subtrace slot, Real a0, Real a1) where TAddress : struct, ISiteAddress =>
        CallWith<R, TAddress>(address, in slot, [a0, a1]);

    /// <inheritdoc cref="Call{R, TAddress}(TAddress, in Subtrace, Real)"/>
    public R Call<R, TAddress>(TAddress address, in Subtrace slot, Real a0, Real a1, Real a2) where TAddress : struct, ISiteAddress =>
        CallWith<R, TAddress>(address, in slot, [a0, a1, a2]);

    /// <inheritdoc cref="Call{R, TAddress}(TAddress, in Subtrace, Real)"/>
    public R Call<R, TAddress>(TAddress address, in Subtrace slot, Real a0, Real a1, Real a2, Real a3) where TAddress : struct, ISiteAddress =>
        CallWith<R, TAddress>(address, in slot, [a0, a1, a2, a3]);

    /// <summary>As <see cref="Call{R, TAddress}(TAddress, in Subtrace)"/>, for a callee whose value type is known only from the callee's type.</summary>
    public R Call<R, TAddress>(GenerativeFunction<R> function, TAddress address, in Subtrace slot) where TAddress : struct, ISiteAddress =>
        CallWith<R, TAddress>(address, in slot, default);

    /// <summary>A traced call of a function of double: as <see cref="Call{R, TAddress}(TAddress, in Subtrace)"/>, its value carrying its gradient.</summary>
    public Real CallReal<TAddress>(TAddress address, in Subtrace slot) where TAddress : struct, ISiteAddress => CallRealWith(address, in slot, default);

    /// <summary>As <see cref="CallReal{TAddress}(TAddress, in Subtrace)"/>, the callee's double parameters given continuous values (with their gradients).</summary>
    public Real CallReal<TAddress>(TAddress address, in Subtrace slot, Real a0) where TAddress : struct, ISiteAddress =>
        CallRealWith(address, in slot, [a0]);

    /// <inheritdoc cref="CallReal{TAddress}(TAddress, in Subtrace, Real)"/>
    public Real CallReal<TAddress>(TAddress address, in Subtrace slot, Real a0, Real a1) where TAddress : struct, ISiteAddress =>
        CallRealWith(address, in slot, [a0, a1]);

    /// <inheritdoc cref="CallReal{TAddress}(TAddress, in Subtrace, Real)"/>
    public Real CallReal<TAddress>(TAddress address, in Subtrace slot, Real a0, Real a1, Real a2) where TAddress : struct, ISiteAddress =>
        CallRealWith(address, in slot, [a0, a1, a2]);

    /// <inheritdoc cref="CallReal{TAddress}(TAddress, in Subtrace, Real)"/>
    public Real CallReal<TAddress>(TAddress address, in Subtrace slot, Real a0, Real a1, Real a2, Real a3) where TAddress : struct, ISiteAddress =>
        CallRealWith(address, in slot, [a0, a1, a2, a3]);

    /// <summary>A traced call of a function of double[]: as <see cref="CallReal{TAddress}(TAddress, in Subtrace)"/>, each element carrying its gradient.</summary>
    public Real[]? CallReals<TAddress>(TAddress address, in Subtrace slot) where TAddress : struct, ISiteAddress => CallRealsWith(address, in slot, default);

    /// <summary>As <see cref="CallReals{TAddress}(TAddress, in Subtrace)"/>, the callee's double parameters given continuous values.</summary>
    public Real[]? CallReals<TAddress>(TAddress address, in Subtrace slot, Real a0) where TAddress : struct, ISiteAddress =>
        CallRealsWith(address, in slot, [a0]);

    /// <inheritdoc cref="CallReals{TAddress}(TAddress, in Subtrace, Real)"/>
    public Real[]? CallReals<TAddress>(TAddress address, in Subtrace slot, Real a0, Real a1) where TAddress : struct, ISiteAddress =>
        CallRealsWith(address, in slot, [a0, a1]);

    /// <inheritdoc cref="CallReals{TAddress}(TAddress, in Subtrace, Real)"/>
    public Real[]? CallReals<TAddress>(TAddress address, in Subtrace slot, Real a0, Real a1, Real a2) where TAddress : struct, ISiteAddress =>
        CallRealsWith(address, in slot, [a0, a1, a2]);

    /// <inheritdoc cref="CallReals{TAddress}(TAddress, in Subtrace, Real)"/>
    public Real[]? CallReals<TAddress>(TAddress address, in Subtrace slot, Real a0, Real a1, Real a2, Real a3) where TAddress : struct, ISiteAddress =>
        CallRealsWith(address, in slot, [a0, a1, a2, a3]);

    // The arguments live on the caller's stack (a callee reads them before its body runs); generated code of any C#
    // version calls the fixed-arity overloads above.
    private R CallWith<R, TAddress>(TAddress address, in Subtrace slot, ReadOnlySpan<Real> arguments) where TAddress : struct, ISiteAddress
    {
        var trace = Subtrace<R, TAddress>(address, in slot);
        Callee(address, trace, arguments);
        return trace.Retval;
    }

    private Real CallRealWith<TAddress>(TAddress address, in Subtrace slot, ReadOnlySpan<Real> arguments) where TAddress : struct, ISiteAddress
    {
        var trace = Subtrace<double, TAddress>(address, in slot);
        return Callee(address, trace, arguments) ? _returned : trace.Retval;
    }

    private Real[]? CallRealsWith<TAddress>(TAddress address, in Subtrace slot, ReadOnlySpan<Real> arguments) where TAddress : struct, ISiteAddress
    {
        var trace = Subtrace<double[], TAddress>(address, in slot);
        return Callee(address, trace, arguments) ? _returnedArray : Constants(trace.Retval);
    }

    /// <summary>A combinator's call <paramref name="index"/> of a function of double, run as a traced call at that index.</summary>
    internal Real ElementReal(int index, Trace<double> trace, ReadOnlySpan<Real> arguments) =>
        Callee(new IndexAddress(index), trace, arguments) ? _returned : trace.Retval;

    /// <summary>A combinator's call <paramref name="index"/> whose value carries no gradient.</summary>
    internal void Element<T>(int index, Trace<T> trace) => Callee(new IndexAddress(index), trace, default);

    /// <summary>The most double parameters a traced call passes continuous values to (the generator checks).</summary>
    public const int MaxRealArguments = 4;

    /// <summary>
    /// A generated function's k-th double parameter in its gradient body: the caller's value if a traced call passed
    /// one; an input of the tape when the arguments' gradients are asked for (<see cref="ArgumentInputs"/>); else its
    /// own value, a constant.
    /// </summary>
    public Real Argument(ReadOnlySpan<Real> arguments, int k, double value)
    {
        if (k < arguments.Length)
        {
            // At the trace's own values (not at a moved position) the caller's Real is the very value the callee was
            // made with: a kernel that transforms what it is handed (a Scan's `(t, s) => StepGen(t, 2 * s)`) would
            // otherwise get a wrong gradient.
            if (_position is null && !arguments[k].Value.Equals(value))
                throw new NotSupportedException(
                    $"The gradient of {_functionName} passes {arguments[k].Value} to a double parameter of a traced call made with {value}: the call's " +
                    "function transforms the value it is given (e.g. a Scan kernel that is a lambda computing with its state), which the gradient cannot " +
                    "see. Pass a [Gen] method's factory itself (Scan(StepGen, …)), or leave the choices it depends on out of the selection.");
            return arguments[k];
        }
        if (ArgumentInputs is not { } inputs || _prefix is not null) return value;
        return new Real(value, inputs[k] = _tape.Input());
    }

    /// <summary>For <c>trace.ArgumentGradients()</c>: the tape inputs made for the top function's double parameters, by position.</summary>
    internal int[]? ArgumentInputs { get; init; }

    internal static bool AnyActive(ReadOnlySpan<Real> values)
    {
        foreach (var value in values)
            if (value.IsActive) return true;
        return false;
    }

    /// <summary>
    /// Runs the callee's gradient body when its score depends on the selected choices (true): it holds selected choices,
    /// or its arguments carry gradients. Otherwise its subtrace's score is a constant, added as it is.
    /// </summary>
    private bool Callee<R, TAddress>(TAddress address, Trace<R> trace, ReadOnlySpan<Real> arguments) where TAddress : struct, ISiteAddress
    {
        // A planned run replays the first run's answer; the callee's choices are visited in order as the caller's are.
        var inside = _plan is { } plan && _site < plan.Length ? plan[_site] : !address.Below(_selection).IsEmpty || AnyActive(arguments);
        _site++;
        if (_recordAddresses) _visits.Add(inside);
        if (!inside)
        {
            Score += trace.Score;
            return false;
        }
        var (selection, prefix) = (_selection, _prefix);
        if (_plan is null)
        {
            // A planned run (a target evaluated again) reads neither: it follows the plan, and allocates nothing here.
            _selection = address.Below(_selection);
            _prefix = Full(address.ToAddress());
        }
        try
        {
            var function = trace.Function;
            if (!function.RunGradientAsCallee(this, trace, arguments))
                throw new NotSupportedException(
                    $"The gradient of {_functionName} reaches the traced call of {function.Name} at '{_prefix}', whose score depends on the selected choices, " +
                    "but which computes no gradients (gradients flow through traced calls of [Gen] functions in the differentiable subset; not yet through " +
                    "combinators or the interpreter). Leave its choices, and those its arguments depend on, out of the selection.");
        }
        finally
        {
            (_selection, _prefix) = (selection, prefix);
        }
        return true;
    }

    private Trace<R> Subtrace<R, TAddress>(TAddress address, in Subtrace slot) where TAddress : struct, ISiteAddress =>
        slot.Trace as Trace<R> ?? throw new InvalidOperationException(
            $"The gradient of {_functionName} reaches the traced call '{Full(address.ToAddress())}', which the trace does not have: the model's control " +
            "flow depends on the values differentiated. Gradients are taken over the choices of one trace.");

    /// <summary>An address inside the running callee, from the top model's root.</summary>
    private Address Full(Address address) => _prefix is null ? address : _prefix.Concat(address);

    /// <summary>In a run at a given position, the next selected choice's value.</summary>
    private double Position<TAddress>(TAddress address) where TAddress : struct, ISiteAddress =>
        _inputNodes.Count < _position!.Length
            ? _position[_inputNodes.Count]
            : throw new InvalidOperationException(
                $"The model {_functionName} visits more selected choices ('{Full(address.ToAddress())}' and after) at this point than in the trace it started from: " +
                "its control flow depends on the values moved. Gradient-based inference needs a fixed set of continuous choices.");

    private T Value<T, TAddress>(TAddress address, in Choice<T> slot) where TAddress : struct, ISiteAddress
    {
        if (!slot.Has)
            throw new InvalidOperationException(
                $"The gradient of {_functionName} reaches the choice '{Full(address.ToAddress())}', which the trace does not have: the model's control flow " +
                "depends on the values differentiated. Gradients are taken over the choices of one trace.");
        return slot.Value;
    }

    /// <summary>Runs <paramref name="body"/> (a generated gradient body) with this gradient's tape current on this thread.</summary>
    internal void Run<TState>(Action<Gradient, TState> body, TState state)
    {
        var previous = Tape.Current;
        Tape.Current = _tape;
        try
        {
            body(this, state);
        }
        finally
        {
            Tape.Current = previous;
        }
    }

    /// <summary>Starts another run at <paramref name="position"/> on the same tape (a target evaluated many times allocates nothing).</summary>
    internal void Restart(double[] position)
    {
        _position = position;
        _tape.Clear();
        _densities.Clear();
        _inputNodes.Clear();
        _site = 0;
        _array = 0;
        Score = 0;
    }

    /// <summary>The score's gradient: one backward sweep from every site's log density.</summary>
    internal void Backward() => _tape.Backward(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_densities));

    /// <summary>The adjoint of input <paramref name="node"/>.</summary>
    internal double Adjoint(int node) => _tape.Adjoint(node);
}
