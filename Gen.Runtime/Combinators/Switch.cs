using System;
using System.Linq;
using Gen.Internal;

namespace Gen;

/// <summary>
/// Switch applied: runs branch <c>index</c> of the branches, transparently: the branch's choices are the
/// switch's choices (no extra address level) and the branch runs with the switch's own key, so
/// <c>Switch(k, fs).At("a")</c> samples exactly what <c>fs[k].At("a")</c> would.
/// </summary>
internal sealed class SwitchFunction<R> : GenerativeFunction<R>
{
    private readonly int _index;
    private readonly GenerativeFunction<R>[] _branches;

    public SwitchFunction(int index, GenerativeFunction<R>[] branches)
    {
        ArgumentNullException.ThrowIfNull(branches);
        if (branches.Length == 0) throw new ArgumentException("Switch needs at least one branch.", nameof(branches));
        for (var i = 0; i < branches.Length; i++)
            if (branches[i] is null) throw new ArgumentNullException(nameof(branches), $"Branch {i} of the switch is null.");
        if ((uint)index >= (uint)branches.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The switch index must select one of its {branches.Length} branches (0 to {branches.Length - 1}).");
        _index = index;
        _branches = (GenerativeFunction<R>[])branches.Clone();
    }

    private GenerativeFunction<R> Branch => _branches[_index];

    public override string Name => $"Switch({string.Join(", ", _branches.Select(b => b.Name))})";

    public override string Ir => $"Switch on index {_index} of {_branches.Length} branches: runs {Branch.Name} in place";

    protected internal override Trace<R> SimulateCore(Key key) => new SwitchTrace<R>(this, _index, Branch.SimulateCore(key));

    protected internal override (Trace<R> Trace, double Weight) GenerateCore(Key key, ChoiceMap constraints, ref int used)
    {
        var (sub, weight) = Branch.GenerateCore(key, constraints, ref used);
        return (new SwitchTrace<R>(this, _index, sub), weight);
    }

    protected internal override (double Weight, R Retval) AssessCore(ChoiceMap choices, ref int used) => Branch.AssessCore(choices, ref used);

    /// <summary>
    /// Same branch: the branch's own update. Branch change (as Gen.jl's Switch): the new branch is generated with
    /// the constraints merged over the previous choices, so choices at addresses both branches share keep their
    /// values; the weight is that generate's weight minus the previous score, i.e. log p(new) − log p(old) −
    /// log q(fresh); the discard holds the previous choices that were constrained or that the new branch dropped.
    /// </summary>
    protected internal override EditResult<R> UpdateCore(Key key, Trace<R> previous, ChoiceMap constraints, ref int used)
    {
        var old = Previous(previous);
        if (old.Index == _index && Branch.CanEdit(old.Branch))
        {
            var edit = Branch.UpdateCore(key, old.Branch, constraints, ref used);
            return new EditResult<R>(new SwitchTrace<R>(this, _index, edit.Trace), edit.Weight, edit.Discard);
        }
        var merged = ChoiceMerge.Merge(old.Choices, constraints);
        var mergedUsed = 0;
        var (sub, weight) = Branch.GenerateCore(key, merged, ref mergedUsed);
        used += ChoiceMerge.CountPresent(constraints, sub.Choices);
        var discard = ChoiceMerge.Discard(old.Choices, constraints, sub.Choices);
        return new EditResult<R>(new SwitchTrace<R>(this, _index, sub), weight - old.Score, discard);
    }

    /// <summary>
    /// Same branch: the branch's own regenerate. Branch change: when both branches are distributions and the value
    /// is not selected, the value is kept and rescored (the mixture move: weight log p_new(x) − log p_old(x));
    /// otherwise the new branch is sampled from its prior, weight 0, which is the interpreter's rule for a traced
    /// call whose callee changed. Both rules are symmetric in the two branches, so the weight is the move's log
    /// Metropolis–Hastings ratio.
    /// </summary>
    protected internal override EditResult<R> RegenerateCore(Key key, Trace<R> previous, Selection selection)
    {
        var old = Previous(previous);
        if (old.Index == _index && Branch.CanEdit(old.Branch))
        {
            var edit = Branch.RegenerateCore(key, old.Branch, selection);
            return new EditResult<R>(new SwitchTrace<R>(this, _index, edit.Trace), edit.Weight, ChoiceMap.Empty);
        }
        if (Branch is Distribution<R> distribution && old.Branch is ChoiceTrace<R> choice)
        {
            // One choice changing distribution: the choice's own regenerate rule, with the previous value (the mixture move).
            var edit = distribution.RegenerateCore(key, choice, selection);
            return new EditResult<R>(new SwitchTrace<R>(this, _index, edit.Trace), edit.Weight, ChoiceMap.Empty);
        }
        return new EditResult<R>(new SwitchTrace<R>(this, _index, Branch.SimulateCore(key)), 0.0, ChoiceMap.Empty);
    }

    protected internal override bool CanEdit(Trace<R> previous) => previous is SwitchTrace<R>;

    /// <summary>
    /// The gradient through the branch taken: its gradient body runs in place (a Switch adds no address); a branch that
    /// is a distribution object is a choice at the Switch's address.
    /// </summary>
    internal override bool RunGradientAsCallee(Gradient gradient, Trace<R> trace, ReadOnlySpan<Real> arguments) =>
        trace is SwitchTrace<R> taken
        && (arguments.IsEmpty && gradient.ChoiceHere(taken.Branch) || taken.Branch.Function.RunGradientAsCallee(gradient, taken.Branch, arguments));

    private SwitchTrace<R> Previous(Trace<R> previous) =>
        previous as SwitchTrace<R> ?? throw new ArgumentException($"A switch cannot edit a trace of {previous.Function.Name}.", nameof(previous));
}

/// <summary>The trace of a switch: the index taken and the branch's trace, whose choices it shows as its own.</summary>
internal sealed class SwitchTrace<R> : Trace<R>, Gen.Internal.IBranchTrace
{
    private readonly SwitchFunction<R> _function;

    public SwitchTrace(SwitchFunction<R> function, int index, Trace<R> branch)
    {
        _function = function;
        Index = index;
        Branch = branch;
    }

    /// <summary>The branch taken.</summary>
    public int Index { get; }

    /// <summary>The branch's trace.</summary>
    public Trace<R> Branch { get; }

    Trace Gen.Internal.IBranchTrace.Branch => Branch;

    public override R Retval => Branch.Retval;

    public override double Score => Branch.Score;

    public override GenerativeFunction<R> Function => _function;

    public override ChoiceMap Choices => Branch.Choices;

    public override bool HasChoice(Address address) => Branch.HasChoice(address);

    public override T Get<T>(Address address) => Branch.Get<T>(address);

    public override double Project(Selection selection) => Branch.Project(selection);

    internal override Trace? CallAt(Address address) => Branch.CallAt(address);
}
