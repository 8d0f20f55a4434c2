using System;
using Gen.Internal;

namespace Gen;

/// <summary>
/// Factories of the combinators: generative functions made from other generative functions, each with the full
/// generative function interface, usable inside <c>[Gen]</c> bodies as a traced call (<c>.At(address)</c>).
/// Bring them into scope with <c>using static Gen.Combinators;</c>. docs/combinators.md has the addresses and edit
/// rules of each.
/// </summary>
/// <example><code>
/// using static Gen.Combinators;
///
/// [Gen] static double Point(double x) { … normal(a * x + b, 0.1).At("y") … }
/// [Gen] static double[] Curve(double[] xs) => Vmap(PointGen, xs).At("points");   // ("points", i, "y")
/// </code></example>
public static class Combinators
{
    /// <summary>
    /// Vmap, not yet applied: <c>Vmap&lt;double, double&gt;(PointGen).Apply(xs)</c>. (C# cannot infer the argument
    /// type from a method group alone; <see cref="Vmap{A, T}(Func{A, GenerativeFunction{T}}, A[])"/> infers it from the arguments.)
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="kernel"/> is null.</exception>
    public static VmapCombinator<A, T> Vmap<A, T>(Func<A, GenerativeFunction<T>> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return new VmapCombinator<A, T>(kernel, kernel);
    }

    /// <summary>
    /// Maps <paramref name="kernel"/> over <paramref name="args"/>: call i is <c>kernel(args[i])</c> at address i;
    /// returns the array of the calls' return values.
    /// </summary>
    /// <example><code>var ys = Vmap(PointGen, xs).At("points");   // choices ("points", i, …)</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="kernel"/> or <paramref name="args"/> is null.</exception>
    public static GenerativeFunction<T[]> Vmap<A, T>(Func<A, GenerativeFunction<T>> kernel, A[] args) => Vmap(kernel).Apply(args);

