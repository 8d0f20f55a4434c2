using System;

namespace Gen.Internal;

/// <summary>
/// One step of a Scan's particles, appended by a batch edit (<see cref="ParticlePath.ScanChains"/>): row r is particle r
/// of that edit. The step's subtraces live in columns where the kernel's class has a static layout (no object per
/// particle), else one trace per row; each row links to its row in the step before (its parent), so resampling
/// remaps rows and never copies steps, and a particle's trace is assembled only when asked for.
/// </summary>
internal sealed class ScanStep<S> : IRowCalls<S>
{
    private Trace<S>?[]? _traces; // made when a row's step is a trace (most kernels' steps are all in the columns)

    /// <param name="scan">The Scan of the edit that made this step (the combinator of a trace ending here).</param>
    /// <param name="index">The step's index t.</param>
    /// <param name="before">The step before; null when the rows continue <paramref name="roots"/>.</param>
    /// <param name="roots">Each row's trace before the edit's first step, when <paramref name="before"/> is null.</param>
    /// <param name="parents">Row r's row in <paramref name="before"/> (or <paramref name="roots"/>); null: row r.</param>
    /// <param name="rows">How many particles the edit extends.</param>
    /// <param name="rejected">The edit's rejections: a rejected row has no step here and keeps its parent's trace.</param>
    /// <param name="key">The edit's key: row r's step ran at <c>key.FoldIn(r).FoldIn(0).FoldIn(t)</c>.</param>
    /// <param name="constraints">The step's constraints (the edit's below index t).</param>
    /// <param name="chunkSize">Rows per chunk of the columns (one chunk per worker range).</param>
    public ScanStep(ScanFunction<S> scan, int index, ScanStep<S>? before, Trace<S[]>[]? roots, int[]? parents, int rows, Rejections rejected,
        Key key, BatchConstraints constraints, int chunkSize)
    {
        Scan = scan;
        Index = index;
        Before = before;
        Roots = roots;
        Parents = parents;
        _rejected = rejected;
        _key = key;
        Rows = rows;
        Totals = new double[rows];
        Columns = new ParticleBatch<S>(constraints, rows, chunkSize, this);
    }

    private readonly Rejections _rejected;
    private readonly Key _key;

    public ScanFunction<S> Scan { get; }

    public int Index { get; }

    public ScanStep<S>? Before { get; }

    public Trace<S[]>[]? Roots { get; }

    public int[]? Parents { get; }

    public int Rows { get; }

    /// <summary>Row r's whole-trace score after this step (the Scan's running sum).</summary>
    public double[] Totals { get; }

    /// <summary>The step's values, scores and choices (in columns for rows written there).</summary>
    public ParticleBatch<S> Columns { get; }

    /// <summary>Row r's return value: the state the next step starts from.</summary>
    public S Retval(int row) => Columns.Retvals[row];

    /// <summary>Whether row r has this step (its edit was not rejected).</summary>
    public bool Has(int row) => _rejected.Reasons?[row] is null;

    /// <summary>Row r's row in the step before (or in <see cref="Roots"/>).</summary>
    public int Parent(int row) => Parents?[row] ?? row;

    /// <summary>Records row r's step as a trace (a callee whose traces have no columns).</summary>
    public void SetTrace(int row, Trace<S> trace, double score)
    {
        System.Threading.LazyInitializer.EnsureInitialized(ref _traces, () => new Trace<S>?[Rows])[row] = trace;
        Columns.Retvals[row] = trace.Retval;
        Columns.Scores[row] = score;
    }

    /// <summary>Row r's step: its trace, or a view of its row in the columns.</summary>
    public Trace<S> Subtrace(int row) => _traces?[row] ?? new BatchTrace<S>(Columns, row);

    /// <summary>The state row r's step started from: its parent's return value, or the Scan's initial state.</summary>
    public S StateBefore(int row)
    {
        var parent = Parent(row);
        if (Before is not null) return Before.Retval(parent);
        return Index == 0 ? Scan.Init : ((IndexedTrace<S>)Roots![parent]).Retval[Index - 1];
    }

