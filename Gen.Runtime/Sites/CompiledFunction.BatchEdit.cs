using System;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>EditK (Update and Regenerate) of particles in columns, into new columns: one scratch trace per worker, no trace object per particle.</summary>
public abstract partial class CompiledFunction<R, TTrace>
{
    /// <summary>
    /// Every particle updated to this call, into columns: what <c>Seed(key.FoldIn(i), () =&gt; trace.Update(this, constraints))</c>
    /// gives particle i, bit for bit. A particle of a batch is made again in a scratch trace from its row (see
    /// <see cref="Load"/>) and edited there in place; a particle with its own trace (after a rejuvenation, or made by the
    /// caller) is edited in a copy of it; either way the result goes to row i of the new columns, so the next edit runs on
    /// columns too. Null unless every particle's trace is of this class (the per-particle edit runs), or when an
    /// execution does not fit the columns.
    /// </summary>
    internal sealed override Particles<R>? UpdateBatch(Particles<R> previous, EditConstraints constraints, Key key, InferenceOptions options)
    {
        if (!BatchEditable(previous, out var old)) return null;
        // A batch of a model in the kernel subset edits through its kernel form on the cores, column to column.
        if (old is not null && constraints.IsShared && IsKernel(out _)
            && UpdateThroughKernel(previous, constraints.Shared, key, new HostBackend(options, Batch.SmallChunkSize(previous.Count, options)), options) is { } edited)
            return edited;
        return EditInto(previous, new BatchConstraints(constraints.Shared), key, options, new UpdateRule(previous, old, constraints));
    }

    /// <summary>
    /// Whether the batch path can edit <paramref name="previous"/> into this call's columns: a batch of this class (its
    /// rows made again from <paramref name="old"/>), or particles whose traces are all of this class (<paramref name="old"/>
    /// null: each edited in a copy of its trace), of a model whose layout is static.
    /// </summary>
    private bool BatchEditable(Particles<R> previous, out ParticleBatch<R>? old)
    {
        old = previous.Rows as ParticleBatch<R>;
        if (LayoutObstacle() is not null) return false;
        if (old is not null) return old.Function.GetType() == GetType();
        if (previous.Rows is not null) return false;
        for (var i = 0; i < previous.Count; i++)
            if (previous.RejectionOf(i) is null && previous.TraceAt(i).Whole is not TTrace) return false;
        return true;
    }

    /// <summary>
    /// Every particle regenerated under this call, into columns: what <c>Seed(key.FoldIn(i), () =&gt; trace.Regenerate(this,
    /// selection))</c> gives particle i, bit for bit, each particle made again in a scratch trace from its row (or edited in
    /// a copy of its own trace) as <see cref="UpdateBatch"/> does. The columns keep the previous batch's constraints where
    /// the selection resamples none of them (the particles keep those values). Null where <see cref="UpdateBatch"/> would be.
    /// </summary>
    internal sealed override Particles<R>? RegenerateBatch(Particles<R> previous, Selection selection, Key key, InferenceOptions options)
    {
        if (!BatchEditable(previous, out var old)) return null;
        // Through the scratch trace even for a kernel-subset model: on the cores the edit kernel, whose site rule cannot
        // fold the body's constant parameters and whose columns must hold every row's observed values, was 2–3× slower
        // (docs/inference.md); devices run it (RegenerateThroughKernel).
        var rule = new RegenerateRule(previous, old, selection);
        // A batch's observed values stay shared constraints unless the selection names one, or a particle draws one afresh
        // (a site it had dropped, visited again): then each row holds its own.
        var kept = old is null || old.Constraints.Map.AllAddresses().Any(selection.Contains) ? null : EditInto(previous, old.Constraints, key, options, rule);
        return kept ?? EditInto(previous, BatchConstraints.None, key, options, rule);
    }

