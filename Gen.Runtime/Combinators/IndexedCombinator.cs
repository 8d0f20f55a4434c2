using System;
using Gen.Internal;

namespace Gen;

/// <summary>
/// What Vmap, Repeat and Scan share: a generative function that makes <see cref="Length"/> traced calls at the
/// addresses 0, 1, …, n − 1, in order, where callee i may depend on the return values of the callees before it.
/// Each GFI method does at call i exactly what <see cref="SiteOps"/> does for a traced call at address i, so a
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
        var n = Length;
        var subtraces = new Trace<T>[n];
        var retvals = new T[n];
        var score = 0.0;
        for (var i = 0; i < n; i++)
        {
            var sub = Callee(i, retvals).SimulateCore(SiteKey(key, i));
            subtraces[i] = sub;
            retvals[i] = sub.Retval;
            score += sub.Score;
        }
        return new IndexedTrace<T>(this, subtraces, retvals, score);
    }

    /// <inheritdoc />
    protected internal override (Trace<T[]> Trace, double Weight) GenerateCore(Key key, ChoiceMap constraints, ref int used)
    {
        var state = new GfiState(key, constraints);
        var n = Length;
        var subtraces = new Trace<T>[n];
        var retvals = new T[n];
        for (var i = 0; i < n; i++)
        {
            var (sub, weight) = Callee(i, retvals).GenerateCore(SiteKey(key, i), Below(constraints, i), ref state.Used);
            subtraces[i] = sub;
            retvals[i] = sub.Retval;
            state.Score += sub.Score;
            state.Weight += weight;
        }
        used += state.Used;
        return (new IndexedTrace<T>(this, subtraces, retvals, state.Score), state.Weight);
    }

    /// <inheritdoc />
    protected internal override (double Weight, T[] Retval) AssessCore(ChoiceMap choices, ref int used)
    {
        var n = Length;
        var retvals = new T[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var callee = Callee(i, retvals);
            var sub = choices.GetSubmap(i);
            if (callee is Distribution<T> && !sub.HasValue) throw choices.MissingChoice(i);
            var (weight, retval) = callee.AssessCore(sub, ref used);
            retvals[i] = retval;
            total += weight;
        }
        return (total, retvals);
    }

    /// <inheritdoc />
    protected internal override EditResult<T[]> UpdateCore(Key key, Trace<T[]> previous, ChoiceMap constraints, ref int used)
    {
        var old = Previous(previous);
        var state = new GfiState(key, constraints);
        var n = Length;
        var subtraces = new Trace<T>[n];
        var retvals = new T[n];
        // The calls before the first changed one are kept wholesale (an SMC step over a Scan costs O(1) per old
        // step, a memory copy): the same subtraces, the same score summed in the same order, the same keys drawn.
        var kept = KeptPrefix(old, Math.Min(Math.Min(n, old.Count), FirstConstrainedIndex(constraints)));
        Array.Copy(old.Subtraces, subtraces, kept);
        Array.Copy(old.Retval, retvals, kept);
        if (kept == old.Count) state.Score = old.Score; // summed from 0 in index order, as below
        else for (var i = 0; i < kept; i++) state.Score += subtraces[i].Score;
        for (var i = kept; i < n; i++)
        {
            var callee = Callee(i, retvals);
            var siteKey = SiteKey(key, i);
            var below = Below(constraints, i);
            var prior = i < old.Count ? old.Subtraces[i] : null;
            Trace<T> sub;
            if (prior is not null && below.IsEmpty && SameCall(i, retvals, old))
            {
                sub = prior;
            }
            else if (prior is not null && callee.CanEdit(prior))
            {
                var edit = callee.UpdateCore(siteKey, prior, below, ref state.Used);
                if (!edit.Discard.IsEmpty) state.Discard(i, edit.Discard);
                sub = edit.Trace;
                state.Weight += edit.Weight;
            }
            else
            {
                (sub, var weight) = callee.GenerateCore(siteKey, below, ref state.Used);
                state.Weight += weight;
                if (prior is not null) state.Remove(i, prior.Score, prior.Choices);
            }
            subtraces[i] = sub;
            retvals[i] = sub.Retval;
            state.Score += sub.Score;
        }
        for (var i = n; i < old.Count; i++) state.Remove(i, old.Subtraces[i].Score, old.Subtraces[i].Choices);
        state.SubtractRemoved();
        used += state.Used;
        return new EditResult<T[]>(new IndexedTrace<T>(this, subtraces, retvals, state.Score), state.Weight, state.BuildDiscard());
    }

    /// <inheritdoc />
    protected internal override EditResult<T[]> RegenerateCore(Key key, Trace<T[]> previous, Selection selection)
    {
        var old = Previous(previous);
        var n = Length;
        var subtraces = new Trace<T>[n];
        var retvals = new T[n];
        var score = 0.0;
        var weight = 0.0;
        for (var i = 0; i < n; i++)
        {
            var callee = Callee(i, retvals);
            var siteKey = SiteKey(key, i);
            var below = selection[i];
            var prior = i < old.Count ? old.Subtraces[i] : null;
            Trace<T> sub;
            if (prior is not null && ReferenceEquals(below, Selection.None) && SameCall(i, retvals, old))
            {
                sub = prior;
            }
            else if (prior is not null && callee.CanEdit(prior))
            {
                var edit = callee.RegenerateCore(siteKey, prior, below);
                sub = edit.Trace;
                weight += edit.Weight;
            }
            else
            {
                sub = callee.SimulateCore(siteKey);
            }
            subtraces[i] = sub;
            retvals[i] = sub.Retval;
            score += sub.Score;
        }
        return new EditResult<T[]>(new IndexedTrace<T>(this, subtraces, retvals, score), weight, ChoiceMap.Empty);
    }

    /// <inheritdoc />
    protected internal override bool CanEdit(Trace<T[]> previous) =>
        previous is IndexedTrace<T> trace && trace.Combinator.GetType() == GetType();

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
    /// The key of call i: key i of the execution's stream, <c>key.FoldIn(i)</c> (docs/keys.md), as a loop of traced
    /// calls draws it; computed directly so that kept calls need not draw theirs.
    /// </summary>
    private static Key SiteKey(Key key, int i) => key.FoldIn((uint)i);

    /// <summary>The smallest index with a constraint below it (int.MaxValue when none).</summary>
    private static int FirstConstrainedIndex(ChoiceMap constraints)
    {
        var first = int.MaxValue;
        if (constraints.IsEmpty) return first;
        foreach (var (part, _) in constraints.Children)
            first = part.IsIndex ? Math.Min(first, part.Index) : int.MinValue;
        return Math.Max(first, 0);
    }

    private static ChoiceMap Below(ChoiceMap constraints, int i) => constraints.IsEmpty ? ChoiceMap.Empty : constraints.GetSubmap(i);

    private IndexedTrace<T> Previous(Trace<T[]> previous) =>
        previous as IndexedTrace<T> is { } trace && trace.Combinator.GetType() == GetType()
            ? trace
            : throw new ArgumentException($"{Name} cannot edit a trace of {previous.Function.Name}.", nameof(previous));
}
