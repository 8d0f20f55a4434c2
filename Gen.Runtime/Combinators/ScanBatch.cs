using System;
using System.Collections.Generic;
using Gen.Internal;

namespace Gen;

/// <summary>ImportanceK of a Scan, and EditK that adds steps to its particles, as steps in columns (<see cref="ParticlePath.ScanChains"/>).</summary>
internal sealed partial class ScanFunction<S>
{
    /// <summary>
    /// Every particle extended to this Scan's steps: what <c>Seed(key.FoldIn(i), () =&gt; trace.Update(this, constraints))</c>
    /// gives particle i, bit for bit (the same rule runs each new step at the same key), but each new step is a row of
    /// that step's columns, linked to the particle's row in the step before, instead of a copy of all its earlier steps
    /// in a new trace. Null unless every particle not rejected holds a trace of this Scan (same kernel, same initial
    /// state) with the same number of steps, fewer than this Scan's, and no constraint lies below its last step: an update
    /// that revisits old steps runs per particle.
    /// </summary>
    internal override Particles<S[]>? UpdateBatch(Particles<S[]> previous, EditConstraints constraints, Key key, InferenceOptions options) =>
        Grow(previous, constraints, key, options, fresh: false);

    /// <summary>
    /// ImportanceK as chains: every particle grown from an empty Scan trace by all the steps, which is what
    /// <c>Seed(key.FoldIn(i), () =&gt; Importance(constraints))</c> runs (the traced-call rule of Importance and of an
    /// Update without a previous subtrace are the same; the weight starts at zero); a rejected particle gets the
    /// placeholder trace ImportanceK gives it.
    /// </summary>
    /// <remarks>With a proposal, each particle's proposal is simulated first under its seed, as per particle.</remarks>
    internal override Particles<S[]>? ImportanceBatch(int n, EditConstraints constraints, Key key, InferenceOptions? options) =>
        ImportanceBatch(n, constraints, key, options, device: null);

    /// <summary><see cref="ImportanceBatch(int, EditConstraints, Key, InferenceOptions?)"/>, its one step on <paramref name="device"/> where it can run there (else null).</summary>
    private Particles<S[]>? ImportanceBatch(int n, EditConstraints constraints, Key key, InferenceOptions? options, IKernelBackend? device)
    {
        if (_steps == 0) return null;
        var empty = new ScanFunction<S>(_kernel, _identity, 0, _init);
        var starts = new Trace<S[]>[n];
        Array.Fill(starts, new IndexedTrace<S>(empty, [], [], 0.0));
        return Grow(new Particles<S[]>(starts, new double[n], null), constraints, key, options ?? InferenceOptions.Default, fresh: true, device);
    }

