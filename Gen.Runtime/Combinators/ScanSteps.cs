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

    /// <summary>How many rows the step's kernel form wrote (the others ran on the CPU); for tests and measurements.</summary>
    public int KernelRows;

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
    private bool TryGetHere<T>(int row, Address? tail, out T value)
    {
        value = default!;
        if (_traces?[row] is not null) return false;
        if (tail is not null) return Columns.TryGet(row, tail, out value);
        if (typeof(T) != typeof(S)) return false; // another type: the assembled trace's Get names it
        var retval = Retval(row);
        value = System.Runtime.CompilerServices.Unsafe.As<S, T>(ref retval);
        return true;
    }

    /// <summary>
    /// Row r's choice of step t, <c>(t, …)</c>, or its value, <c>(t)</c>: found by following the row back to step t
    /// (O(steps after t)), then read from that step's columns, or from the trace the row had when its chain began;
    /// false where neither holds it as a value (the caller reads the assembled trace, which names what is missing).
    /// </summary>
    public bool TryRead<T>(int row, Address address, out T value)
    {
        value = default!;
        if (address.Head is not { IsIndex: true } head) return false;
        var step = this;
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
        return step.Index == head.Index && step.Has(row) && step.TryGetHere(row, address.Tail, out value);
    }

    /// <summary>
    /// Row r's trace after this step: the trace it kept where this edit rejected it, else a view of its chain
    /// (<see cref="ChainTrace{S}"/>) that assembles the Scan's trace only when something needs it whole.
    /// </summary>
    public Trace<S[]> Trace(int row)
    {
        var step = this;
        while (!step.Has(row))
        {
            row = step.Parent(row);
            if (step.Before is null) return step.Roots![row];
            step = step.Before;
        }
        return new ChainTrace<S>(step, row);
    }

    /// <summary>Row r's step values from step 0 on: the Scan's return value (the row has this step).</summary>
    public S[] Retvals(int row)
    {
        var retvals = new S[Index + 1];
        Collect(row, retvals, subtraces: null);
        return retvals;
    }

    /// <summary>Row r's trace as the Scan would have made it, its steps gathered back to its root (the row has this step).</summary>
    public IndexedTrace<S> Assemble(int row)
    {
        var subtraces = new Trace<S>[Index + 1];
        var retvals = new S[Index + 1];
        Collect(row, retvals, subtraces);
        return new IndexedTrace<S>(Scan, subtraces, retvals, Totals[row]);
    }

    /// <summary>Fills row r's step values (and, when asked, its subtraces) from this step back to its root, then the root's own.</summary>
    private void Collect(int row, S[] retvals, Trace<S>[]? subtraces)
    {
        var step = this;
        while (true)
        {
            retvals[step.Index] = step.Retval(row);
            if (subtraces is not null) subtraces[step.Index] = step.Subtrace(row);
            row = step.Parent(row);
            if (step.Before is null) break;
            step = step.Before;
        }
        if (step.Index == 0) return;
        var root = (IndexedTrace<S>)step.Roots![row];
        Array.Copy(root.Retval, retvals, root.Count);
        if (subtraces is not null) Array.Copy(root.Subtraces, subtraces, root.Count);
    }
}

/// <summary>
/// A particle's Scan trace seen through its chain: its score and value read from the steps' rows, a choice read from a
/// step's columns; the whole trace (<see cref="Full"/>) assembled when its choice map, an edit or a gradient needs it.
/// </summary>
internal sealed class ChainTrace<S>(ScanStep<S> step, int row) : Trace<S[]>
{
    private S[]? _retval;
    private IndexedTrace<S>? _full;

    /// <summary>The trace this view stands for.</summary>
    public IndexedTrace<S> Full => _full ??= step.Assemble(row);

    internal override Trace<S[]> Whole => Full;

    public override S[] Retval => _retval ??= _full?.Retval ?? step.Retvals(row);

    public override double Score => step.Totals[row];

    public override GenerativeFunction<S[]> Function => step.Scan;

    public override ChoiceMap Choices => Full.Choices;

    public override T Get<T>(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return step.TryRead<T>(row, address, out var value) ? value : Full.Get<T>(address);
    }

    public override bool HasChoice(Address address) => Full.HasChoice(address);

    public override double Project(Selection selection) => Full.Project(selection);

    internal override Trace? CallAt(Address address) => Full.CallAt(address);
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
    /// <remarks>A choice of step t, <c>(t, …)</c>, or its value, <c>(t)</c>: read as <see cref="ScanStep{S}.TryRead"/> reads it.</remarks>
    public override bool TryGet<T>(int i, Address address, out T value) => Last.TryRead(RowOf(i), address, out value);

    /// <inheritdoc />
    public override ParticleRows<S[]> Gather(int[] indices)
    {
        var gathered = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++) gathered[i] = RowOf(indices[i]);
        return new ScanRows<S>(Last, gathered);
    }
}
