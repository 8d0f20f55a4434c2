namespace Gen;

/// <summary>The trace of one random choice: its value, its log density and the distribution that made it.</summary>
public sealed class ChoiceTrace<T> : Trace<T>, Gen.Internal.ILeafTrace
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

    Gen.Internal.Column Gen.Internal.ILeafTrace.NewColumn(Gen.Internal.SlotKey key, int rows, Gen.Internal.BatchConstraints outer) =>
        new Gen.Internal.ChoiceColumn<T>(key, rows, outer.Fixes(key));

    void Gen.Internal.ILeafTrace.Write(Gen.Internal.Column column, int row, Gen.Internal.BatchConstraints outer, bool check)
    {
        var values = (Gen.Internal.ChoiceColumn<T>)column;
        var slot = new Gen.Internal.Choice<T>(Retval, Score, Gen.Internal.SlotState.Visited);
        if (check && !values.Holds(slot, outer)) throw new Gen.Internal.BatchLayoutException($"a value other than the constraint at '{column.Key.ToAddress()}'");
        values.Write(row, slot);
    }
}
