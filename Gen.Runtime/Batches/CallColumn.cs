using System;
using System.Collections.Generic;

namespace Gen.Internal;

/// <summary>
/// A traced call across the rows of a chunk, in columns of its own: a generated callee's slots, a combinator's calls by
/// index (Vmap, Repeat, Scan), the branch each row took (Switch), or, for a <c>(name, i)</c> family of traced calls, call
/// i at entry i. Like a choice column it stores values only: a row's return values and per-site scores are what running
/// the model again with the row's choices gives (<see cref="ParticleBatch{R}.Materialize"/>). Rows whose calls differ in
/// kind (another function's trace, a site at a run-time address) do not fit, which sends the batch to the per-particle path.
/// </summary>
internal sealed class CallColumn : Column
{
    private readonly int _rows;
    private readonly bool[] _present;
    private Type? _shape; // the class of every row's subtrace: one schema for the columns below
    private BatchChunk? _slots; // a generated callee's slots
    private Column? _leaf; // a distribution's value at the call's own address
    private List<CallColumn>? _parts; // calls by index, or branches by index (a Switch)
    private int[]? _counts; // per row: how many calls (by index), or the branch taken (a Switch)
    private bool _branches;

    /// <summary>The call at the constant address <paramref name="key"/>, or with <paramref name="head"/> the family <c>(head, i)</c> of calls.</summary>
    /// <param name="key">The call's constant address (unused for a family).</param>
    /// <param name="head">The family's name; null for a call at a constant address.</param>
    /// <param name="rows">The rows of the chunk.</param>
    /// <param name="inner">The batch's constraints below the call's address (a family's: below its head).</param>
    /// <param name="outer">The constraints the call's address is in (<paramref name="key"/> relative to them).</param>
    public CallColumn(SlotKey key, string? head, int rows, BatchConstraints inner, BatchConstraints outer) : base(key, head)
    {
        _rows = rows;
        _present = new bool[rows];
        Inner = inner;
        Outer = outer;
    }

    /// <summary>The batch's constraints below the call's address.</summary>
    public BatchConstraints Inner { get; }

    /// <summary>The constraints the call's address is in.</summary>
    public BatchConstraints Outer { get; }

    private string Where => Head is null ? $"'{Key.ToAddress()}'" : $"(\"{Head}\", i)";

    /// <summary>Stores row <paramref name="row"/>'s subtrace (none: the row did not make the call); <paramref name="keep"/> and <paramref name="check"/> as for <see cref="RowWriter"/>.</summary>
    /// <exception cref="BatchLayoutException">The subtrace does not fit the columns: another kind than earlier rows', or sites at run-time addresses.</exception>
    public void Write(int row, Trace? trace, bool keep, bool check)
    {
        if (trace is null) return;
        var shape = trace.GetType();
        if (_shape is null) _shape = shape;
        else if (_shape != shape) throw new BatchLayoutException($"calls of different functions at {Where}");
        switch (trace)
        {
            case ISlotTrace compiled:
                if (compiled.HasRuntimeAddresses) throw new BatchLayoutException($"sites at run-time addresses in the call at {Where}");
                var writer = new RowWriter(_slots ??= new BatchChunk(0, _rows), row, Inner, keep, check, nested: true);
                compiled.VisitSlots(ref writer);
                break;
            case IIndexedCallsTrace indexed:
                var calls = indexed.Calls;
                (_counts ??= new int[_rows])[row] = calls.Count;
                for (var k = 0; k < calls.Count; k++) Part(k).Write(row, calls[k], keep, check);
                break;
            case ILeafTrace leaf:
                leaf.Write(_leaf ??= leaf.NewColumn(Key, _rows, Outer), row, Outer, keep || check);
                break;
            case IBranchTrace branch:
                _branches = true;
                (_counts ??= new int[_rows])[row] = branch.Index;
                Part(branch.Index).Write(row, branch.Branch, keep, check);
                break;
            default:
                throw new BatchLayoutException($"the call at {Where} (its {shape.Name} has no columns)");
        }
        _present[row] = true;
    }

    /// <summary>Stores row <paramref name="row"/>'s calls of the family <c>(Head, i)</c>, call i at entry i.</summary>
    /// <exception cref="BatchLayoutException">Indices far outside the dense range, or a call that does not fit (see <see cref="Write"/>).</exception>
    public void WriteFamily(int row, IndexedSlots<Subtrace> slots, bool keep, bool check)
    {
        if (slots.HasOverflow) throw new BatchLayoutException($"indices of \"{Head}\" far outside 0 … {slots.Extent - 1}");
        var items = slots.Dense;
        for (var i = 0; i < items.Length; i++)
            if (items[i].Has) Part(i).Write(row, items[i].Trace, keep, check);
        (_counts ??= new int[_rows])[row] = items.Length;
        _present[row] = true;
    }