    GenerativeFunction<S> IRowCalls<S>.FunctionOf(int i) => Scan.Kernel(Index, StateBefore(i));

    Key IRowCalls<S>.KeyOf(int i) => _key.FoldIn((uint)i).FoldIn(0).FoldIn((uint)Index);

    /// <summary>
    /// Row r's choice at <paramref name="tail"/> within this step (the step's return value when null), read from the
    /// columns without making a trace; false where the row's step is a trace (the caller reads the trace).
    /// </summary>
    public bool TryGet<T>(int row, Address? tail, out T value)
    {
        value = default!;
        if (_traces?[row] is not null) return false;
        if (tail is not null) return Columns.TryGet(row, tail, out value);
        if (Retval(row) is not T typed) return false;
        value = typed;
        return true;
    }

    /// <summary>Row r's trace after this step: the steps gathered back to its root into the trace the Scan would have made.</summary>
    public Trace<S[]> Trace(int row)
    {
        var step = this;
        while (!step.Has(row))
        {
            row = step.Parent(row);
            if (step.Before is null) return step.Roots![row];
            step = step.Before;
        }
        var length = step.Index + 1;
        var subtraces = new Trace<S>[length];
        var retvals = new S[length];
        var (top, topRow) = (step, row);
        while (true)
        {
            subtraces[step.Index] = step.Subtrace(row);
            retvals[step.Index] = step.Retval(row);
            row = step.Parent(row);
            if (step.Before is null) break;
            step = step.Before;
        }
        if (step.Index > 0)
        {
            var root = (IndexedTrace<S>)step.Roots![row];
            Array.Copy(root.Subtraces, subtraces, root.Count);
            Array.Copy(root.Retval, retvals, root.Count);
        }
        return new IndexedTrace<S>(top.Scan, subtraces, retvals, top.Totals[topRow]);
    }
}

/// <summary>Particles as rows of the last Scan step of their chains (<see cref="ParticlePath.ScanChains"/>).</summary>
/// <param name="last">The last step.</param>
/// <param name="rows">Particle j's row in <paramref name="last"/>; null: row j.</param>
internal sealed class ScanRows<S>(ScanStep<S> last, int[]? rows) : ParticleRows<S[]>
{
    public ScanStep<S> Last { get; } = last;

    /// <summary>Particle j's row in <see cref="Last"/>.</summary>
    public int RowOf(int j) => rows?[j] ?? j;

    /// <summary>Particle j's rows as an array (null: the identity).</summary>
    public int[]? RowMap => rows;

    /// <inheritdoc />
    public override ParticlePath Path => ParticlePath.ScanChains;

    /// <inheritdoc />
    /// <remarks>A rejected particle keeps the trace it had before the rejected edit, as a particle with its own trace does.</remarks>
    public override Trace<S[]> View(int i, Exception? rejection) => Last.Trace(RowOf(i));

    /// <inheritdoc />
    /// <remarks>
    /// A choice of step t, <c>(t, …)</c>, or its value, <c>(t)</c>: found by following the particle's row back to step t
    /// (O(steps after t)), then read from that step's columns, or from the trace the particle had when its chain began.
    /// </remarks>
    public override bool TryGet<T>(int i, Address address, out T value)
    {
        value = default!;
        if (address.Head is not { IsIndex: true } head) return false;
        var (step, row) = (Last, RowOf(i));
        while (step.Index > head.Index)
        {
            if (!step.Has(row)) return false;
            row = step.Parent(row);
            if (step.Before is null)
            {
                // A step from before the chains began: the particle's trace then holds it (read without assembling).
                if (step.Roots![row] is not IndexedTrace<S> start || !start.HasChoice(address)) return false;
                value = start.Get<T>(address);
                return true;
            }
            step = step.Before;
        }
        return step.Index == head.Index && step.Has(row) && step.TryGet(row, address.Tail, out value);
    }

    /// <inheritdoc />
    public override ParticleRows<S[]> Gather(int[] indices)
    {
        var gathered = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++) gathered[i] = RowOf(indices[i]);
        return new ScanRows<S>(Last, gathered);
    }
}
