using System;
using System.Threading;

namespace Gen.Internal;

/// <summary>The batch form of a compiled function: ImportanceK into columns, one reused trace per worker, no object per particle.</summary>
public abstract partial class CompiledFunction<R, TTrace>
{
    /// <summary>Why this function's traces cannot be laid out in columns (sites at run-time addresses), or null; found once per model.</summary>
    private static string? s_layoutObstacle;

    /// <summary>Why this function's traces are not choices only (the above, or a traced call), or null: a kernel form's and a Scan step's layout.</summary>
    private static string? s_choicesOnlyObstacle;
    private static int s_layoutKnown;

    private string? LayoutObstacle()
    {
        KnowLayout();
        return s_layoutObstacle;
    }

    private string? ChoicesOnlyObstacle()
    {
        KnowLayout();
        return s_choicesOnlyObstacle;
    }

    private void KnowLayout()
    {
        if (Volatile.Read(ref s_layoutKnown) == 1) return;
        var trace = NewTrace();
        var probe = new LayoutProbe();
        trace.VisitSlots(ref probe);
        s_layoutObstacle = trace.Record is not null ? "sites at addresses known only at run time" : null;
        s_choicesOnlyObstacle = s_layoutObstacle ?? probe.FirstCall;
        Volatile.Write(ref s_layoutKnown, 1);
    }

    /// <inheritdoc />
    /// <remarks>Shared constraints only: the columns store them once, as fixed values.</remarks>
    internal sealed override Particles<R>? ImportanceBatch(int n, EditConstraints edit, Key key, InferenceOptions? options)
    {
        if (!edit.IsShared || LayoutObstacle() is not null) return null;
        var constraints = edit.Shared;
        // A model in the kernel subset runs its kernel form on the cores, straight into the columns.
        if (IsKernel(out _)) return ImportanceThroughKernel(n, constraints, key, new HostBackend(options, Batch.SmallChunkSize(n, options)), options);
        return ScratchBatch(n, constraints, key, options);
    }

    /// <summary>ImportanceK in columns through one scratch trace per chunk (any model whose layout is static); null when an execution does not fit.</summary>
    private Particles<R>? ScratchBatch(int n, ChoiceMap constraints, Key key, InferenceOptions? options)
    {
        var batchConstraints = new BatchConstraints(constraints);
        EnsureMemory(n, batchConstraints, key);
        var batch = new ParticleBatch<R>(this, batchConstraints, n, Batch.TraceChunkSize(n, options));
        var weights = new double[n];
        var rejections = new Rejections(n);
        try
        {
            Batch.RunChunks(n, batch.ChunkSize, (c, rows) => Fill(batch, c, rows, key, weights, rejections, default(ImportanceRule)), options, "ImportanceK");
        }
        catch (BatchLayoutException)
        {
            return null; // an execution the columns cannot hold (e.g. far indices): the per-particle path gives the same particles
        }
        // Chunks whose calls at one address were of different functions cannot be gathered into one: per particle instead.
        if (!ParticleBatch<R>.CallsConform(batch)) return null;
        return Particles<R>.FromRows(batch, weights, rejections.Reasons);
    }