    /// <summary>The column of call (or branch) <paramref name="k"/>, made when first needed.</summary>
    private CallColumn Part(int k)
    {
        var parts = _parts ??= new List<CallColumn>();
        // A branch's choices are the Switch's own (at its address); call k's are below index k.
        while (parts.Count <= k)
            parts.Add(_branches ? new CallColumn(Key, Head, _rows, Inner, Outer) : new CallColumn((Address)parts.Count, null, _rows, Inner.Below(parts.Count), Inner));
        return parts[k];
    }

    /// <summary>Adds row <paramref name="row"/>'s choices at and below the call's address <paramref name="at"/> to <paramref name="builder"/> (nothing when it did not make the call).</summary>
    private void AddTo(int row, ChoiceMapBuilder builder, Address at)
    {
        if (!_present[row]) return;
        if (_leaf is not null)
        {
            if (_leaf.TryGetBoxed(row, 0, Outer, out var value)) builder.Add(at, value!);
            return;
        }
        if (_slots is not null)
        {
            var below = builder.Below(at);
            foreach (var column in _slots.Columns) column.AddChoices(row, below, Inner);
            return;
        }
        if (_parts is null) return;
        if (_branches)
        {
            if (_counts![row] < _parts.Count) _parts[_counts[row]].AddTo(row, builder, at);
            return;
        }
        var calls = builder.Below(at);
        for (var k = 0; k < Math.Min(_counts![row], _parts.Count); k++) _parts[k].AddTo(row, calls, _parts[k].Key.ToAddress());
    }

    /// <summary>
    /// The column holding <paramref name="rest"/> (an address below the call's) in row <paramref name="row"/>, with its
    /// entry and the constraints it reads; no column for a call's own return value, which the columns do not hold.
    /// </summary>
    public (Column? Column, int Index, BatchConstraints Constraints) Find(int row, Address rest)
    {
        if (!_present[row]) return (null, 0, Inner);
        if (_slots is not null) return Find(_slots.Columns, row, rest, Inner);
        if (_parts is null) return (null, 0, Inner);
        if (_branches) return _counts![row] < _parts.Count ? _parts[_counts[row]].Find(row, rest) : (null, 0, Inner);
        var head = rest.Head;
        if (!head.IsIndex || head.Index < 0 || head.Index >= Math.Min(_counts![row], _parts.Count)) return (null, 0, Inner);
        return rest.Tail is { } tail ? _parts[head.Index].Find(row, tail) : _parts[head.Index].Here(row);
    }

    /// <summary>The column holding the choice at the call's own address in row <paramref name="row"/>: a distribution's value (none for other calls, whose return values the columns do not hold).</summary>
    public (Column? Column, int Index, BatchConstraints Constraints) Here(int row)
    {
        if (!_present[row]) return (null, 0, Outer);
        if (_leaf is not null) return (_leaf, 0, Outer);
        return _branches && _counts![row] < _parts!.Count ? _parts[_counts[row]].Here(row) : (null, 0, Outer);
    }

    /// <summary>The column among <paramref name="columns"/> (a chunk's, or a callee's) holding <paramref name="address"/> in row <paramref name="row"/>; see <see cref="Find(int, Address)"/>.</summary>
    public static (Column? Column, int Index, BatchConstraints Constraints) Find(List<Column> columns, int row, Address address, BatchConstraints constraints)
    {
        foreach (var column in columns)
        {
            if (column.Head is null)
            {
                if (!column.Key.Prefixes(address, out var rest)) continue;
                if (column is CallColumn call) return rest == 0 ? call.Here(row) : call.Find(row, address.Drop(address.Length - rest));
                if (rest == 0) return (column, 0, constraints);
            }
            else if (address.Length >= 2 && address.Head.Name == column.Head && address.Parts[1].IsIndex)
            {
                if (column is CallColumn family) return family.Find(row, address.Drop(1)); // (head, i) alone: a distribution's value, if call i is one
                if (address.Length == 2) return (column, address.Parts[1].Index, constraints);
            }
        }
        return (null, 0, constraints);
    }

