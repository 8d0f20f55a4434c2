using System;
using System.Collections.Generic;

namespace Gen.Internal;

/// <summary>
/// Where a kernel finds each slot of a model's trace, and the callees' slots of its traced calls: the batch's columns
/// (a probe's chunk) laid out as the kernel's slot table and value columns. A block is the slot entries of one trace
/// (the model's at 0, a callee's further on); a choice slot's entry is its first column and extent, a call's its callee's
/// block and the column recording that the row made it (<see cref="KernelCalls"/>), a family of calls' a table of those, a
/// Vmap's or Repeat's call its presence and a block whose one slot is the table of its calls.
/// </summary>
internal sealed class KernelLayout
{
    private readonly List<int> _slots = [];
    private readonly List<int> _storage = [];
    private readonly List<double> _constraints = [];
    private readonly List<Node> _nodes;

    /// <summary>Lays out <paramref name="schema"/> (a chunk's columns) under <paramref name="constraints"/>.</summary>
    /// <exception cref="BatchLayoutException">A call the kernel path cannot lay out (not of a generated kernel-subset function).</exception>
    public KernelLayout(List<Column> schema, BatchConstraints constraints)
    {
        _nodes = Block(schema, constraints, null);
        Slots = [.. _slots];
        Storage = [.. _storage];
        Constraints = [.. _constraints];
    }

    /// <summary>Whether a call among <paramref name="columns"/> (or below them) was made by none of the rows, so that its callee's columns are unknown.</summary>
    public static bool HasUnmadeCalls(List<Column> columns)
    {
        foreach (var column in columns)
        {
            if (column is not CallColumn call) continue;
            if ((call.FamilyCalls ?? call.IndexedCalls ?? call.BranchCalls) is { } calls)
            {
                if (calls.Count == 0) return true; // no call of the family made yet (or none of the combinator): its callee's columns unknown
                foreach (var part in calls)
                    if (part.CalleeColumns is not { } below || HasUnmadeCalls(below)) return true;
            }
            else if (call.CalleeColumns is not { } callee || HasUnmadeCalls(callee)) return true;
        }
        return false;
    }

    /// <summary>The slot table (two entries per slot), as <see cref="KernelJob.Layout"/>.</summary>
    public int[] Slots { get; }

    /// <summary>Per column: its value row, or −1 when the constraints fix it.</summary>
    public int[] Storage { get; }

    /// <summary>Per column: the constraint of a fixed column.</summary>
    public double[] Constraints { get; }

    public int StoredRows { get; private set; }

    public int FixedCount { get; private set; }

    public long FixedSum { get; private set; }

    /// <summary>The most entries one column has (a family's extent).</summary>
    public int Widest { get; private set; }

    /// <summary>Bytes per row of the columns the particles fill.</summary>
    public long BytesPerRow { get; private set; }

    private List<Node> Block(List<Column> columns, BatchConstraints constraints, Address? prefix)
    {
        var at = _slots.Count / 2;
        for (var k = 0; k < columns.Count; k++) _slots.AddRange([0, 0]);
        var nodes = new List<Node>(columns.Count);
        for (var k = 0; k < columns.Count; k++)
        {
            var column = columns[k];
            if (prefix is null) BytesPerRow += column.BytesPerRow; // a call's own counts the columns below it
            if (column is not CallColumn call)
            {
                var first = _storage.Count;
                for (var j = 0; j < column.Width; j++) Entry(column.FixedAt(j) ? column.KernelConstraint(j, constraints) : (double?)null);
                Set(at + k, first, column.Width);
                Widest = Math.Max(Widest, column.Width);
                nodes.Add(new Node(column, prefix, first, null, null));
                continue;
            }
            if (!call.IsKernelCall) throw new BatchLayoutException($"the call at '{call.Key.ToAddress()}' (kernels make traced calls of [Gen] functions only)");
            // A family's call i is at (head, i); a Switch's branches are all at its own address (the kernel enters branch b
            // as entry b of the table, with the Switch's key index).
            if ((call.FamilyCalls ?? call.BranchCalls) is { } calls)
            {
                var table = _slots.Count / 2;
                foreach (var _ in calls) _slots.AddRange([0, 0]);
                var parts = new List<Node>(calls.Count);
                for (var i = 0; i < calls.Count; i++)
                {
                    var part = Call(calls[i], call.Head is { } head ? Address.Of(head, i) : call.Key.ToAddress(), prefix);
                    Set(table + i, part.First, part.Presence);
                    parts.Add(part.Node);
                }
                Set(at + k, table, calls.Count);
                nodes.Add(new Node(column, prefix, 0, null, parts, Branches: call.Head is null));
            }
            else
            {
                var (node, block, presence) = Call(call, call.Key.ToAddress(), prefix);
                Set(at + k, block, presence);
                nodes.Add(node);
            }
        }
        return nodes;
    }

