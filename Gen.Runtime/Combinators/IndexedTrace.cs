namespace Gen;

/// <summary>The trace of a Vmap, Repeat or Scan: one subtrace per index, the choices of call i under address i.</summary>
internal sealed class IndexedTrace<T> : Trace<T[]>, Gen.Internal.IIndexedCallsTrace
{
    private ChoiceMap? _choices;

    internal IndexedTrace(IndexedCombinator<T> combinator, Trace<T>[] subtraces, T[] retvals, double score)
    {
        Combinator = combinator;
        Subtraces = subtraces;
        Retval = retvals;
        Score = score;
    }

    /// <summary>The combinator application that made this trace.</summary>
    internal IndexedCombinator<T> Combinator { get; }

    /// <summary>The subtrace of call i at index i.</summary>
    internal Trace<T>[] Subtraces { get; }

    System.Collections.Generic.IReadOnlyList<Trace> Gen.Internal.IIndexedCallsTrace.Calls => Subtraces;

    /// <summary>The number of calls.</summary>
    internal int Count => Subtraces.Length;

    /// <inheritdoc />
    public override T[] Retval { get; }

    /// <inheritdoc />
    public override double Score { get; }

    /// <inheritdoc />
    public override GenerativeFunction<T[]> Function => Combinator;

    /// <inheritdoc />
    public override ChoiceMap Choices => _choices ??= Build();

    /// <inheritdoc />
    public override bool HasChoice(Address address)
    {
        var head = address.Head;
        if (!head.IsIndex || (uint)head.Index >= (uint)Subtraces.Length) return false;
        var sub = Subtraces[head.Index];
        return address.Tail is { } tail ? sub.HasChoice(tail) : sub.Choices.HasValue;
    }

    /// <inheritdoc />
    /// <remarks>Reads the one subtrace the address names, without building the whole choice map; <c>i</c> alone is call i's return value.</remarks>
    public override TValue Get<TValue>(Address address)
    {
        var head = address.Head;
        if (!head.IsIndex || (uint)head.Index >= (uint)Subtraces.Length || !HasChoice(address)) return base.Get<TValue>(address);
        var sub = Subtraces[head.Index];
        if (address.Tail is { } tail) return GetWithin<TValue>(sub, tail, address);
        return sub.Choices.Value is TValue value ? value : base.Get<TValue>(address); // a wrong type: the base names the full address
    }

    /// <inheritdoc />
    public override double Project(Selection selection)
    {
        System.ArgumentNullException.ThrowIfNull(selection);
        if (ReferenceEquals(selection, Selection.All)) return Score;
        if (ReferenceEquals(selection, Selection.None)) return 0.0;
        System.Collections.Generic.List<double>? terms = null;
        for (var i = 0; i < Subtraces.Length; i++)
        {
            var below = selection[i];
            if (!ReferenceEquals(below, Selection.None)) (terms ??= new()).Add(Subtraces[i].Project(below));
        }
        return Sum(terms);
    }

    /// <inheritdoc />
    internal override Trace? CallAt(Address address)
    {
        var head = address.Head;
        if (!head.IsIndex || (uint)head.Index >= (uint)Subtraces.Length) return null;
        var sub = Subtraces[head.Index];
        return address.Tail is { } tail ? sub.CallAt(tail) : sub.IsChoice ? null : sub;
    }

    private ChoiceMap Build()
    {
        var builder = new ChoiceMapBuilder();
        for (var i = 0; i < Subtraces.Length; i++) builder.AddSubmap(i, Subtraces[i].Choices);
        return builder.Build();
    }
}