    /// <summary>
    /// One Metropolis–Hastings step per particle that resamples <paramref name="selection"/> from the prior, in columns:
    /// what <c>Seed(key.FoldIn(i), () =&gt; Mcmc.MetropolisHastings(trace, selection).Trace)</c> gives particle i, bit for
    /// bit. Every particle's proposal is regenerated into new columns (under the step's first key), then each row is taken
    /// from them or from the previous batch by the step's decision (its second key). Null unless the particles are a batch
    /// of this class whose observed values the selection leaves alone (both batches then hold them as shared constraints),
    /// or when a proposal does not fit the columns.
    /// </summary>
    /// <exception cref="InvalidOperationException">A particle's acceptance ratio is NaN (as the per-particle step raises).</exception>
    internal sealed override MovedBatch<R>? MetropolisHastingsBatch(Particles<R> previous, Selection selection, Key key, InferenceOptions options)
    {
        if (!BatchEditable(previous, out var old) || old is null || old.Constraints.Map.AllAddresses().Any(selection.Contains)) return null;
        var decisions = new Key[previous.Count];
        var proposed = EditInto(previous, old.Constraints, key, options, new MetropolisHastingsRule(new RegenerateRule(previous, old, selection), decisions), "Rejuvenate");
        if (proposed?.Rows is not ParticleBatch<R> moved) return null;
        var accepted = new bool[previous.Count];
        var (rejected, first) = (0, (Exception?)null);
        for (var i = 0; i < accepted.Length; i++)
        {
            if (previous.RejectionOf(i) is not null) continue;
            if (proposed.RejectionOf(i) is { } reason)
            {
                // A proposal the model rejects (invalid parameters): the particle stays, the move counts as rejected.
                rejected++;
                first ??= reason;
                continue;
            }
            accepted[i] = Gen.Inference.Mcmc.Accepts(old.Scores[i], proposed.LogWeightOf(i), decisions[i]);
        }
        // The moved rows go into the old rows' chunks: only where their calls are of the same functions.
        if (!ParticleBatch<R>.CallsConform(old, moved)) return null;
        return new MovedBatch<R>(old.Merge(moved, accepted), rejected, first);
    }

    /// <summary>
    /// A particle's Metropolis–Hastings proposal (<c>Mcmc.MetropolisHastings(trace, selection)</c>): its regenerate under the
    /// step's first key, whose weight is the log acceptance ratio; the step's second key is kept for the decision.
    /// </summary>
    private readonly struct MetropolisHastingsRule(RegenerateRule regenerate, Key[] decisions) : IRowRule
    {
        public string Operation => "MetropolisHastings";

        public Exception? Earlier(int i) => regenerate.Earlier(i);

        public Key RunKey(int i, Key drawn)
        {
            var keys = new KeyStream(drawn);
            var proposal = keys.Next();
            decisions[i] = keys.Next();
            return proposal;
        }

        public (ChoiceMap Map, double Proposed) Constraints(int i, ChoiceMap shared) => regenerate.Constraints(i, shared);

        public TTrace Run(CompiledFunction<R, TTrace> function, int i, Key key, TTrace scratch, ChoiceMap constraints, BatchConstraints? batch, out R retval, out GfiState state) =>
            regenerate.Run(function, i, key, scratch, constraints, batch, out retval, out state);

        public double Weight(int i, double weight, double proposed) => weight; // the log acceptance ratio

        public void Rejected(ParticleBatch<R> batch, int i) { } // the particle stays as it was (its previous row)

        public bool ChecksFixedValues => regenerate.ChecksFixedValues;
    }

    /// <summary>The particles edited under <paramref name="rule"/> into new columns over <paramref name="constraints"/>, or null when an execution does not fit them.</summary>
    private Particles<R>? EditInto<TRule>(Particles<R> previous, BatchConstraints constraints, Key key, InferenceOptions options, TRule rule, string operation = "EditK")
        where TRule : struct, IRowRule
    {
        var n = previous.Count;
        var batch = new ParticleBatch<R>(this, constraints, n, Batch.TraceChunkSize(n, options));
        var weights = new double[n];
        var rejections = new Rejections(n);
        try
        {
            Batch.RunChunks(n, batch.ChunkSize, (c, rows) => Fill(batch, c, rows, key, weights, rejections, rule), options, operation);
        }
        catch (BatchLayoutException)
        {
            return null; // an execution the columns cannot hold: the per-particle edit gives the same particles
        }
        if (!ParticleBatch<R>.CallsConform(batch)) return null; // chunks of calls of different functions at one address
        return Particles<R>.FromRows(batch, weights, rejections.Reasons);
    }

