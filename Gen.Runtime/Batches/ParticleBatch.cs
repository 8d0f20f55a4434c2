using System;
using System.Collections.Generic;
using System.Threading;

namespace Gen.Internal;

/// <summary>The rows <c>Start</c> … <c>Start + Rows − 1</c> of a batch: one column per slot of the model's trace, filled by one worker.</summary>
internal sealed class BatchChunk(int start, int rows)
{
    public int Start { get; } = start;

    public int Rows { get; } = rows;

    /// <summary>The columns, in the order of the trace's slots (made as the first row is written).</summary>
    public List<Column> Columns { get; } = new();

    public Column Add(Column column)
    {
        Columns.Add(column);
        return column;
    }
}

/// <summary>A batch after one MCMC move of every particle, with the moves the model rejected (proposals it raised a rejecting error for) and the first reason.</summary>
internal sealed record MovedBatch<R>(ParticleBatch<R> Batch, int RejectedMoves, Exception? FirstRejection);

/// <summary>
/// N particles of one model in columns (GenJAX's batched trace): per slot of the model's trace, which particles visited
/// it and the values they sampled; per particle, its score, return value and key. Particle i is what
/// <c>Seed(batchKey.FoldIn(i), () =&gt; model.Importance(constraints))</c> gives, bit for bit; a trace of it is made only
/// when asked for.
/// </summary>
internal sealed class ParticleBatch<R> : ParticleRows<R>
{
    public ParticleBatch(GenerativeFunction<R> function, BatchConstraints constraints, int count, int chunkSize)
        : this(function, constraints, count, chunkSize, new double[count], new R[count], new Key[count], default)
    {
    }

    /// <summary>For a batch a kernel filled: how many particles the host ran again on the CPU (faults and rejections); null for other batches (for tests).</summary>
    public int? KernelReruns { get; set; }

    /// <summary>
    /// A batch in one chunk over a kernel's score and return-value arrays, whose particle i was rooted at
    /// <c>batchKey.FoldIn(i).FoldIn(0)</c>: the keys are derived when asked for, not stored.
    /// </summary>
    public ParticleBatch(GenerativeFunction<R> function, BatchConstraints constraints, double[] scores, R[] retvals, Key batchKey)
        : this(function, constraints, scores.Length, scores.Length, scores, retvals, null, batchKey)
    {
    }

    /// <summary>A batch whose rows are calls with different arguments (a Scan step): each row's call and key come from <paramref name="calls"/>.</summary>
    public ParticleBatch(BatchConstraints constraints, int count, int chunkSize, IRowCalls<R> calls)
        : this(null, constraints, count, chunkSize, new double[count], new R[count], null, default) =>
        _calls = calls;

    private ParticleBatch(GenerativeFunction<R>? function, BatchConstraints constraints, int count, int chunkSize, double[] scores, R[] retvals, Key[]? keys, Key batchKey)
    {
        _function = function;
        Constraints = constraints;
        Count = count;
        ChunkSize = chunkSize;
        _chunks = new BatchChunk[(count + chunkSize - 1) / chunkSize];
        Scores = scores;
        Retvals = retvals;
        _keys = keys;
        _batchKey = batchKey;
    }

    private readonly Key[]? _keys;
    private readonly Key _batchKey;
    private readonly IRowCalls<R>? _calls;

    /// <summary>The model every particle ran (a batch of calls with different arguments has one per row: <see cref="FunctionOf"/>).</summary>
    public GenerativeFunction<R> Function => _function ?? throw new InvalidOperationException("A batch of calls has a function per row (FunctionOf).");

    private readonly GenerativeFunction<R>? _function;

    /// <summary>Whether every particle ran <see cref="Function"/> (not a batch of calls with different arguments).</summary>
    public bool HasOneFunction => _function is not null;

    public BatchConstraints Constraints { get; }

    public int Count { get; }

    public int ChunkSize { get; }

    /// <summary>The chunks of columns (filled first, where a device still held the values: <see cref="Defer"/>).</summary>
    public BatchChunk[] Chunks
    {
        get
        {
            if (Volatile.Read(ref _fill) is not null) FillDeferred();
            return _chunks;
        }
    }

    private readonly BatchChunk[] _chunks;
    private Action? _fill;

    /// <summary>Has <paramref name="fill"/> make the columns when they are first read (a device copies its values back then).</summary>
    public void Defer(Action fill) => _fill = fill;

    private Exception? _fillError;

    private void FillDeferred()
    {
        lock (_chunks)
        {
            if (_fillError is not null)
                throw new InvalidOperationException("The particles' columns could not be made from the device's results (see the inner exception); these particles cannot be read.", _fillError);
            if (_fill is not { } fill) return;
            try
            {
                fill();
            }
            catch (Exception error)
            {
                _fillError = error; // the results were released: a second try would read nothing
                throw;
            }
            Volatile.Write(ref _fill, null);
        }
    }

    public double[] Scores { get; }

    public R[] Retvals { get; }

