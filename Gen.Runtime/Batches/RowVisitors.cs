namespace Gen.Internal;

/// <summary>
/// Moves the typed slots of a finished execution (the batch's scratch trace) into row <c>row</c> of a chunk's columns:
/// each slot is emptied once copied (capacities kept), so the next particle starts from nothing without a second pass.
/// With <paramref name="keep"/> (a trace of the user's, put back into columns) the slots are left as they are. With
/// <paramref name="keep"/> or <paramref name="check"/>, a value where the batch's constraints fix the choice must be the
/// constraint, bit for bit (else the columns cannot hold it). With <paramref name="nested"/> (a callee's trace, which an
/// edit may share with the previous trace: it keeps unchanged subtraces) the slots are never emptied.
/// </summary>
internal struct RowWriter(BatchChunk chunk, int row, BatchConstraints constraints, bool keep = false, bool check = false, bool nested = false) : ISlotVisitor
{
    private readonly bool _empties = !keep && !nested;

    private int _column;

    public void Choice<T>(SlotKey key, ref Choice<T> slot)
    {
        var column = (ChoiceColumn<T>)(_column < chunk.Columns.Count ? chunk.Columns[_column] : chunk.Add(new ChoiceColumn<T>(key, chunk.Rows, constraints.Fixes(key))));
        _column++;
        if ((keep || check) && !column.Holds(slot, constraints)) throw new BatchLayoutException($"a value other than the constraint at '{key.ToAddress()}'");
        column.Write(row, slot);
        if (_empties) slot = default;
    }

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots)
    {
        if (slots.HasOverflow) throw new BatchLayoutException($"indices of \"{head}\" far outside 0 … {slots.Extent - 1}");
        var column = (IndexedColumn<T>)(_column < chunk.Columns.Count ? chunk.Columns[_column] : chunk.Add(new IndexedColumn<T>(head, chunk.Rows, constraints.IndexedFamily(head))));
        _column++;
        if ((keep || check) && !column.Holds(slots, constraints)) throw new BatchLayoutException($"a value other than the constraint in (\"{head}\", i)");
        column.Write(row, slots);
        if (_empties) slots.Clear();
    }

    public void Call(SlotKey key, ref Subtrace slot)
    {
        var column = (CallColumn)(_column < chunk.Columns.Count ? chunk.Columns[_column] : chunk.Add(new CallColumn(key, null, chunk.Rows, constraints.Below(key.ToAddress()), constraints)));
        _column++;
        column.Write(row, slot.Trace, keep, check);
        if (!_empties) return;
        if (TraceRecycling.Active) TraceRecycling.Recycle(slot.Trace);
        slot = default;
    }

    public void Calls(string head, ref IndexedSlots<Subtrace> slots)
    {
        var column = (CallColumn)(_column < chunk.Columns.Count ? chunk.Columns[_column] : chunk.Add(new CallColumn(default, head, chunk.Rows, constraints.Below(head), constraints)));
        _column++;
        column.WriteFamily(row, slots, keep, check);
        if (!_empties) return;
        if (TraceRecycling.Active)
            foreach (var item in slots.Dense) TraceRecycling.Recycle(item.Trace);
        slots.Clear();
    }
}

/// <summary>
/// Loads row <c>row</c> of a chunk's columns into a scratch trace's slots (columns are in slot order), each choice as
/// <see cref="SlotState.Previous"/> with score 0: running the row's call over them under the Update rule then gives every
/// site its score, with nothing drawn and no choice map built. Traced calls are left empty: that run makes them again
/// with the row's choices below them as constraints (<see cref="CallChoices"/>).
/// </summary>
internal struct RowReader(BatchChunk chunk, int row, BatchConstraints constraints) : ISlotVisitor
{
    private int _column;

    public void Choice<T>(SlotKey key, ref Choice<T> slot)
    {
        var column = (ChoiceColumn<T>)chunk.Columns[_column++];
        slot = column.TryGet(row, constraints, out var value) ? new Choice<T>(value, 0, SlotState.Previous) : default;
    }

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots)
    {
        var column = (IndexedColumn<T>)chunk.Columns[_column++];
        for (var i = 0; i < column.Extent; i++)
            if (column.TryGet(row, i, constraints, out var value)) slots[i] = new Choice<T>(value, 0, SlotState.Previous);
    }

    // A call's subtrace is made again by the call itself, from the row's choices below it (CallChoices).
    public void Call(SlotKey key, ref Subtrace slot)
    {
        _column++;
        slot = default;
    }

    public void Calls(string head, ref IndexedSlots<Subtrace> slots)
    {
        _column++;
        slots.Clear();
    }

    /// <summary>
    /// Row <c>row</c>'s choices below its traced calls (empty when the model makes none): the constraints under which the
    /// calls, run again, make the subtraces the row's trace has (the same values, parameters and keys, so the same scores).
    /// </summary>
    public static ChoiceMap CallChoices(BatchChunk chunk, int row, BatchConstraints constraints)
    {
        ChoiceMapBuilder? builder = null;
        foreach (var column in chunk.Columns)
            if (column is CallColumn call) call.AddChoices(row, builder ??= new ChoiceMapBuilder(), constraints);
        return builder?.Build() ?? ChoiceMap.Empty;
    }
}

/// <summary>
/// Empties a trace's slots so that the next particle of a batch starts from nothing (capacities kept): after a failed
/// execution; with <paramref name="recycle"/>, a trace no one holds any more, its callees' traces recycled first
/// (<see cref="TraceRecycling"/>).
/// </summary>
internal readonly struct SlotClearer(bool recycle = false) : ISlotVisitor
{
    public void Choice<T>(SlotKey key, ref Choice<T> slot) => slot = default;

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots) => slots.Clear();

    public void Call(SlotKey key, ref Subtrace slot)
    {
        if (recycle) TraceRecycling.Recycle(slot.Trace);
        slot = default;
    }

    public void Calls(string head, ref IndexedSlots<Subtrace> slots)
    {
        if (recycle)
            foreach (var item in slots.Dense) TraceRecycling.Recycle(item.Trace);
        slots.Clear();
    }
}

/// <summary>The first traced call of a trace's schema, or null (a kernel form makes none).</summary>
internal struct LayoutProbe : ISlotVisitor
{
    public string? FirstCall;

    public void Choice<T>(SlotKey key, ref Choice<T> slot) { }

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots) { }

    public void Call(SlotKey key, ref Subtrace slot) => FirstCall ??= $"the traced call at '{key.ToAddress()}'";

    public void Calls(string head, ref IndexedSlots<Subtrace> slots) => FirstCall ??= $"the traced calls at (\"{head}\", i)";
}

/// <summary>A model's execution turned out not to fit the batch layout (the run falls back to per-particle traces).</summary>
internal sealed class BatchLayoutException(string construct) : System.Exception($"The batch layout cannot hold {construct}.")
{
    public string Construct { get; } = construct;
}
