using System;
using System.Collections.Generic;

namespace Gen;

/// <summary>
/// The Scan combinator (Gen's Unfold), not yet applied: a state-space model whose kernel takes the step t and the
/// state and returns a generative function for the next state. Call <see cref="Apply"/> to get the generative
/// function; <c>Combinators.Scan(kernel, steps, init)</c> does both at once.
/// </summary>
/// <typeparam name="S">The state type.</typeparam>
/// <example><code>var states = Scan&lt;double&gt;(StepGen).Apply(50, 0.0).At("chain");   // ("chain", t, …)</code></example>
public sealed class ScanCombinator<S>
{
    private readonly Func<int, S, GenerativeFunction<S>> _kernel;
    private readonly object _identity;

    internal ScanCombinator(Func<int, S, GenerativeFunction<S>> kernel, object identity)
    {
        _kernel = kernel;
        _identity = identity;
    }

    /// <summary>
    /// The generative function that runs <paramref name="steps"/> steps from <paramref name="init"/>: step t is
    /// <c>kernel(t, state)</c> at address t, and its return value is the next state. Returns the states after
    /// each step (not including <paramref name="init"/>). Updating a trace to more steps extends it: the old steps are
    /// kept as they are and only the new ones run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    public GenerativeFunction<S[]> Apply(int steps, S init)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        return new ScanFunction<S>(_kernel, _identity, steps, init);
    }
}

/// <summary>Scan applied: step t is <c>kernel(t, state)</c> at address t, from <c>init</c>.</summary>
internal sealed partial class ScanFunction<S> : IndexedCombinator<S>
{
    private readonly Func<int, S, GenerativeFunction<S>> _kernel;
    private readonly object _identity;
    private readonly int _steps;
    private readonly S _init;

    /// <param name="kernel">Makes step t from (t, state).</param>
    /// <param name="identity">What the user passed as the kernel (a wrapper may adapt it): equal identities mean the same function.</param>
    /// <param name="steps">The number of steps.</param>
    /// <param name="init">The state before step 0.</param>
    public ScanFunction(Func<int, S, GenerativeFunction<S>> kernel, object identity, int steps, S init)
    {
        _kernel = kernel;
        _identity = identity;
        _steps = steps;
        _init = init;
    }

    public override string Name => "Scan";

    /// <summary>Step t's call from <paramref name="state"/>.</summary>
    internal GenerativeFunction<S> Kernel(int t, S state) => _kernel(t, state);

    /// <summary>The state before step 0.</summary>
    internal S Init => _init;

    public override string Ir => $"Scan over {_steps} steps: state(t+1) = kernel(t, state(t)) @ t from init, returns {typeof(S).Name}[{_steps}]";

    protected override int Length => _steps;

    protected override GenerativeFunction<S> Callee(int i, S[] retvals) => _kernel(i, i == 0 ? _init : retvals[i - 1]);

    /// <inheritdoc />
    protected override bool CarriesState => true;

    /// <summary>The same kernel from the same initial state makes the same steps: all of them are kept, or none.</summary>
    protected override int KeptPrefix(IndexedTrace<S> previous, int limit) => limit > 0 && SameCall(0, previous.Retval, previous) ? limit : 0;

    protected override bool SameCall(int i, S[] retvals, IndexedTrace<S> previous) =>
        previous.Combinator is ScanFunction<S> other
        && other._identity.Equals(_identity)
        && EqualityComparer<S>.Default.Equals(i == 0 ? other._init : previous.Retval[i - 1], i == 0 ? _init : retvals[i - 1]);
}
