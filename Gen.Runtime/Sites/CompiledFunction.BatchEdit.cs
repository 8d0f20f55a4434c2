using System;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>EditK (Update) of particles in columns, into new columns: one scratch trace per worker, no trace object per particle.</summary>
public abstract partial class CompiledFunction<R, TTrace>
{
    /// <summary>
    /// Every particle of a batch updated to this call: what <c>Seed(key.FoldIn(i), () =&gt; trace.Update(this, constraints))</c>
    /// gives particle i, bit for bit. The previous particle is made again in a scratch trace from its row (see
    /// <see cref="Load"/>), that trace is edited in place under the Update rule, and the result goes to row i of the new
    /// columns. Null unless the particles are in columns of a call of this class (the per-particle edit runs), or when an
    /// execution does not fit the columns.
    /// </summary>
    internal sealed override Particles<R>? UpdateBatch(Particles<R> previous, ChoiceMap constraints, Key key, InferenceOptions options)
    {
        if (previous.Rows is not ParticleBatch<R> old || old.Function.GetType() != GetType() || LayoutObstacle() is not null) return null;
        var n = previous.Count;
        var batch = new ParticleBatch<R>(this, new BatchConstraints(constraints), n, Batch.TraceChunkSize(n, options));
        var weights = new double[n];
        var rejections = new Rejections(n);
        var rule = new UpdateRule(previous, old);
        try
        {
            Batch.RunChunks(n, batch.ChunkSize, (c, rows) => Fill(batch, c, rows, key, weights, rejections, rule), options, "EditK");
        }
        catch (BatchLayoutException)
        {
            return null; // an execution the columns cannot hold: the per-particle edit gives the same particles
        }
        return Particles<R>.FromRows(batch, weights, rejections.Reasons);
    }

    /// <summary>
    /// An edit of a batch's particle under the Update rule, as <c>UpdateCore</c> edits its view's full trace: made again in
    /// the scratch trace, edited there in place; a particle rejected before, or by this edit, keeps the trace it had.
    /// </summary>
    private readonly struct UpdateRule(Particles<R> previous, ParticleBatch<R> old) : IRowRule
    {
        public string Operation => "Update";

        public Exception? Earlier(int i) => previous.RejectionOf(i);

        public R Run(CompiledFunction<R, TTrace> function, int i, Key key, TTrace scratch, BatchConstraints constraints, out GfiState state)
        {
            var sites = function.Load(old, i, scratch);
            var edit = function.State(key, constraints.Map, scratch);
            edit.Batch = constraints;
            var mode = new UpdateMode(edit);
            var retval = function.Run(ref mode, scratch);
            scratch.Sweep(ref mode.State, sites, remove: true);
            mode.State.SubtractRemoved();
            state = mode.State;
            return retval;
        }

        public double Weight(int i, double weight) => previous.LogWeightOf(i) + weight;

        public void Rejected(ParticleBatch<R> batch, int i) => batch.Keep(i, previous.TraceAt(i));
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