    /// <summary>A call's presence column and its callee's block (none, −1, where no probed row made the call: rows that do fault).</summary>
    private (Node Node, int First, int Presence) Call(CallColumn call, Address address, Address? prefix)
    {
        var full = prefix is null ? address : prefix.Concat(address);
        if (call.IndexedCalls is { } calls) return Combinator(call, calls, full);
        if (call.CalleeColumns is not { } callee) return (new Node(call, full, -1, null, null), 0, -1);
        var presence = Entry(null);
        var block = _slots.Count / 2;
        return (new Node(call, full, presence, Block(callee, call.Inner, full), null), block, presence);
    }

    /// <summary>
    /// A Vmap's or Repeat's call: its presence column and a block of one slot, the table of its calls (call i's block and
    /// presence at entry i, as for a family), which the kernel's combinator walks (<c>CallAt</c> of each index).
    /// </summary>
    private (Node Node, int First, int Presence) Combinator(CallColumn call, List<CallColumn> calls, Address full)
    {
        var presence = Entry(null);
        var block = _slots.Count / 2;
        _slots.AddRange([0, 0]);
        var table = _slots.Count / 2;
        foreach (var _ in calls) _slots.AddRange([0, 0]);
        var parts = new List<Node>(calls.Count);
        for (var i = 0; i < calls.Count; i++)
        {
            var part = Call(calls[i], (Address)i, full);
            Set(table + i, part.First, part.Presence);
            parts.Add(part.Node);
        }
        Set(block, table, calls.Count);
        return (new Node(call, full, presence, null, parts, Indexed: true), block, presence);
    }

    private int Entry(double? constraint)
    {
        var column = _storage.Count;
        if (constraint is { } value)
        {
            _storage.Add(-1);
            _constraints.Add(value);
            FixedCount++;
            FixedSum += column;
        }
        else
        {
            _storage.Add(StoredRows++);
            _constraints.Add(0);
        }
        return column;
    }

    private void Set(int slot, int first, int second)
    {
        _slots[2 * slot] = first;
        _slots[2 * slot + 1] = second;
    }

    /// <summary>The model's slots (the schema's columns, which <see cref="Read(BatchChunk, double[][], bool[], InferenceOptions?)"/> adds to a chunk in order).</summary>
    public int SlotCount => _nodes.Count;

    /// <summary>The batch's columns from a kernel's results, in the schema's order (the model's slots).</summary>
    public void Read(BatchChunk chunk, double[][] values, bool[] complete, InferenceOptions? options)
    {
        foreach (var node in _nodes) chunk.Add(Read(node, chunk.Rows, values, complete, options));
    }

    private Column Read(Node node, int rows, double[][] values, bool[] complete, InferenceOptions? options)
    {
        var column = node.Schema.Empty(rows);
        if (node.Callee is { } callee)
        {
            var slots = new BatchChunk(0, rows);
            foreach (var inner in callee) slots.Add(Read(inner, rows, values, complete, options));
            var presence = new KernelColumnResults(Storage.AsSpan(node.First, 1), values, complete, options).Row(Storage[node.First]);
            ((CallColumn)column).ReadKernelCall(presence, complete, ((CallColumn)node.Schema).Shape!, slots);
        }
        else if (node.Calls is { } calls)
        {
            var family = (CallColumn)column;
            var parts = new List<CallColumn>(calls.Count);
            for (var i = 0; i < calls.Count; i++)
                parts.Add(calls[i].Callee is null && calls[i].Calls is null ? family.EmptyCall(i, rows) : (CallColumn)Read(calls[i], rows, values, complete, options));
            if (node.Branches) family.ReadKernelBranches(((CallColumn)node.Schema).Shape!, parts);
            else if (!node.Indexed) family.ReadKernelFamily(parts);
            else
            {
                var presence = new KernelColumnResults(Storage.AsSpan(node.First, 1), values, complete, options).Row(Storage[node.First]);
                family.ReadKernelCalls(presence, complete, ((CallColumn)node.Schema).Shape!, parts);
            }
        }
        else if (node.Schema is not CallColumn)
            column.ReadKernel(new KernelColumnResults(Storage.AsSpan(node.First, node.Schema.Width), values, complete, options));
        return column;
    }