    /// <summary>The key particle <paramref name="i"/>'s execution was rooted at (a trace made from the row runs with it again).</summary>
    public Key KeyOf(int i) => _calls is not null ? _calls.KeyOf(i) : _keys is null ? KernelRun.Start(_batchKey, i, 0).Root : _keys[i];

    /// <summary>Particle <paramref name="i"/>'s function: the batch's, or, for rows of calls with different arguments, row i's call.</summary>
    public GenerativeFunction<R> FunctionOf(int i) => _calls is null ? Function : _calls.FunctionOf(i);

    /// <summary>Records particle <paramref name="i"/>'s key (a batch filled on the CPU stores them).</summary>
    public void SetKey(int i, Key key) => _keys![i] = key;

    /// <summary>The chunk holding particle <paramref name="i"/> and its row there.</summary>
    public (BatchChunk Chunk, int Row) Locate(int i) => (Chunks[i / ChunkSize], i % ChunkSize);

    /// <inheritdoc />
    public override ParticlePath Path => ParticlePath.Batch;

    /// <inheritdoc />
    /// <remarks>A rejected particle has no row: its trace is the one an edit left it (<see cref="Keep"/>), else a placeholder.</remarks>
    public override Trace<R> View(int i, Exception? rejection) =>
        rejection is null ? new BatchTrace<R>(this, i) : _kept?[i] ?? new RejectedTrace<R>(Function, Constraints.Map, rejection);

    private Trace<R>?[]? _kept;

    /// <summary>Gives particle <paramref name="i"/>, whose edit was rejected, the trace it had before (workers keep disjoint rows).</summary>
    public void Keep(int i, Trace<R> trace) => System.Threading.LazyInitializer.EnsureInitialized(ref _kept, () => new Trace<R>?[Count])[i] = trace;

    /// <summary>Particle <paramref name="i"/>'s choice at <paramref name="address"/>, read from its column.</summary>
    /// <exception cref="ChoiceTypeException">The choice is not a <typeparamref name="T"/>.</exception>
    public override bool TryGet<T>(int i, Address address, out T value)
    {
        value = default!;
        var (chunk, row) = Locate(i);
        var (column, index, constraints) = CallColumn.Find(chunk.Columns, row, address, Constraints);
        switch (column)
        {
            case null: return false;
            case ChoiceColumn<T> choice: return choice.TryGet(row, constraints, out value);
            case IndexedColumn<T> family: return family.TryGet(row, index, constraints, out value);
            default:
                // Another static type (object, an interface): boxed, as a trace's Get does; a wrong type is an error naming both.
                if (!column.TryGetBoxed(row, index, constraints, out var boxed)) return false;
                value = boxed is T typed ? typed : throw new ChoiceTypeException(address, typeof(T), column.ValueType);
                return true;
        }
    }

    /// <summary>Whether particle <paramref name="i"/> has a choice at <paramref name="address"/> in the columns.</summary>
    public bool Has(int i, Address address)
    {
        var (chunk, row) = Locate(i);
        var (column, index, constraints) = CallColumn.Find(chunk.Columns, row, address, Constraints);
        return column is not null && column.TryGetBoxed(row, index, constraints, out _);
    }

    /// <summary>Particle <paramref name="i"/>'s choices: its sampled values and the constraints it visited.</summary>
    public ChoiceMap Choices(int i)
    {
        var (chunk, row) = Locate(i);
        var builder = new ChoiceMapBuilder();
        foreach (var column in chunk.Columns) column.AddChoices(row, builder, Constraints);
        return builder.Build();
    }

    /// <summary>
    /// The full trace of particle <paramref name="i"/>: the model run again on the particle's key with all its choices
    /// given, which reproduces every per-site score bit for bit (same values, same parameters, same order).
    /// </summary>
    public Trace<R> Materialize(int i)
    {
        var used = 0;
        return FunctionOf(i).GenerateCore(KeyOf(i), Choices(i), ref used).Trace;
    }

    /// <summary>The batch of the particles <paramref name="indices"/> of this one, in that order (resampling).</summary>
    public override ParticleBatch<R> Gather(int[] indices) => Rows(indices.Length, i => (this, indices[i]));

    /// <summary>A batch of <paramref name="count"/> particles of this batch's function, particle i a copy of particle <c>Index</c> of <c>Source</c> (this batch or one of its class over the same constraints).</summary>
    private ParticleBatch<R> Rows(int count, Func<int, (ParticleBatch<R> Source, int Index)> rowOf)
    {
        var into = new ParticleBatch<R>(Function, Constraints, count, ChunkSize);
        for (var c = 0; c < into.Chunks.Length; c++)
        {
            var chunk = EmptyChunk(into, c);
            for (var row = 0; row < chunk.Rows; row++)
            {
                var (source, index) = rowOf(chunk.Start + row);
                source.CopyParticle(index, into, chunk, row);
            }
        }
        return into;
    }

