using System;
using System.Collections.Generic;

namespace Gen;

/// <summary>
/// The Vmap combinator, not yet applied: maps a generative function over an array of arguments. Call
/// <see cref="Apply"/> to get the generative function; <c>Combinators.Vmap(f, args)</c> does both at once.
/// </summary>
/// <typeparam name="A">The argument type of one call.</typeparam>
/// <typeparam name="T">The return type of one call.</typeparam>
/// <example><code>var ys = Vmap&lt;double, double&gt;(PointGen).Apply(xs).At("points");   // ("points", i, …)</code></example>
public sealed class VmapCombinator<A, T>
{
    private readonly Func<A, GenerativeFunction<T>> _kernel;
    private readonly object _identity;

    internal VmapCombinator(Func<A, GenerativeFunction<T>> kernel, object identity)
    {
        _kernel = kernel;
        _identity = identity;
    }

    /// <summary>
    /// The generative function that calls the kernel on each argument, call i at address i, and returns the array
    /// of their return values. The arguments are copied.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> is null.</exception>
    public GenerativeFunction<T[]> Apply(A[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new VmapFunction<A, T>(_kernel, _identity, (A[])args.Clone());
    }
}

/// <summary>Vmap applied to its arguments: call i is <c>kernel(args[i])</c> at address i.</summary>
internal sealed class VmapFunction<A, T> : IndexedCombinator<T>
{
    private readonly Func<A, GenerativeFunction<T>> _kernel;
    private readonly object _identity;
    private readonly A[] _args;

    /// <param name="kernel">Makes call i from argument i.</param>
    /// <param name="identity">What the user passed as the kernel (a wrapper may adapt it): equal identities mean the same function.</param>
    /// <param name="args">The arguments, owned by this function.</param>
    public VmapFunction(Func<A, GenerativeFunction<T>> kernel, object identity, A[] args)
    {
        _kernel = kernel;
        _identity = identity;
        _args = args;
    }

    public override string Name => "Vmap";

    public override string Ir => $"Vmap over {_args.Length} arguments: call i = kernel(args[i]) @ i, returns {typeof(T).Name}[{_args.Length}]";

    protected override int Length => _args.Length;

    protected override GenerativeFunction<T> Callee(int i, T[] retvals) => _kernel(_args[i]);

    protected override bool SameCall(int i, T[] retvals, IndexedTrace<T> previous) =>
        previous.Combinator is VmapFunction<A, T> other
        && other._identity.Equals(_identity)
        && i < other._args.Length
        && EqualityComparer<A>.Default.Equals(other._args[i], _args[i]);
}
