using Gen.Internal;

namespace Gen;

/// <summary>The trace of one random choice: its value, its log density and the distribution that made it.</summary>
public sealed class ChoiceTrace<T> : Trace<T>, ILeafTrace
{
    private ChoiceMap? _choices;

    /// <summary>Records <paramref name="value"/> drawn from <paramref name="distribution"/> with log density <paramref name="score"/>.</summary>
    public ChoiceTrace(Distribution<T> distribution, T value, double score)
    {
        Distribution = distribution;
        Retval = value;
        Score = score;
    }

    /// <summary>The distribution (with its parameters).</summary>
    public Distribution<T> Distribution { get; }

    /// <inheritdoc />
    public override T Retval { get; }

    /// <inheritdoc />
    public override double Score { get; }

    /// <inheritdoc />
    public override GenerativeFunction<T> Function => Distribution;

    /// <summary>A map with the value at its root.</summary>
    public override ChoiceMap Choices => _choices ??= ChoiceMap.Leaf(Retval!);

    /// <inheritdoc />
    /// <remarks>The one choice sits at the trace's root: its score when the selection holds the root, else 0.</remarks>
    public override double Project(Selection selection)
    {
        System.ArgumentNullException.ThrowIfNull(selection);
        return selection.ContainsRoot ? Score : 0.0;
    }

    Column ILeafTrace.NewColumn(SlotKey key, int rows, BatchConstraints outer) =>
        new ChoiceColumn<T>(key, rows, outer.Fixes(key));

    void ILeafTrace.Write(Column column, int row, BatchConstraints outer, bool check)
    {
        var values = (ChoiceColumn<T>)column;
        var slot = new Choice<T>(Retval, Score, SlotState.Visited);
        if (check && !values.Holds(slot, outer)) throw new BatchLayoutException($"a value other than the constraint at '{column.Key.ToAddress()}'");
        values.Write(row, slot);
    }
}
