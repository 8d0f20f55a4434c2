using System;

namespace Gen.Internal;

/// <summary>
/// Traced calls in a gradient computation: a callee's gradient body runs over its subtrace on the same tape (at its
/// address, with the selection below it), its value and its continuous arguments carrying their gradients; a callee
/// whose score does not depend on the selected choices is a constant.
/// </summary>
public sealed partial class Gradient
{
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

    /// <summary>
    /// The <paramref name="k"/>-th double[] parameter in an array gradient body: the caller's <see cref="Real"/> array
    /// when a traced call passes one (<see cref="WithArrays(Real[])"/>); at the top, for
    /// <c>trace.ArrayArgumentGradients()</c>, its elements as consecutive inputs of the tape; else its elements as constants.
    /// </summary>
    public Real[] ArrayArgument(int k, double[] value)
    {
        if (k < _callArrays.Count && _callArrays[k] is { } passed)
        {
            // As for a double parameter: at the trace's own values the caller's array holds the values the callee was made with.
            if (_position is null && !SameValues(passed, value))
                throw new NotSupportedException(
                    $"The gradient of {_functionName} passes a double[] parameter of a traced call values other than those the call was made with: the " +
                    "array was changed after the call (the model reuses or rewrites it), or the call's function transforms the array it is given; the gradient " +
                    "cannot see either. Give each call an array of its own that stays as it was, or leave the choices it depends on out of the selection.");
            return passed;
        }
        if (value is null) return null!; // the body reads the argument as the model did
        if (ArrayInputs is not { } inputs || _prefix is not null) return Constants(value)!;
        var reals = new Real[value.Length];
        var first = -1;
        for (var i = 0; i < value.Length; i++)
        {
            var node = _tape.Input();
            if (i == 0) first = node;
            reals[i] = new Real(value[i], node);
        }
        inputs[k] = (first, value.Length);
        return reals;
    }

    private static bool SameValues(Real[] passed, double[]? value)
    {
        if (value is null || passed.Length != value.Length) return false;
        for (var i = 0; i < value.Length; i++)
            if (!passed[i].Value.Equals(value[i])) return false;
        return true;
    }

    /// <summary>
    /// The continuous arrays the next traced call passes to its callee's double[] parameters, one per such parameter
    /// in order, null where it passes constants: <c>__gradient.WithArrays(thetas).CallReal(address, in slot)</c>.
    /// </summary>
    public Gradient WithArrays(Real[]? a0) => Pending(new ArrayArguments(1, a0, null, null, null));

    /// <inheritdoc cref="WithArrays(Real[])"/>
    public Gradient WithArrays(Real[]? a0, Real[]? a1) => Pending(new ArrayArguments(2, a0, a1, null, null));

    /// <inheritdoc cref="WithArrays(Real[])"/>
    public Gradient WithArrays(Real[]? a0, Real[]? a1, Real[]? a2) => Pending(new ArrayArguments(3, a0, a1, a2, null));

    /// <inheritdoc cref="WithArrays(Real[])"/>
    public Gradient WithArrays(Real[]? a0, Real[]? a1, Real[]? a2, Real[]? a3) => Pending(new ArrayArguments(4, a0, a1, a2, a3));

    private Gradient Pending(ArrayArguments arrays)
    {
        _pendingArrays = arrays;
        return this;
    }

    // The next traced call's arrays, and the arrays of the call whose array body is starting (its arguments are read
    // before its body runs any call of its own).
    private ArrayArguments _pendingArrays, _callArrays;

    /// <summary>Whether the traced call being run passes continuous arrays (its callee then runs its array gradient body).</summary>
    internal bool CallPassesArrays => _callArrays.Count > 0;

    /// <summary>Up to four arrays a traced call passes, by the callee's double[] parameter.</summary>
    private readonly struct ArrayArguments(int count, Real[]? a0, Real[]? a1, Real[]? a2, Real[]? a3)
    {
        public int Count => count;

        public Real[]? this[int k] => k switch { 0 => a0, 1 => a1, 2 => a2, _ => a3 };

        /// <summary>Whether any element carries a gradient (else the callee's score is as constant in them as in its own field).</summary>
        public bool AnyActive => Active(a0) || Active(a1) || Active(a2) || Active(a3);

        private static bool Active(Real[]? values) => values is not null && Gradient.AnyActive(values);
    }