    /// <summary>
    /// Maps <paramref name="kernel"/> over two arrays of equal length: call i is <c>kernel(first[i], second[i])</c> at
    /// address i.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static GenerativeFunction<T[]> Vmap<A, B, T>(Func<A, B, GenerativeFunction<T>> kernel, A[] first, B[] second)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length != second.Length)
            throw new ArgumentException($"Vmap over two arrays needs equal lengths; got {first.Length} and {second.Length}.", nameof(second));
        var pairs = new (A, B)[first.Length];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = (first[i], second[i]);
        return new VmapFunction<(A, B), T>(pair => kernel(pair.Item1, pair.Item2), kernel, pairs);
    }

    /// <summary>
    /// <paramref name="count"/> independent calls of <paramref name="callee"/>, call i at address i; returns their
    /// return values.
    /// </summary>
    /// <example><code>var draws = Repeat(10, normal(0, 1)).At("draws");   // choices ("draws", i)</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="callee"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static GenerativeFunction<T[]> Repeat<T>(int count, GenerativeFunction<T> callee)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(callee);
        return new RepeatFunction<T>(count, callee);
    }

    /// <summary>Scan (Gen's Unfold), not yet applied, with a kernel of the step and the state: <c>Scan&lt;double&gt;(StepGen).Apply(steps, init)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="kernel"/> is null.</exception>
    public static ScanCombinator<S> Scan<S>(Func<int, S, GenerativeFunction<S>> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return new ScanCombinator<S>(kernel, kernel);
    }

    /// <summary>Scan, not yet applied, with a kernel of the state alone.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="kernel"/> is null.</exception>
    public static ScanCombinator<S> Scan<S>(Func<S, GenerativeFunction<S>> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return new ScanCombinator<S>((_, state) => kernel(state), kernel);
    }

    /// <summary>
    /// A state-space model over <paramref name="steps"/> steps (Gen's Unfold): step t is <c>kernel(t, state)</c> at
    /// address t and returns the next state; returns the states after each step. Extend a trace by one step with
    /// <c>trace.Update(Scan(kernel, steps + 1, init), observations)</c>: the old steps are kept, only the new one runs.
    /// </summary>
    /// <example><code>var states = Scan(StepGen, 50, 0.0).At("chain");   // choices ("chain", t, …)</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="kernel"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    public static GenerativeFunction<S[]> Scan<S>(Func<int, S, GenerativeFunction<S>> kernel, int steps, S init) => Scan(kernel).Apply(steps, init);

    /// <summary>A state-space model whose kernel takes the state alone; see <see cref="Scan{S}(Func{int, S, GenerativeFunction{S}}, int, S)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="kernel"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    public static GenerativeFunction<S[]> Scan<S>(Func<S, GenerativeFunction<S>> kernel, int steps, S init) => Scan(kernel).Apply(steps, init);

    /// <summary>
    /// Runs branch <paramref name="index"/> in place: its choices are the switch's choices, with no extra address
    /// level. Updating a trace across a branch change generates the new branch with the old choices at shared
    /// addresses kept (Gen.jl's rule); the old branch's other choices go to the discard.
    /// </summary>
    /// <example><code>var y = Switch(k, normal(0, 1), laplace(0, 1)).At("y");</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="branches"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">There are no branches.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> selects no branch.</exception>
    public static GenerativeFunction<R> Switch<R>(int index, params GenerativeFunction<R>[] branches) => new SwitchFunction<R>(index, branches);

    /// <summary>Two-way switch: <paramref name="ifTrue"/> (branch 0) when <paramref name="condition"/> holds, else <paramref name="ifFalse"/> (branch 1).</summary>
    /// <exception cref="ArgumentNullException">A branch is null.</exception>
    public static GenerativeFunction<R> Switch<R>(bool condition, GenerativeFunction<R> ifTrue, GenerativeFunction<R> ifFalse) =>
        new SwitchFunction<R>(condition ? 0 : 1, [ifTrue, ifFalse]);

    /// <summary>
    /// A mixture: the component index <c>k ~ categorical(probs)</c> at address <c>"component"</c>, then component k
    /// at address <c>"value"</c> (a switch). Observe a mixture of distributions at <c>(address, "value")</c>.
    /// </summary>
    /// <example><code>var x = Mix([0.3, 0.7], normal(-2, 1), normal(3, 1)).At("x");   // choices ("x", "component"), ("x", "value")</code></example>
    /// <exception cref="ArgumentNullException">An argument or a component is null.</exception>
    /// <exception cref="ArgumentException">The numbers of probabilities and components differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probs"/> is not a probability vector.</exception>
    public static GenerativeFunction<R> Mix<R>(double[] probs, params GenerativeFunction<R>[] components)
    {
        ArgumentNullException.ThrowIfNull(probs);
        ArgumentNullException.ThrowIfNull(components);
        if (probs.Length != components.Length)
            throw new ArgumentException($"Mix needs one probability per component; got {probs.Length} probabilities and {components.Length} components.", nameof(components));
        var choice = new Categorical(probs);
        var branches = (GenerativeFunction<R>[])components.Clone();
        _ = new SwitchFunction<R>(0, branches); // validates the components now rather than at the first run
        // The mixture is the composition of two sites, interpreted: its semantics is the reference interpreter's.
        return new InterpretedFunction<R>(MixName, () => Switch(choice.At(ComponentAddress), branches).At(ValueAddress), MixGradient);
    }

    /// <summary>
    /// A mixture's gradient body: the component index is a discrete choice (a constant of the score), the value the
    /// Switch's traced call, its gradient the taken component's; a value of double (or double[]) carries it on.
    /// </summary>
    private static void MixGradient<R>(Gradient gradient, InterpretedTrace<R> trace)
    {
        var record = trace.Record!;
        var component = (ChoiceTrace<int>)record.Find(ComponentAddress)!;
        gradient.Constant(component.Distribution, new ConstantName(ComponentAddress), new Choice<int>(component.Retval, component.Score));
        var value = new Subtrace(record.Find(ValueAddress));
        var address = new ConstantName(ValueAddress);
        if (typeof(R) == typeof(double)) gradient.Return(gradient.CallReal(address, in value));
        else if (typeof(R) == typeof(double[])) gradient.Return(gradient.CallReals(address, in value));
        else gradient.Call<R, ConstantName>(address, in value);
    }

    /// <summary>The address of a mixture's component index.</summary>
    public const string ComponentAddress = "component";

    /// <summary>The address of a mixture's value (the chosen component's choices).</summary>
    public const string ValueAddress = "value";

    private const string MixName = "Mix";
}