    public override Type ValueType => typeof(Trace);

    public override long BytesPerRow
    {
        get
        {
            long bytes = 1 + (_counts is null ? 0 : 4);
            if (_slots is not null) foreach (var column in _slots.Columns) bytes += column.BytesPerRow;
            if (_leaf is not null) bytes += _leaf.BytesPerRow;
            if (_parts is not null) foreach (var part in _parts) bytes += part.BytesPerRow;
            return bytes;
        }
    }

    /// <summary>
    /// Whether the columns at one position of several chunks (or batches) describe the same calls: wherever two of them
    /// saw a call, its trace was of the same class, and so on below. Each chunk checks its own rows as it writes them;
    /// rows of chunks that do not conform cannot be gathered into one.
    /// </summary>
    public static bool Conform(List<CallColumn> columns)
    {
        Type? shape = null;
        int slots = 0, parts = 0;
        foreach (var column in columns)
        {
            if (column._shape is { } own && (shape ??= own) != own) return false;
            slots = Math.Max(slots, column._slots?.Columns.Count ?? 0);
            parts = Math.Max(parts, column._parts?.Count ?? 0);
        }
        for (var j = 0; j < slots; j++)
            if (!Conform(Below(columns, c => c._slots is { } s && j < s.Columns.Count ? s.Columns[j] as CallColumn : null))) return false;
        for (var k = 0; k < parts; k++)
            if (!Conform(Below(columns, c => c._parts is { } p && k < p.Count ? p[k] : null))) return false;
        return true;
    }

    private static List<CallColumn> Below(List<CallColumn> columns, Func<CallColumn, CallColumn?> pick)
    {
        var below = new List<CallColumn>(columns.Count);
        foreach (var column in columns)
            if (pick(column) is { } found) below.Add(found);
        return below;
    }

    public override Column Empty(int rows) => new CallColumn(Key, Head, rows, Inner, Outer);

    /// <exception cref="BatchLayoutException">The source's row is a call of another function than this column's rows (columns that do not <see cref="Conform"/>).</exception>
    public override void CopyRow(Column source, int from, int to)
    {
        var other = (CallColumn)source;
        if (!other._present[from]) return;
        if (_shape is not null && other._shape is not null && _shape != other._shape) throw new BatchLayoutException($"calls of different functions at {Where}");
        _present[to] = true;
        _shape ??= other._shape;
        _branches |= other._branches;
        if (other._counts is not null) (_counts ??= new int[_rows])[to] = other._counts[from];
        if (other._slots is { } slots)
        {
            // A chunk none of whose rows made the call has no columns below it yet: they follow the source's.
            _slots ??= new BatchChunk(0, _rows);
            for (var k = 0; k < slots.Columns.Count; k++)
            {
                if (k == _slots.Columns.Count) _slots.Add(slots.Columns[k].Empty(_rows));
                _slots.Columns[k].CopyRow(slots.Columns[k], from, to);
            }
        }
        if (other._leaf is { } leaf) (_leaf ??= leaf.Empty(_rows)).CopyRow(leaf, from, to);
        if (other._parts is { } parts)
            for (var k = 0; k < parts.Count; k++) Part(k).CopyRow(parts[k], from, to);
    }

    public override void AddChoices(int row, ChoiceMapBuilder builder, BatchConstraints constraints) => AddTo(row, builder, Head ?? Key.ToAddress());

    public override bool TryGetBoxed(int row, int index, BatchConstraints constraints, out object? value)
    {
        value = null;
        return false; // a call's return value is not stored (the row's trace has it)
    }

    // The kernel path reads a call's columns through KernelLayout (the callee's slots, the calls of a family), not as entries of its own.

    /// <summary>For a call of a generated function: the callee's slot columns (null when no row made the call, or the call is of another kind).</summary>
    public List<Column>? CalleeColumns => _leaf is null && _parts is null ? _slots?.Columns : null;

    /// <summary>For a <c>(name, i)</c> family of calls: call i's column at entry i (null for other calls).</summary>
    public List<CallColumn>? FamilyCalls => Head is not null && !_branches ? _parts ?? [] : null;

    /// <summary>
    /// For a call of a combinator that makes calls by index (Vmap, Repeat) at a constant address: call i's column (null
    /// for other calls, and where no row made the call).
    /// </summary>
    public List<CallColumn>? IndexedCalls =>
        Head is null && !_branches && _leaf is null && _shape is { } shape && typeof(IIndexedCallsTrace).IsAssignableFrom(shape) ? _parts ?? [] : null;