    /// <summary>For <c>trace.ArrayArgumentGradients()</c>: each double[] parameter's first input and length, by position (length 0 for a null array).</summary>
    internal (int First, int Length)[]? ArrayInputs { get; init; }

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
        // A distribution object called as a function (Repeat(8, normal(0, 1))) is a choice at the call's
        // own address.
        if (IsDifferentiableChoice(trace, out var choice, out var density))
        {
            _returned = ObjectChoice(density, address, choice);
            return true;
        }
        // A planned run (a target evaluated again) replays the first run's answer and reads neither the selection nor
        // the addresses, so it allocates nothing here; the callee's choices are visited in order as the caller's are.
        // The arrays handed over for this call, kept for its array body only where they carry gradients (scanned once).
        var arrays = _pendingArrays;
        _pendingArrays = default;
        if (arrays.Count > 0 && !arrays.AnyActive) arrays = default;
        var below = _plan is { } plan && _site < plan.Length ? null : address.Below(_selection);
        var inside = below is null ? _plan![_site] : !below.IsEmpty || AnyActive(arguments) || arrays.Count > 0;
        _site++;
        if (_recordAddresses) _visits.Add(inside);
        if (!inside)
        {
            Score += trace.Score;
            return false;
        }
        var (selection, prefix) = (_selection, _prefix);
        if (below is not null)
        {
            _selection = below;
            _prefix = Full(address.ToAddress());
        }
        try
        {
            var function = trace.Function;
            _callArrays = arrays;
            if (!function.RunGradientAsCallee(this, trace, arguments))
                throw new NotSupportedException(
                    $"The gradient of {_functionName} reaches the traced call of {function.Name} at '{_prefix}', whose score depends on the selected choices, " +
                    "but which computes no gradients (gradients flow through traced calls of [Gen] functions in the differentiable subset; not yet through " +
                    "combinators or the interpreter). Leave its choices, and those its arguments depend on, out of the selection.");
        }
        finally
        {
            (_selection, _prefix) = (selection, prefix);
            _callArrays = default;
        }
        return true;
    }

    /// <summary>
    /// A Switch's branch that is a distribution object: its choice at the Switch's own address (the callee running now),
    /// its value carrying its gradient; false when the branch is no such choice.
    /// </summary>
    internal bool ChoiceHere<R>(Trace<R> trace)
    {
        if (!IsDifferentiableChoice(trace, out var choice, out var density)) return false;
        _returned = ObjectChoice(density, default(RootAddress), choice);
        return true;
    }

    /// <summary>Whether <paramref name="trace"/> is a choice of a distribution object of double whose density gives a gradient.</summary>
    private static bool IsDifferentiableChoice<R>(Trace<R> trace, out ChoiceTrace<double> choice, out IDifferentiableDensity density)
    {
        (choice, density) = (null!, null!);
        if (trace is not ChoiceTrace<double> { Function: Distribution<double> { Density: { } found } } made) return false;
        (choice, density) = (made, found);
        return true;
    }

    /// <summary>
    /// The choice of a distribution object: the choice rule's gradient site, its parameters constants (an object is made
    /// before the call with plain doubles; the generator keeps continuous values out of them).
    /// </summary>
    private Real ObjectChoice<TAddress>(IDifferentiableDensity density, TAddress address, ChoiceTrace<double> choice) where TAddress : struct, ISiteAddress
    {
        Span<int> nodes = stackalloc int[1 + density.ParameterCount];
        nodes.Fill(-1);
        return Site(density, nodes, address, new Choice<double>(choice.Retval, choice.Score));
    }

    private Trace<R> Subtrace<R, TAddress>(TAddress address, in Subtrace slot) where TAddress : struct, ISiteAddress =>
        slot.Trace as Trace<R> ?? throw new InvalidOperationException(
            $"The gradient of {_functionName} reaches the traced call '{Full(address.ToAddress())}', which the trace does not have: the model's control " +
            "flow depends on the values differentiated. Gradients are taken over the choices of one trace.");

    /// <summary>An address inside the running callee, from the top model's root.</summary>
    private Address Full(Address address) => _prefix is null ? address : _prefix.Concat(address);
}
