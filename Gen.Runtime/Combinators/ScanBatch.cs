using System;
using System.Collections.Generic;
using Gen.Internal;

namespace Gen;

/// <summary>EditK that adds steps to a Scan's particles, as chains (<see cref="ParticlePath.ScanChains"/>).</summary>
internal sealed partial class ScanFunction<S>
{
    /// <summary>
    /// Every particle extended to this Scan's steps: what <c>Seed(key.FoldIn(i), () =&gt; trace.Update(this, constraints))</c>
    /// gives particle i, bit for bit (the same rule runs each new step at the same key), but each new step hangs on the
    /// particle's chain instead of a copy of all its earlier steps. Null unless every particle not rejected holds a trace
    /// of this Scan (same kernel, same initial state) with fewer steps, and no constraint lies below its last step: an
    /// update that revisits old steps runs per particle.
    /// </summary>
    internal override Particles<S[]>? UpdateBatch(Particles<S[]> previous, ChoiceMap constraints, Key key, InferenceOptions options)
    {
        var first = FirstConstrainedIndex(constraints);
        var chains = (previous.Rows as ScanRows<S>)?.Chains;
        var starts = new ScanChain<S>[previous.Count];
        for (var i = 0; i < starts.Length; i++)
        {
            var chain = starts[i] = chains?[i] ?? ScanChain<S>.Of(previous.TraceAt(i));
            if (previous.RejectionOf(i) is null && !Extends(chain, first)) return null;
        }
        var extended = new ScanChain<S>[starts.Length];
        var weights = new double[starts.Length];
        var rejections = new Rejections(starts.Length);
        Batch.RunChunks(starts.Length, Batch.SmallChunkSize(starts.Length, options), (c, rows) =>
        {
            var start = c * Batch.SmallChunkSize(starts.Length, options);
            var seed = KeySource.OpenSeed(key);
            try
            {
                for (var i = start; i < start + rows; i++)
                {
                    KeySource.Reseed(seed, key.FoldIn((uint)i));
                    (extended[i], weights[i]) = Extend(starts[i], previous.LogWeights[i], previous.RejectionOf(i), constraints, rejections, i);
                }
            }
            finally
            {
                KeySource.Close(seed);
            }
        }, options, "EditK");
        return Particles<S[]>.FromRows(new ScanRows<S>(extended), weights, rejections.Reasons);
    }

    /// <summary>Whether updating the chain's trace to this Scan keeps all its steps and adds at least one (the only edit the chains do).</summary>
    private bool Extends(ScanChain<S> chain, int firstConstrained) =>
        chain.Function is { } made && chain.Length < _steps && chain.Length <= firstConstrained
        && (chain.Length == 0 || made._identity.Equals(_identity) && EqualityComparer<S>.Default.Equals(made._init, _init));

    /// <summary>
    /// One particle's update, as <c>UpdateCore</c> runs it when it keeps every old step: the old score and keys kept, each new
    /// step through the Update rule's traced-call site at its index; a rejecting error leaves the chain with log weight −∞.
    /// </summary>
    private (ScanChain<S> Chain, double LogWeight) Extend(ScanChain<S> chain, double logWeight, Exception? earlier, ChoiceMap constraints,
        Rejections rejections, int i)
    {
        if (earlier is not null)
        {
            rejections.Add(i, earlier);
            return (chain, double.NegativeInfinity);
        }
        try
        {
            var mode = new UpdateMode(State(KeySource.Next(), constraints));
            mode.State.Score = chain.Score;
            mode.State.Keys.Seek((uint)chain.Length);
            var state = chain.Length == 0 ? _init : chain.Last;
            var link = chain;
            for (var t = chain.Length; t < _steps; t++)
            {
                var slot = default(Subtrace);
                state = SubtraceSite.Visit(ref mode, _kernel(t, state), new IndexAddress(t), ref slot);
                link = link.Then((Trace<S>)slot.Trace!, this, mode.State.Score);
            }
            mode.State.SubtractRemoved();
            if (mode.State.Used != constraints.Count) Constraints.EnsureAllVisited(constraints, mode.State.Used, link.Trace, "Update");
            return (link, logWeight + mode.State.Weight);
        }
        catch (Exception error) when (Rejection.Rejects(error))
        {
            rejections.Add(i, error);
            return (chain, double.NegativeInfinity);
        }
    }
}
