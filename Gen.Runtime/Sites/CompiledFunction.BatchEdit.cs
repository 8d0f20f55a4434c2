using System;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>EditK (Update) of particles in columns, into new columns: one scratch trace per worker, no trace object per particle.</summary>
public abstract partial class CompiledFunction<R, TTrace>
{
    /// <summary>
    /// Every particle of a batch updated to this call: what <c>Seed(key.FoldIn(i), () =&gt; trace.Update(this, constraints))</c>
    /// gives particle i, bit for bit. The previous particle is made again in a scratch trace from its row, as its view's
    /// full trace is made (the old call run with the row's choices), that trace is edited in place under the Update rule,
    /// and the result goes to row i of the new columns. Null unless the particles are in columns of a call of this class
    /// (the per-particle edit runs), or when an execution does not fit the columns.
    /// </summary>
    internal sealed override Particles<R>? UpdateBatch(Particles<R> previous, ChoiceMap constraints, Key key, InferenceOptions options)
    {
        if (previous.Rows is not ParticleBatch<R> old || old.Function.GetType() != GetType() || LayoutObstacle() is not null) return null;
        var n = previous.Count;
        var batch = new ParticleBatch<R>(this, new BatchConstraints(constraints), n, Batch.TraceChunkSize(n, options));
        var weights = new double[n];
        var rejections = new Rejections(n);
        try
        {
            Batch.RunChunks(n, batch.ChunkSize, (c, rows) => Edit(batch, previous, old, c, rows, key, weights, rejections), options, "EditK");
        }
        catch (BatchLayoutException)
        {
            return null; // an execution the columns cannot hold: the per-particle edit gives the same particles
        }
        return Particles<R>.FromRows(batch, weights, rejections.Reasons);
    }

    /// <summary>Updates the particles of chunk <paramref name="c"/> into it, as <see cref="UpdateBatch"/> says.</summary>
    private void Edit(ParticleBatch<R> batch, Particles<R> previous, ParticleBatch<R> old, int c, int rows, Key key, double[] weights, Rejections rejections)
    {
        var start = c * batch.ChunkSize;
        var chunk = batch.Chunks[c] = new BatchChunk(start, rows);
        var constraints = batch.Constraints.Map;
        var scratch = NewTrace();
        var seed = KeySource.OpenSeed(key);
        try
        {
            for (var row = 0; row < rows; row++)
            {
                var i = start + row;
                KeySource.Reseed(seed, key.FoldIn((uint)i));
                if (previous.RejectionOf(i) is { } earlier)
                {
                    Reject(i, earlier);
                    continue;
                }
                try
                {
                    var particleKey = seed.Stream.Next(); // the key Update draws
                    batch.SetKey(i, particleKey);
                    var sites = Load(old, i, scratch);
                    var state = State(particleKey, constraints, scratch);
                    state.Batch = batch.Constraints;
                    var mode = new UpdateMode(state);
                    var retval = Run(ref mode, scratch);
                    scratch.Sweep(ref mode.State, sites, remove: true);
                    mode.State.SubtractRemoved();
                    if (mode.State.Used != constraints.Count)
                    {
                        scratch.Complete(retval, mode.State);
                        Gen.Constraints.EnsureAllVisited(constraints, mode.State.Used, scratch, "Update");
                    }
                    weights[i] = previous.LogWeightOf(i) + mode.State.Weight;
                    batch.Scores[i] = mode.State.Score;
                    batch.Retvals[i] = retval;
                    var writer = new RowWriter(chunk, row, batch.Constraints);
                    scratch.VisitSlots(ref writer);
                }
                catch (Exception error) when (Rejection.Rejects(error))
                {
                    Reject(i, error);
                }
                finally
                {
                    var clearer = new SlotClearer();
                    scratch.VisitSlots(ref clearer);
                }
            }
        }
        finally
        {
            KeySource.Close(seed);
        }

        // A rejected particle keeps the trace it had, with log weight −∞ (as the per-particle edit leaves it).
        void Reject(int i, Exception reason)
        {
            weights[i] = double.NegativeInfinity;
            rejections.Add(i, reason);
            batch.Keep(i, previous.TraceAt(i));
        }
    }

    /// <summary>
    /// Particle <paramref name="i"/> of <paramref name="old"/> made again in <paramref name="scratch"/>: its row's values
    /// loaded, then its call run over them under the Update rule (nothing drawn, nothing constrained), which gives every
    /// site the score its view's full trace has (the same values, parameters and order); then marked for an edit under
    /// this call. Returns how many sites it holds.
    /// </summary>
    private int Load(ParticleBatch<R> old, int i, TTrace scratch)
    {
        var call = Unsafe.As<CompiledFunction<R, TTrace>>(old.FunctionOf(i)); // of this class (checked for the batch)
        var (chunk, row) = old.Locate(i);
        var reader = new RowReader(chunk, row, old.Constraints);
        scratch.VisitSlots(ref reader);
        var mode = new UpdateMode(call.State(old.KeyOf(i), ChoiceMap.Empty, scratch));
        scratch.Complete(call.Run(ref mode, scratch), mode.State);
        return scratch.MarkForEdit(this);
    }
}
