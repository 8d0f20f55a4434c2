namespace Gen.Internal;

/// <summary>
/// Particle i of a batch, seen as a trace: its score, return value and choices are read from the batch's columns; a
/// full trace (for an edit, or the choice map) is made on first need.
/// </summary>
internal sealed class BatchTrace<R>(ParticleBatch<R> batch, int index) : Trace<R>
{
    private Trace<R>? _full;

    /// <summary>The batch whose row this is.</summary>
    public ParticleBatch<R> Batch => batch;

    /// <summary>The row's particle index in <see cref="Batch"/>.</summary>
    public int Index => index;

    /// <summary>The trace this view stands for, made from the row (the model run again with the row's choices).</summary>
    public Trace<R> Full => _full ??= batch.Materialize(index);

    internal override Trace<R> Whole => Full;

    public override R Retval => batch.Retvals[index];

    public override double Score => batch.Scores[index];

    public override GenerativeFunction<R> Function => _function ??= batch.FunctionOf(index);

    private GenerativeFunction<R>? _function;

    public override ChoiceMap Choices => _full?.Choices ?? batch.Choices(index);

    public override T Get<T>(Address address)
    {
        System.ArgumentNullException.ThrowIfNull(address);
        return batch.TryGet<T>(index, address, out var value) ? value : Full.Get<T>(address); // the full trace's error names what is near
    }

    public override double Project(Selection selection) => Full.Project(selection);

    internal override Trace? CallAt(Address address) => Full.CallAt(address);

    public override bool HasChoice(Address address) => batch.Has(index, address) || Full.HasChoice(address);
}