    /// <summary>
    /// The particles grown to this Scan's steps (see <see cref="UpdateBatch"/>); <paramref name="fresh"/>: ImportanceK's
    /// particles from empty traces. With a <paramref name="device"/>, the one new step's rows run there, and null where
    /// they cannot (several new steps, a proposal, a layout the constraints do not fit: the caller runs the CPU's path).
    /// </summary>
    private Particles<S[]>? Grow(Particles<S[]> previous, EditConstraints constraints, Key key, InferenceOptions options, bool fresh, IKernelBackend? device = null)
    {
        var n = previous.Count;
        var chains = previous.Rows as ScanRows<S>;
        if (chains is null && previous.Rows is not null) return null; // the columns of another kind of model
        if (previous.Rejected == n) return null; // every particle rejected: the per-particle edit leaves them as they are
        var first = FirstConstrainedIndex(constraints.Shared);
        Trace<S[]>[]? roots = null;
        int length;
        if (chains is not null)
        {
            // Every particle not rejected has the last step of the chains.
            length = chains.Last.Index + 1;
            if (!Extends(chains.Last.Scan, length, first)) return null;
        }
        else
        {
            roots = new Trace<S[]>[n];
            length = -1;
            for (var i = 0; i < n; i++)
            {
                roots[i] = previous.TraceAt(i).Whole; // a chain's view (kept through a rejuvenation) as its trace
                if (previous.RejectionOf(i) is not null) continue;
                if (roots[i] is not IndexedTrace<S> { Combinator: ScanFunction<S> made } trace
                    || length >= 0 && trace.Count != length || !Extends(made, trace.Count, first)) return null;
                length = trace.Count;
            }
        }

        var size = Batch.SmallChunkSize(n, options);
        var rejections = new Rejections(n);
        var added = new ScanStep<S>[_steps - length];
        for (var k = 0; k < added.Length; k++)
        {
            var stepConstraints = new BatchConstraints(StepConstraints(constraints.Shared, length + k));
            added[k] = k == 0
                ? new ScanStep<S>(this, length, chains?.Last, roots, chains?.RowMap, n, rejections, key, stepConstraints, size)
                : new ScanStep<S>(this, length + k, added[k - 1], null, null, n, rejections, key, stepConstraints, size);
        }
        var weights = new double[n];
        // One new step (a filter's) of a kernel-subset class, the same constraints for every particle: its rows run
        // through the class's kernel form.
        var stepKernel = added.Length == 1 && constraints.IsShared ? StepKernel(added[0], previous, constraints.Shared, key, device) : null;
        if (device is not null && stepKernel is null) return null;
        try
        {
            if (device is not null)
            {
                var (kernel, call) = stepKernel!.Value;
                ExtendOnDevice(device, kernel, call, added, size, previous, constraints, rejections, fresh, key, weights, options);
                return Particles<S[]>.FromRows(new ScanRows<S>(added[^1], null), weights, rejections.Reasons);
            }
            Batch.RunChunks(n, size, (c, count) =>
            {
                var start = c * size;
                foreach (var step in added) step.Columns.Chunks[c] = new BatchChunk(start, count);
                var writers = new StepWriters(added.Length, c, start);
                var seed = KeySource.OpenSeed(key);
                try
                {
                    if (stepKernel is ({ } kernel, { } first))
                    {
                        ExtendThroughKernel(kernel, first, added, start, count, previous, constraints, rejections, writers, fresh, key, weights, seed);
                        return;
                    }
                    for (var i = start; i < start + count; i++)
                    {
                        KeySource.Reseed(seed, key.FoldIn((uint)i));
                        weights[i] = Extend(added, i, previous, constraints, rejections, writers, fresh, seed);
                    }
                }
                finally
                {
                    KeySource.Close(seed);
                }
            }, options, fresh ? "ImportanceK" : "EditK");
        }
        catch (RevisitsOldSteps)
        {
            return null; // a particle's own constraints (a proposal's choices) reach an old step: the per-particle edit runs
        }
        return Particles<S[]>.FromRows(new ScanRows<S>(added[^1], null), weights, rejections.Reasons);
    }

    /// <summary>Whether updating a trace of <paramref name="made"/> with <paramref name="steps"/> steps to this Scan keeps them all and adds at least one.</summary>
    private bool Extends(ScanFunction<S> made, int steps, int firstConstrained) =>
        steps < _steps && steps <= firstConstrained
        && (steps == 0 || made._identity.Equals(_identity) && EqualityComparer<S>.Default.Equals(made._init, _init));

    /// <summary>
    /// Particle i's update, as <c>UpdateCore</c> runs it when it keeps every old step: the old score and keys kept, each new
    /// step through the Update rule's traced-call site at its index; its new log weight. A rejecting error leaves the
    /// particle as it was, rejected (log weight −∞).
    /// </summary>
    private double Extend(ScanStep<S>[] added, int i, Particles<S[]> previous, EditConstraints constraints, Rejections rejections, StepWriters writers,
        bool fresh, KeySource.Scope seed)
    {
        if (previous.RejectionOf(i) is { } earlier)
        {
            rejections.Add(i, earlier);
            return double.NegativeInfinity;
        }
        var attempted = constraints.Shared; // what a rejected fresh particle's placeholder records, as per particle
        try
        {
            var first = added[0];
            var (map, proposed) = constraints.For(i); // a proposal draws the particle's first key
            attempted = map;
            var own = ReferenceEquals(map, constraints.Shared) ? null : map;
            if (own is not null && FirstConstrainedIndex(own) < first.Index) throw new RevisitsOldSteps();
            var mode = new UpdateMode(State(seed.Stream.Next(), map)); // the key Update draws (the particle's scope, read directly)
            mode.State.Score = first.Before?.Totals[first.Parent(i)] ?? first.Roots![i].Score;
            mode.State.Keys.Seek((uint)first.Index);
            var state = first.StateBefore(i);
            for (var k = 0; k < added.Length; k++)
            {
                state = Step(ref mode, added[k], i, state, writers, k, own);
                added[k].Totals[i] = mode.State.Score;
            }
            mode.State.SubtractRemoved();
            if (mode.State.Used != map.Count) Constraints.EnsureAllVisited(map, mode.State.Used, added[^1].Trace(i), fresh ? "Importance" : "Update");
            return previous.LogWeightOf(i) + mode.State.Weight - proposed;
        }
        catch (Exception error) when (Rejection.Rejects(error))
        {
            rejections.Add(i, error);
            // A fresh particle has no trace to keep: it gets ImportanceK's placeholder (its row's root, which is its own).
            if (fresh) added[0].Roots![i] = new RejectedTrace<S[]>(this, attempted, error);
            return double.NegativeInfinity;
        }
    }