    /// <summary>For a Switch at a constant address: branch b's column (its choices at the Switch's own address); null for other calls.</summary>
    public List<CallColumn>? BranchCalls => Head is null && _branches && _leaf is null ? _parts ?? [] : null;

    /// <summary>Whether the column is a call the kernel path lays out: a generated callee's, a family of them, a Vmap's, Repeat's or Scan's calls of them, or a Switch's.</summary>
    public bool IsKernelCall => _leaf is null && (Head is not null
        ? !_branches && (_parts?.TrueForAll(p => p._parts is null && p._leaf is null) ?? true)
        : _parts is null
          || IndexedCalls is not null && _parts.TrueForAll(p => p.IsKernelCall)
          || BranchCalls is not null && _parts.TrueForAll(p => p._parts is null && p._leaf is null));

    /// <summary>The class of the rows' subtraces (null when no row made the call).</summary>
    public Type? Shape => _shape;

    /// <summary>
    /// Fills the column of a call from a kernel's results: the rows that completed and recorded the call
    /// (<paramref name="presence"/> not NaN) made it, with subtraces of class <paramref name="shape"/> whose choices are
    /// in <paramref name="slots"/>.
    /// </summary>
    public void ReadKernelCall(ReadOnlySpan<double> presence, bool[] complete, Type shape, BatchChunk slots)
    {
        _shape = shape;
        _slots = slots;
        for (var r = 0; r < _rows; r++) _present[r] = complete[r] && !double.IsNaN(presence[r]);
    }

    /// <summary>Fills the column of a family of calls from its calls' columns, call i at entry i (each filled by <see cref="ReadKernelCall"/>).</summary>
    public void ReadKernelFamily(List<CallColumn> calls)
    {
        _parts = calls;
        _counts = new int[_rows];
        for (var k = 0; k < calls.Count; k++)
        {
            var present = calls[k]._present;
            for (var r = 0; r < _rows; r++)
            {
                if (!present[r]) continue;
                _present[r] = true;
                _counts[r] = k + 1;
            }
        }
    }

    /// <summary>
    /// Fills the column of a combinator's calls by index (<see cref="IndexedCalls"/>) from a kernel's results: the rows
    /// that completed and recorded the combinator's call (<paramref name="presence"/> not NaN) made it, with a trace of class
    /// <paramref name="shape"/>, and as many calls as their leading calls present in <paramref name="calls"/> (each filled
    /// by <see cref="ReadKernelCall"/>).
    /// </summary>
    public void ReadKernelCalls(ReadOnlySpan<double> presence, bool[] complete, Type shape, List<CallColumn> calls)
    {
        _shape = shape;
        ReadKernelFamily(calls);
        for (var r = 0; r < _rows; r++) _present[r] = complete[r] && !double.IsNaN(presence[r]);
    }

    /// <summary>
    /// Fills the column of a Switch from its branches' columns (each filled by <see cref="ReadKernelCall"/>): a row made
    /// the Switch's call where it made a branch's, and took that branch.
    /// </summary>
    public void ReadKernelBranches(Type shape, List<CallColumn> branches)
    {
        _shape = shape;
        _branches = true;
        _parts = branches;
        _counts = new int[_rows];
        for (var b = 0; b < branches.Count; b++)
        {
            var present = branches[b]._present;
            for (var r = 0; r < _rows; r++)
            {
                if (!present[r]) continue;
                _present[r] = true;
                _counts[r] = b;
            }
        }
    }

    /// <summary>For a family of calls: the column of call <paramref name="k"/> for <paramref name="rows"/> rows, empty (its constraints below <c>(Head, k)</c>).</summary>
    public CallColumn EmptyCall(int k, int rows) => new((Address)k, null, rows, Inner.Below(k), Inner);

    /// <summary>Whether row <paramref name="row"/> made the call (any call of a family).</summary>
    public bool MadeBy(int row) => _present[row];

    public override int Width => throw NoKernel();

    public override bool FixedAt(int index) => throw NoKernel();

    public override double KernelConstraint(int index, BatchConstraints constraints) => throw NoKernel();

    public override void ReadKernel(in KernelColumnResults results) => throw NoKernel();

    public override double KernelValue(int row, int index, BatchConstraints constraints) => throw NoKernel();

    private InvalidOperationException NoKernel() => new($"The traced call at {Where} has no kernel entries of its own (KernelLayout reads the columns below it).");
}