    /// <summary>
    /// The batch of <paramref name="traces"/>, trace i made from particle i of this batch (by a rejuvenation kernel):
    /// a view of one of this batch's rows is copied from it, a full trace of <see cref="Function"/> is written into the
    /// row, and a rejected particle keeps its trace. Null when a trace is neither (another call, another kind of trace)
    /// or the columns cannot hold it (a value other than the constraint where the constraints fix a choice).
    /// </summary>
    /// <remarks>
    /// Row i keeps particle i's key, which a trace made from the row runs with: for models that draw nothing beyond their
    /// choices (the kernel subset: the caller checks), the trace so made is the one the row holds, bit for bit.
    /// </remarks>
    public ParticleBatch<R>? Repack(IReadOnlyList<Trace<R>> traces, Exception?[]? rejections)
    {
        if (!HasOneFunction || traces.Count != Count) return null;
        var packed = new ParticleBatch<R>(Function, Constraints, Count, ChunkSize);
        try
        {
            for (var c = 0; c < packed.Chunks.Length; c++)
            {
                var chunk = EmptyChunk(packed, c);
                for (var r = 0; r < chunk.Rows; r++)
                {
                    var i = chunk.Start + r;
                    var trace = traces[i];
                    if (trace is BatchTrace<R> view && ReferenceEquals(view.Batch, this) && rejections?[i] is null)
                    {
                        CopyParticle(view.Index, packed, chunk, r);
                        continue;
                    }
                    packed.SetKey(i, KeyOf(i));
                    if (rejections?[i] is not null)
                    {
                        packed.Keep(i, trace);
                        continue;
                    }
                    if (trace is not CompiledTrace<R> full || !ReferenceEquals(full.Function, Function)) return null;
                    var writer = new RowWriter(chunk, r, Constraints, keep: true);
                    full.VisitSlots(ref writer);
                    packed.Scores[i] = trace.Score;
                    packed.Retvals[i] = trace.Retval;
                }
            }
        }
        catch (BatchLayoutException)
        {
            return null;
        }
        return packed;
    }

    /// <summary>
    /// The batch whose particle i is particle i of <paramref name="other"/> (a batch of the same class over the same
    /// constraints) where <paramref name="takeOther"/> says so, else this batch's: an MCMC step's moved and kept particles.
    /// </summary>
    public ParticleBatch<R> Merge(ParticleBatch<R> other, bool[] takeOther) => Rows(Count, i => (takeOther[i] ? other : this, i));

    /// <summary>
    /// Whether the traced calls of <paramref name="batches"/> (of one function class) can share columns: at every call's
    /// slot, every chunk's calls were of the same functions (see <see cref="CallColumn.Conform"/>). Only such rows are
    /// gathered, merged or copied into one chunk.
    /// </summary>
    public static bool CallsConform(params ParticleBatch<R>[] batches)
    {
        if (!batches[0].Schema().Exists(column => column is CallColumn)) return true; // a model without traced calls
        var width = 0;
        foreach (var batch in batches)
            foreach (var chunk in batch.Chunks)
                if (chunk is not null) width = Math.Max(width, chunk.Columns.Count);
        for (var j = 0; j < width; j++)
        {
            var calls = new List<CallColumn>();
            foreach (var batch in batches)
                foreach (var chunk in batch.Chunks)
                    if (chunk is not null && j < chunk.Columns.Count && chunk.Columns[j] is CallColumn call) calls.Add(call);
            if (calls.Count > 1 && !CallColumn.Conform(calls)) return false;
        }
        return true;
    }

    /// <summary>Chunk <paramref name="c"/> of <paramref name="into"/>, with an empty column for each of this batch's.</summary>
    private BatchChunk EmptyChunk(ParticleBatch<R> into, int c)
    {
        var start = c * into.ChunkSize;
        var chunk = into.Chunks[c] = new BatchChunk(start, Math.Min(into.ChunkSize, into.Count - start));
        foreach (var column in Schema()) chunk.Add(column.Empty(chunk.Rows));
        return chunk;
    }

    /// <summary>Particle <paramref name="i"/>'s row, score, return value and key, copied to row <paramref name="row"/> of <paramref name="chunk"/> of <paramref name="into"/>.</summary>
    private void CopyParticle(int i, ParticleBatch<R> into, BatchChunk chunk, int row)
    {
        var (source, from) = Locate(i);
        for (var k = 0; k < source.Columns.Count; k++) chunk.Columns[k].CopyRow(source.Columns[k], from, row);
        var to = chunk.Start + row;
        into.Scores[to] = Scores[i];
        into.Retvals[to] = Retvals[i];
        into.SetKey(to, KeyOf(i));
        if (_kept?[i] is { } kept) into.Keep(to, kept); // a rejected particle's trace goes with it
    }

    /// <summary>The columns of a chunk that has any (a chunk whose every particle was rejected has none).</summary>
    private List<Column> Schema()
    {
        foreach (var chunk in Chunks)
            if (chunk is { Columns.Count: > 0 }) return chunk.Columns;
        return new List<Column>();
    }
}
