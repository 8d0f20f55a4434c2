using System;
using Gen.Internal;

namespace Gen;

/// <summary>
/// What Vmap, Repeat and Scan share: a generative function that makes <see cref="Length"/> traced calls at the
/// addresses 0, 1, …, n − 1, in order, where callee i may depend on the return values of the callees before it.
/// Each GFI method runs call i through the traced-call rule of its mode (Gen.Internal's site modes) at address i, so a
/// combinator agrees bit for bit with the interpreter running the equivalent loop
/// <c>for (i …) callee(i).At(i)</c>; the subtraces live in an array instead of a dictionary.
/// </summary>
/// <typeparam name="T">The return type of each call; the combinator returns their array.</typeparam>
internal abstract class IndexedCombinator<T> : GenerativeFunction<T[]>
{
    /// <summary>The number of calls.</summary>
    protected abstract int Length { get; }

    /// <summary>Callee <paramref name="i"/>, given the return values of callees 0 … i − 1 (the rest of the array is unset).</summary>
    protected abstract GenerativeFunction<T> Callee(int i, T[] retvals);

    /// <summary>
    /// Whether callee <paramref name="i"/> of this call is the very call that made subtrace i of
    /// <paramref name="previous"/>: the same function with equal arguments. An edit that changes nothing at i then
    /// keeps that subtrace as it is (weight 0) instead of re-executing it: what Gen calls argdiff NoChange, which
    /// keeps an SMC step over a Scan at O(1) per old step. Generative functions are pure in their arguments, so the
    /// result is what re-executing would give.
    /// </summary>
    protected abstract bool SameCall(int i, T[] retvals, IndexedTrace<T> previous);

    /// <inheritdoc />
    protected internal override Trace<T[]> SimulateCore(Key key)
    {
        var mode = new SimulateMode(State(key, ChoiceMap.Empty));
        var calls = new Calls(Length);
        for (var i = 0; i < calls.Count; i++) calls.Run(ref mode, Callee(i, calls.Retvals), i, prior: null);
        return calls.Trace(this, mode.State);
    }

    /// <inheritdoc />
    protected internal override (Trace<T[]> Trace, double Weight) GenerateCore(Key key, ChoiceMap constraints, ref int used)
    {
        var mode = new ImportanceMode(State(key, constraints));
        var calls = new Calls(Length);
        for (var i = 0; i < calls.Count; i++) calls.Run(ref mode, Callee(i, calls.Retvals), i, prior: null);
        used += mode.State.Used;
        return (calls.Trace(this, mode.State), mode.State.Weight);
    }

    /// <inheritdoc />
    protected internal override (double Weight, T[] Retval) AssessCore(ChoiceMap choices, ref int used)
    {
        var mode = new AssessMode(State(default, choices));
        var calls = new Calls(Length);
        for (var i = 0; i < calls.Count; i++) calls.Run(ref mode, Callee(i, calls.Retvals), i, prior: null);
        used += mode.State.Used;
        return (mode.State.Weight, calls.Retvals);
    }

    /// <inheritdoc />
    protected internal override EditResult<T[]> UpdateCore(Key key, Trace<T[]> previous, ChoiceMap constraints, ref int used)
    {
        var old = Previous(previous);
        var mode = new UpdateMode(State(key, constraints));
        var calls = new Calls(Length);
        // The calls before the first changed one are kept wholesale (an SMC step over a Scan costs O(1) per old
        // step, a memory copy): the same subtraces, the same score summed in the same order, the same keys drawn.
        var kept = KeptPrefix(old, Math.Min(Math.Min(calls.Count, old.Count), FirstConstrainedIndex(constraints)));
        calls.KeepPrefix(old, kept, ref mode.State);
        for (var i = kept; i < calls.Count; i++)
        {
            var callee = Callee(i, calls.Retvals);
            var prior = i < old.Count ? old.Subtraces[i] : null;
            if (prior is not null && (constraints.Child(i)?.IsEmpty ?? true) && SameCall(i, calls.Retvals, old)) calls.Keep(i, prior, ref mode.State);
            else calls.Run(ref mode, callee, i, prior);
        }
        for (var i = calls.Count; i < old.Count; i++) mode.State.Remove(i, old.Subtraces[i].Score, old.Subtraces[i].Choices);
        mode.State.SubtractRemoved();
        used += mode.State.Used;
        return new EditResult<T[]>(calls.Trace(this, mode.State), mode.State.Weight, mode.State.BuildDiscard());
    }

    /// <inheritdoc />
    protected internal override EditResult<T[]> RegenerateCore(Key key, Trace<T[]> previous, Selection selection)
    {
        var old = Previous(previous);
        var mode = new RegenerateMode(State(key, ChoiceMap.Empty, selection));
        var calls = new Calls(Length);
        for (var i = 0; i < calls.Count; i++)
        {
            var callee = Callee(i, calls.Retvals);
            var prior = i < old.Count ? old.Subtraces[i] : null;
            if (prior is not null && ReferenceEquals(selection[i], Selection.None) && SameCall(i, calls.Retvals, old)) calls.Keep(i, prior, ref mode.State);
            else calls.Run(ref mode, callee, i, prior);
        }
        return new EditResult<T[]>(calls.Trace(this, mode.State), mode.State.Weight, ChoiceMap.Empty);
    }

