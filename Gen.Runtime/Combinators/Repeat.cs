namespace Gen;

/// <summary>Repeat applied: independent calls of the same generative function, call i at address i.</summary>
internal sealed class RepeatFunction<T> : IndexedCombinator<T>
{
    private readonly int _count;
    private readonly GenerativeFunction<T> _callee;

    public RepeatFunction(int count, GenerativeFunction<T> callee)
    {
        _count = count;
        _callee = callee;
    }

    public override string Name => $"Repeat({_callee.Name})";

    public override string Ir => $"Repeat {_count} times: call i = {_callee.Name} @ i, returns {typeof(T).Name}[{_count}]";

    protected override int Length => _count;

    protected override GenerativeFunction<T> Callee(int i, T[] retvals) => _callee;

    /// <summary>The same callee makes the same calls: all of them are kept, or none.</summary>
    protected override int KeptPrefix(IndexedTrace<T> previous, int limit) => limit > 0 && SameCall(0, previous.Retval, previous) ? limit : 0;

    protected override bool SameCall(int i, T[] retvals, IndexedTrace<T> previous) =>
        previous.Combinator is RepeatFunction<T> other && ReferenceEquals(other._callee, _callee);
}