    /// <summary>
    /// Row <paramref name="row"/> of <paramref name="columns"/> (a previous batch's chunk) in this layout's columns, as an
    /// edit's previous values (column c of particle p at <c>c * count + p</c>); false when the row holds a value the
    /// layout has no column for (then the host edits the particle).
    /// </summary>
    public bool Previous(List<Column> columns, int row, BatchConstraints constraints, double[] previous, int count, int particle) =>
        Previous(_nodes, columns, row, constraints, previous, count, particle);

    private static bool Previous(List<Node> nodes, List<Column> columns, int row, BatchConstraints constraints, double[] previous, int count, int particle)
    {
        if (columns.Count != nodes.Count) return false;
        for (var k = 0; k < nodes.Count; k++)
        {
            var node = nodes[k];
            var column = columns[k];
            if (column is CallColumn call)
            {
                if (!call.MadeBy(row)) continue;
                if (node.Callee is { } callee)
                {
                    if (call.CalleeColumns is not { } inner || !Previous(callee, inner, row, call.Inner, previous, count, particle)) return false;
                    continue;
                }
                if (node.Calls is not { } calls || (call.FamilyCalls ?? call.IndexedCalls ?? call.BranchCalls) is not { } made) return false;
                for (var i = 0; i < made.Count; i++)
                {
                    if (!made[i].MadeBy(row)) continue;
                    if (i >= calls.Count || calls[i].Callee is not { } below || made[i].CalleeColumns is not { } inner
                        || !Previous(below, inner, row, made[i].Inner, previous, count, particle)) return false;
                }
                continue;
            }
            if (node.Schema is CallColumn) return false;
            var width = node.Schema.Width;
            for (var j = 0; j < column.Width; j++)
            {
                var value = column.KernelValue(row, j, constraints);
                if (double.IsNaN(value)) continue;
                if (j >= width) return false;
                previous[(long)(node.First + j) * count + particle] = value;
            }
        }
        return true;
    }

    /// <summary>Per column: whether <paramref name="selection"/> holds its address (a Regenerate draws those afresh).</summary>
    public bool[] Resampled(Selection selection)
    {
        var resampled = new bool[_storage.Count];
        Mark(_nodes, selection, resampled);
        return resampled;
    }

    private static void Mark(List<Node> nodes, Selection selection, bool[] resampled)
    {
        foreach (var node in nodes)
        {
            if (node.Callee is { } callee) Mark(callee, selection, resampled);
            else if (node.Calls is { } calls) Mark(calls, selection, resampled);
            else if (node.Schema is not CallColumn)
            {
                for (var j = 0; j < node.Schema.Width; j++)
                {
                    Address own = node.Schema.Head is null ? node.Schema.Key.ToAddress() : Address.Of(node.Schema.Head, j);
                    resampled[node.First + j] = selection.Contains(node.Prefix is null ? own : node.Prefix.Concat(own));
                }
            }
        }
    }

    /// <summary>
    /// One column of the schema: a choice slot's (its first column), or a call's (its presence column and callee's
    /// nodes; its full address as <see cref="Prefix"/>), or a family of calls' (one call node per index), or (<see cref="Indexed"/>)
    /// a Vmap's, Repeat's or Scan's call (its presence column and one call node per index), or (<see cref="Branches"/>) a
    /// Switch's (one call node per branch, each at the Switch's address).
    /// </summary>
    private sealed record Node(Column Schema, Address? Prefix, int First, List<Node>? Callee, List<Node>? Calls, bool Indexed = false, bool Branches = false);
}