    /// <inheritdoc />
    protected internal override bool CanEdit(Trace<T[]> previous) =>
        previous.Whole is IndexedTrace<T> trace && trace.Combinator.GetType() == GetType();

    /// <summary>
    /// How many leading calls, at most <paramref name="limit"/>, are the very calls that made the first subtraces of
    /// <paramref name="previous"/> (see <see cref="SameCall"/>); combinators that can tell at once override it.
    /// </summary>
    protected virtual int KeptPrefix(IndexedTrace<T> previous, int limit)
    {
        var kept = 0;
        while (kept < limit && SameCall(kept, previous.Retval, previous)) kept++;
        return kept;
    }

    /// <summary>
    /// The state of one execution: call i draws key i of the stream, <c>key.FoldIn(i)</c> (docs/keys.md), as a loop of
    /// traced calls does; a kept prefix of calls skips its keys at once.
    /// </summary>
    private protected GfiState State(Key key, ChoiceMap constraints, Selection? selection = null) =>
        new(new KeyStream(key), constraints, selection ?? Selection.None, Name, record: null);

    /// <summary>The calls of one execution: their subtraces and return values, filled in index order.</summary>
    private readonly struct Calls(int count)
    {
        public readonly Trace<T>[] Subtraces = new Trace<T>[count];
        public readonly T[] Retvals = new T[count];

        public int Count => Subtraces.Length;

        /// <summary>Call i through the mode's traced-call rule, editing <paramref name="prior"/> (the previous call i) where there is one.</summary>
        public void Run<TMode>(ref TMode mode, GenerativeFunction<T> callee, int i, Trace<T>? prior) where TMode : struct, ISiteMode
        {
            var slot = prior is null ? default : new Subtrace(prior, SlotState.Previous);
            Retvals[i] = SubtraceSite.Visit(ref mode, callee, new IndexAddress(i), ref slot);
            if (slot.Trace is Trace<T> sub) Subtraces[i] = sub;
        }

        /// <summary>Keeps the previous call i as it is (weight 0); it still draws its key index.</summary>
        public void Keep(int i, Trace<T> prior, ref GfiState state)
        {
            state.Keys.Reserve();
            Subtraces[i] = prior;
            Retvals[i] = prior.Retval;
            state.Score += prior.Score;
        }

        /// <summary>Keeps the first <paramref name="kept"/> calls of <paramref name="old"/> wholesale.</summary>
        public void KeepPrefix(IndexedTrace<T> old, int kept, ref GfiState state)
        {
            Array.Copy(old.Subtraces, Subtraces, kept);
            Array.Copy(old.Retval, Retvals, kept);
            if (kept == old.Count) state.Score = old.Score; // summed from 0 in index order, as Keep does
            else for (var i = 0; i < kept; i++) state.Score += Subtraces[i].Score;
            state.Keys.Seek((uint)kept);
        }

        public IndexedTrace<T> Trace(IndexedCombinator<T> combinator, in GfiState state) => new(combinator, Subtraces, Retvals, state.Score);
    }

    /// <summary>The smallest index with a constraint below it (int.MaxValue when none).</summary>
    private protected static int FirstConstrainedIndex(ChoiceMap constraints)
    {
        var first = int.MaxValue;
        if (constraints.IsEmpty) return first;
        foreach (var (part, _) in constraints.Children)
            first = part.IsIndex ? Math.Min(first, part.Index) : int.MinValue;
        return Math.Max(first, 0);
    }

    /// <summary>Whether call i's kernel takes call i − 1's value as its state (Scan): in a gradient, that value is passed on as a Real.</summary>
    protected virtual bool CarriesState => false;

    /// <summary>
    /// The gradient through the calls: each call's gradient body runs over its subtrace at address i (the callee's own
    /// function, made from data the generator checked), and for a combinator of double the values return as Reals; a
    /// Scan hands each value on as the next step's state, its gradient with it.
    /// </summary>
    internal sealed override bool RunGradientAsCallee(Gradient gradient, Trace<T[]> trace, ReadOnlySpan<Real> arguments)
    {
        // The generator passes a Scan its initial state (when it depends on continuous choices), and nothing else.
        if (trace.Whole is not IndexedTrace<T> calls || !CarriesState && Gradient.AnyActive(arguments) || arguments.Length > 1) return false;
        var reals = typeof(T) == typeof(double) ? gradient.NewArray(calls.Count) : null;
        for (var i = 0; i < calls.Count; i++)
        {
            if (reals is null)
            {
                gradient.Element(i, calls.Subtraces[i]);
                continue;
            }
            var sub = (Trace<double>)(object)calls.Subtraces[i];
            reals[i] = !CarriesState ? gradient.ElementReal(i, sub, default)
                : i > 0 ? gradient.ElementReal(i, sub, [reals[i - 1]])
                : gradient.ElementReal(i, sub, arguments);
        }
        if (reals is not null) gradient.Return(reals);
        return true;
    }

    private IndexedTrace<T> Previous(Trace<T[]> previous) =>
        previous.Whole as IndexedTrace<T> is { } trace && trace.Combinator.GetType() == GetType()
            ? trace
            : throw new ArgumentException($"{Name} cannot edit a trace of {previous.Function.Name}.", nameof(previous));
}