    /// <summary>
    /// Fills chunk <paramref name="c"/>: particle i runs the body under <paramref name="rule"/> exactly as
    /// <c>Seed(key.FoldIn(i), …)</c> would run it (the same keys, any untraced draw from the same seeded stream), into one
    /// trace reused for every particle of the chunk, then copied to row i of the columns.
    /// </summary>
    /// <remarks><paramref name="particleOffset"/> is added to a row's index for its particle index (one particle run into its own one-row batch).</remarks>
    private void Fill<TRule>(ParticleBatch<R> batch, int c, int rows, Key key, double[] weights, Rejections rejections, TRule rule, int particleOffset = 0)
        where TRule : struct, IRowRule
    {
        var start = c * batch.ChunkSize;
        var chunk = batch.Chunks[c] = new BatchChunk(start, rows);
        var constraints = batch.Constraints.Map;
        var scratch = NewTrace();
        var seed = KeySource.OpenSeed(key);
        // Fresh particles' callee traces are the scratch's alone once their row is written: recycled (an edit's may be shared).
        var recycling = TraceRecycling.Active;
        TraceRecycling.Active = typeof(TRule) == typeof(ImportanceRule);
        try
        {
            for (var row = 0; row < rows; row++)
            {
                var i = start + row;
                KeySource.Reseed(seed, key.FoldIn((uint)(particleOffset + i)));
                if (rule.Earlier(i) is { } earlier)
                {
                    Reject(i, earlier);
                    continue;
                }
                var emptied = false;
                try
                {
                    var (own, proposed) = rule.Constraints(i, constraints); // a proposal draws the particle's first key
                    var particleKey = rule.RunKey(i, seed.Stream.Next()); // the key the per-particle Importance or Update draws
                    batch.SetKey(i, particleKey);
                    // The batch's constraints are read once per batch (typed families); a particle's own are its map.
                    var shared = ReferenceEquals(own, constraints) ? batch.Constraints : null;
                    var written = rule.Run(this, i, particleKey, scratch, own, shared, out var retval, out var state);
                    if (state.Used != own.Count)
                    {
                        written.Complete(retval, state);
                        Gen.Constraints.EnsureAllVisited(own, state.Used, written, rule.Operation);
                    }
                    weights[i] = rule.Weight(i, state.Weight, proposed);
                    batch.Scores[i] = state.Score;
                    batch.Retvals[i] = retval;
                    var writer = new RowWriter(chunk, row, batch.Constraints, check: rule.ChecksFixedValues);
                    written.VisitSlots(ref writer);
                    emptied = true; // the row writer empties the trace it reads (the scratch, when the rule ran in it)
                }
                catch (Exception error) when (Rejection.Rejects(error))
                {
                    Reject(i, error);
                }
                finally
                {
                    if (!emptied)
                    {
                        var clearer = new SlotClearer();
                        scratch.VisitSlots(ref clearer);
                    }
                }
            }
        }
        finally
        {
            KeySource.Close(seed);
            TraceRecycling.Active = recycling;
        }

        void Reject(int i, Exception reason)
        {
            weights[i] = double.NegativeInfinity;
            rejections.Add(i, reason);
            rule.Rejected(batch, i);
        }
    }

    /// <summary>What <see cref="Fill"/> runs for one particle: Importance (a fresh particle) or Update (an edit of a previous one).</summary>
    private interface IRowRule
    {
        /// <summary>The operation's name, for the error naming constraints the model never visits.</summary>
        string Operation { get; }

        /// <summary>Why particle <paramref name="i"/> was rejected before this batch (it is not run again), or null.</summary>
        Exception? Earlier(int i);

        /// <summary>The key particle <paramref name="i"/>'s execution runs at, given the first key its seeded stream draws.</summary>
        Key RunKey(int i, Key drawn);

        /// <summary>Particle <paramref name="i"/>'s constraints (<paramref name="shared"/>, or its own) and the log density of its proposed choices.</summary>
        (ChoiceMap Map, double Proposed) Constraints(int i, ChoiceMap shared);

        /// <summary>
        /// Particle <paramref name="i"/>'s execution at its key with <paramref name="constraints"/> (<paramref name="batch"/>:
        /// the batch's, when they are the shared ones), into <paramref name="scratch"/> (or a trace of its own, which it
        /// returns instead): the trace its row is written from, its value, and its state after the run.
        /// </summary>
        TTrace Run(CompiledFunction<R, TTrace> function, int i, Key key, TTrace scratch, ChoiceMap constraints, BatchConstraints? batch, out R retval, out GfiState state);

        /// <summary>Particle <paramref name="i"/>'s log weight, given the weight of its execution and of its proposed choices.</summary>
        double Weight(int i, double weight, double proposed);

        /// <summary>A rejected particle's trace, where it keeps one.</summary>
        void Rejected(ParticleBatch<R> batch, int i);

        /// <summary>
        /// Whether a row's values where the batch's constraints fix a choice must be checked against them: a rule that takes
        /// the constraints from elsewhere than its own (a Regenerate keeps the previous batch's) may draw there instead.
        /// </summary>
        bool ChecksFixedValues { get; }
    }