    /// <summary>
    /// An edit of a particle under the Update rule, as <c>UpdateCore</c> edits its trace: a particle of a batch
    /// (<paramref name="old"/>) made again in the scratch trace and edited there in place, a particle with its own trace
    /// edited in <c>UpdateCore</c>'s copy of it; a particle rejected before, or by this edit, keeps the trace it had.
    /// </summary>
    private readonly struct UpdateRule(Particles<R> previous, ParticleBatch<R>? old, EditConstraints edit) : IRowRule
    {
        public string Operation => "Update";

        public Exception? Earlier(int i) => previous.RejectionOf(i);

        public Key RunKey(int i, Key drawn) => drawn;

        public (ChoiceMap Map, double Proposed) Constraints(int i, ChoiceMap shared) => edit.For(i);

        public TTrace Run(CompiledFunction<R, TTrace> function, int i, Key key, TTrace scratch, ChoiceMap constraints, BatchConstraints? batch, out R retval, out GfiState state)
        {
            var (trace, sites) = function.Before(previous, old, i, scratch);
            retval = function.Update(trace, sites, key, constraints, batch, out state);
            return trace;
        }

        // The per-particle step's sum: the previous weight, the edit's, less the proposal's log density (0 without one).
        public double Weight(int i, double weight, double proposed) => previous.LogWeightOf(i) + weight - proposed;

        public void Rejected(ParticleBatch<R> batch, int i) => batch.Keep(i, previous.TraceAt(i));

        public bool ChecksFixedValues => false; // the constraints are the edit's own
    }

    /// <summary>
    /// An edit of a particle under the Regenerate rule, as <c>RegenerateCore</c> edits its trace (made again from its row,
    /// or a copy of its own trace); a particle rejected before, or by this edit, keeps the trace it had.
    /// </summary>
    private readonly struct RegenerateRule(Particles<R> previous, ParticleBatch<R>? old, Selection selection) : IRowRule
    {
        public string Operation => "Regenerate";

        public Exception? Earlier(int i) => previous.RejectionOf(i);

        public Key RunKey(int i, Key drawn) => drawn;

        public (ChoiceMap Map, double Proposed) Constraints(int i, ChoiceMap shared) => (ChoiceMap.Empty, 0.0);

        public TTrace Run(CompiledFunction<R, TTrace> function, int i, Key key, TTrace scratch, ChoiceMap constraints, BatchConstraints? batch, out R retval, out GfiState state)
        {
            var (trace, sites) = function.Before(previous, old, i, scratch);
            retval = function.Regenerate(trace, sites, key, selection, out state);
            return trace;
        }

        public double Weight(int i, double weight, double proposed) => previous.LogWeightOf(i) + weight;

        public void Rejected(ParticleBatch<R> batch, int i) => batch.Keep(i, previous.TraceAt(i));

        // The previous batch's observed values: a particle that no longer had one draws there when it visits the site again.
        public bool ChecksFixedValues => true;
    }

    /// <summary>
    /// Particle <paramref name="i"/> ready for an edit, and how many sites it holds: made again in <paramref name="scratch"/>
    /// from its row of <paramref name="old"/>, or (particles with traces of their own) a copy of its trace.
    /// </summary>
    private (TTrace Trace, int Sites) Before(Particles<R> previous, ParticleBatch<R>? old, int i, TTrace scratch) =>
        old is null ? Edit(previous.TraceAt(i)) : (scratch, Load(old, i, scratch));

    /// <summary>
    /// Particle <paramref name="i"/> of <paramref name="old"/> made again in <paramref name="scratch"/>: its row's values
    /// loaded, then its call run over them under the Update rule (nothing drawn; its traced calls made again under the
    /// row's choices below them), which gives every site the score its view's full trace has (the same values, parameters,
    /// keys and order); then marked for an edit under
    /// this call. Returns how many sites it holds.
    /// </summary>
    private int Load(ParticleBatch<R> old, int i, TTrace scratch)
    {
        var call = Unsafe.As<CompiledFunction<R, TTrace>>(old.FunctionOf(i)); // of this class (checked for the batch)
        var (chunk, row) = old.Locate(i);
        var reader = new RowReader(chunk, row, old.Constraints);
        scratch.VisitSlots(ref reader);
        var mode = new UpdateMode(call.State(old.KeyOf(i), RowReader.CallChoices(chunk, row, old.Constraints), scratch));
        scratch.Complete(call.Run(ref mode, scratch), mode.State);
        return scratch.MarkForEdit(this);
    }
}
