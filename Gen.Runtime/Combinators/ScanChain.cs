using System;

namespace Gen.Internal;

/// <summary>
/// One particle's Scan trace as a chain: the steps batch edits appended, each linking to the chain before it, over the
/// trace the particle started from. Particles resampled from one share its chain, so adding a step to N particles
/// costs N links, not N copies of every earlier step; the trace is assembled only when asked for.
/// </summary>
internal sealed class ScanChain<S>
{
    private readonly Trace<S[]>? _start; // the root's trace (any trace: a rejected particle's placeholder too)
    private readonly ScanChain<S>? _before;
    private readonly Trace<S>? _step;
    private Trace<S[]>? _trace;

    private ScanChain(Trace<S[]>? start, ScanChain<S>? before, Trace<S>? step, ScanFunction<S>? function, double score, int length)
    {
        _start = start;
        _before = before;
        _step = step;
        Function = function;
        Score = score;
        Length = length;
    }

    /// <summary>The chain of a whole trace, no steps appended.</summary>
    public static ScanChain<S> Of(Trace<S[]> trace) => trace is IndexedTrace<S> { Combinator: ScanFunction<S> scan } calls
        ? new(trace, null, null, scan, calls.Score, calls.Count) { _trace = trace }
        : new(trace, null, null, null, trace.Score, -1) { _trace = trace };

    /// <summary>This chain with one more step, made by <paramref name="function"/>; <paramref name="score"/> is the whole trace's.</summary>
    public ScanChain<S> Then(Trace<S> step, ScanFunction<S> function, double score) => new(null, this, step, function, score, Length + 1);

    /// <summary>The Scan that made the last step (or the start trace); null when the start is not a Scan's trace.</summary>
    public ScanFunction<S>? Function { get; }

    /// <summary>The trace's score: the steps' scores summed in index order, as the Scan sums them.</summary>
    public double Score { get; }

    /// <summary>The number of steps; −1 when the start is not a Scan's trace.</summary>
    public int Length { get; }

    /// <summary>The last step's return value (the state the next step starts from); only for a chain with steps.</summary>
    public S Last => _step is not null ? _step.Retval : ((IndexedTrace<S>)_start!).Retval[Length - 1];

    /// <summary>The trace: the start's, or the steps gathered into the trace the Scan would have made (made once).</summary>
    public Trace<S[]> Trace => _trace ??= Assemble();

    private IndexedTrace<S> Assemble()
    {
        var subtraces = new Trace<S>[Length];
        var retvals = new S[Length];
        var link = this;
        for (; link._step is not null; link = link._before!)
        {
            subtraces[link.Length - 1] = link._step;
            retvals[link.Length - 1] = link._step.Retval;
        }
        var start = (IndexedTrace<S>)link._start!;
        Array.Copy(start.Subtraces, subtraces, start.Count);
        Array.Copy(start.Retval, retvals, start.Count);
        return new IndexedTrace<S>(Function!, subtraces, retvals, Score);
    }
}

/// <summary>Particles as Scan chains (<see cref="ParticlePath.ScanChains"/>).</summary>
internal sealed class ScanRows<S>(ScanChain<S>[] chains) : ParticleRows<S[]>
{
    public ScanChain<S>[] Chains { get; } = chains;

    /// <inheritdoc />
    public override ParticlePath Path => ParticlePath.ScanChains;

    /// <inheritdoc />
    /// <remarks>A rejected particle keeps the chain it had, as a particle with its own trace keeps that trace.</remarks>
    public override Trace<S[]> View(int i, Exception? rejection) => Chains[i].Trace;

    /// <inheritdoc />
    public override ParticleRows<S[]> Gather(int[] indices)
    {
        var gathered = new ScanChain<S>[indices.Length];
        for (var i = 0; i < indices.Length; i++) gathered[i] = Chains[indices[i]];
        return new ScanRows<S>(gathered);
    }
}