    /// <summary>A fresh particle under the Importance rule.</summary>
    private readonly struct ImportanceRule : IRowRule
    {
        public string Operation => "Importance";

        public Exception? Earlier(int i) => null;

        public Key RunKey(int i, Key drawn) => drawn;

        public (ChoiceMap Map, double Proposed) Constraints(int i, ChoiceMap shared) => (shared, 0.0);

        public TTrace Run(CompiledFunction<R, TTrace> function, int i, Key key, TTrace scratch, ChoiceMap constraints, BatchConstraints? batch, out R retval, out GfiState state)
        {
            var fresh = function.State(key, constraints, scratch);
            fresh.Batch = batch;
            var mode = new ImportanceMode(fresh);
            retval = function.Run(ref mode, scratch);
            state = mode.State;
            return scratch;
        }

        public double Weight(int i, double weight, double proposed) => weight;

        public void Rejected(ParticleBatch<R> batch, int i) { }

        public bool ChecksFixedValues => false; // the constraints are its own
    }

    /// <summary>
    /// Fails before allocating when the columns of <paramref name="n"/> particles would not fit in memory: one particle
    /// is run into a one-row chunk to measure its row.
    /// </summary>
    /// <exception cref="InsufficientMemoryException">The batch needs more memory than is available; the message gives both.</exception>
    private void EnsureMemory(int n, BatchConstraints constraints, Key key)
    {
        var probe = new ParticleBatch<R>(this, constraints, 1, 1);
        try
        {
            Fill(probe, 0, 1, key, new double[1], new Rejections(1), default(ImportanceRule));
        }
        catch (BatchLayoutException)
        {
            return;
        }
        long perRow = 8 + 8 + 8 + System.Runtime.CompilerServices.Unsafe.SizeOf<R>(); // weight, score, key, retval
        foreach (var column in probe.Chunks[0].Columns) perRow += column.BytesPerRow;
        EnsureFits(n, perRow, "");
    }

    /// <summary>Fails before allocating when <paramref name="perParticle"/> bytes for each of <paramref name="n"/> particles do not fit in memory.</summary>
    /// <exception cref="InsufficientMemoryException">The batch needs more memory than is available; the message gives both.</exception>
    private void EnsureFits(int n, long perParticle, string where)
    {
        var needed = perParticle * n;
        var info = GC.GetGCMemoryInfo();
        var available = info.TotalAvailableMemoryBytes - info.HeapSizeBytes;
        if (needed > available)
            throw new InsufficientMemoryException(
                $"ImportanceK of {n:N0} particles of {Name}{where} needs about {needed:N0} bytes of memory ({perParticle:N0} per particle), " +
                $"but about {available:N0} are available. Use fewer particles, or run several smaller batches and combine their estimates.");
    }

    /// <inheritdoc />
    internal sealed override CallRows<R>? NewCallRows(BatchChunk chunk, BatchConstraints constraints) =>
        ChoicesOnlyObstacle() is null ? new CompiledCallRows(this, chunk, constraints) : null;

    /// <summary>Calls of this class into a chunk's columns through one scratch trace, as <see cref="Fill"/> writes a particle's row.</summary>
    private sealed class CompiledCallRows(CompiledFunction<R, TTrace> owner, BatchChunk chunk, BatchConstraints constraints) : CallRows<R>
    {
        private readonly TTrace _scratch = owner.NewTrace();

        public override bool TryGenerate(GenerativeFunction<R> call, Key key, int row, ChoiceMap? own, ref int used, out R retval, out double score, out double weight)
        {
            (retval, score, weight) = (default!, 0, 0);
            if (call.GetType() != owner.GetType()) return false;
            var compiled = System.Runtime.CompilerServices.Unsafe.As<CompiledFunction<R, TTrace>>(call); // the same class as the owner
            var emptied = false;
            try
            {
                var state = compiled.State(key, own ?? constraints.Map, _scratch);
                state.Batch = own is null ? constraints : null; // a call's own constraints are read from its map
                var mode = new ImportanceMode(state);
                retval = compiled.Run(ref mode, _scratch);
                var writer = new RowWriter(chunk, row, constraints);
                _scratch.VisitSlots(ref writer);
                emptied = true;
                used += mode.State.Used;
                (score, weight) = (mode.State.Score, mode.State.Weight);
                return true;
            }
            catch (BatchLayoutException)
            {
                return false;
            }
            finally
            {
                if (!emptied)
                {
                    var clearer = new SlotClearer();
                    _scratch.VisitSlots(ref clearer);
                }
            }
        }
    }
}