    /// <summary>
    /// One new step of row i: the Update rule's traced call at index t with no previous subtrace (<c>UpdateMode.Call</c>).
    /// A callee whose class lays its traces out in columns runs into the step's columns with that rule's arithmetic (its
    /// key, weight, score and consumed constraints); any other (a distribution, a model with traced calls) runs the rule
    /// itself and its trace is kept.
    /// </summary>
    private S Step(ref UpdateMode mode, ScanStep<S> step, int i, S state, StepWriters writers, int k, ChoiceMap? own)
    {
        var callee = writers.Call(_kernel, step.Index, state);
        if (callee is not Distribution<S> && writers.For(k, step, callee) is { } rows)
        {
            var used = 0;
            var stepOwn = own is null ? null : StepConstraints(own, step.Index);
            if (rows.TryGenerate(callee, mode.State.Keys.At(mode.State.Keys.Count), i - writers.Start, stepOwn, ref used, out var value, out var score, out var weight))
            {
                mode.State.Keys.Reserve();
                mode.State.Used += used;
                mode.State.Weight += weight;
                mode.State.Score += score;
                step.Columns.Scores[i] = score;
                step.Columns.Retvals[i] = value;
                return value;
            }
        }
        var slot = default(Subtrace);
        var result = SubtraceSite.Visit(ref mode, callee, new IndexAddress(step.Index), ref slot);
        var trace = (Trace<S>)slot.Trace!;
        step.SetTrace(i, trace, trace.Score);
        return result;
    }

    /// <summary>The constraints below step t, as the traced-call rule at index t reads them.</summary>
    private static ChoiceMap StepConstraints(ChoiceMap constraints, int t) => Submap(new IndexAddress(t), constraints);

    private static ChoiceMap Submap<TAddress>(TAddress address, ChoiceMap constraints) where TAddress : struct, ISiteAddress => address.Submap(constraints);

    /// <summary>A particle's own constraints reach a step before the edit's first: the chains cannot keep every old step.</summary>
    private sealed class RevisitsOldSteps : Exception;

    /// <summary>A worker's column writers, one per new step, made at its first row (null where the callee has no columns).</summary>
    private sealed class StepWriters(int steps, int chunk, int start)
    {
        private readonly CallRows<S>?[] _writers = new CallRows<S>?[steps];
        private readonly bool[] _made = new bool[steps];

        /// <summary>The first row of the worker's chunk.</summary>
        public int Start { get; } = start;

        // The worker's last few kernel calls, each with its step and state; replaced in turn.
        private const int Remembered = 4;
        private readonly GenerativeFunction<S>?[] _calls = new GenerativeFunction<S>?[Remembered];
        private readonly int[] _indices = new int[Remembered];
        private readonly S[] _states = new S[Remembered];
        private int _next;

        /// <summary>
        /// The kernel's call for step t from <paramref name="state"/>: a recent row's call again when its step and
        /// state are the same bits (copies of one ancestor sit side by side after resampling, and a discrete state
        /// repeats), so a row need not allocate a call that is the same function of the same arguments. A state that
        /// holds references is never compared (its bits say nothing about what it refers to).
        /// </summary>
        public GenerativeFunction<S> Call(Func<int, S, GenerativeFunction<S>> kernel, int t, S state)
        {
            if (!SameBits.Applies<S>()) return kernel(t, state);
            for (var j = 0; j < Remembered; j++)
                if (_calls[j] is { } call && _indices[j] == t && SameBits.Equal(_states[j], state)) return call;
            var made = kernel(t, state);
            (_calls[_next], _indices[_next], _states[_next]) = (made, t, state);
            _next = (_next + 1) % Remembered;
            return made;
        }

        public CallRows<S>? For(int k, ScanStep<S> step, GenerativeFunction<S> callee)
        {
            if (_made[k]) return _writers[k];
            _made[k] = true;
            return _writers[k] = callee.NewCallRows(step.Columns.Chunks[chunk], step.Columns.Constraints);
        }
    }
}
