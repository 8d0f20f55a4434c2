using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The running state of one GFI execution, shared by the interpreter and generated code so that both
/// accumulate keys, scores and weights by the very same operations, in the same order.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct GfiState
{
    /// <summary>The execution's key stream: one key per visited site.</summary>
    public KeyStream Keys;

    /// <summary>Constraints (Importance, Update) or the choices being assessed (Assess).</summary>
    public ChoiceMap Constraints;

    /// <summary>The selection (Regenerate).</summary>
    public Selection Selection;

    /// <summary>log p(choices of the new trace), accumulated in visit order.</summary>
    public double Score;

    /// <summary>The method's weight, accumulated in visit order.</summary>
    public double Weight;

    /// <summary>How many constraints the execution consumed.</summary>
    public int Used;

    private string? _family;
    private ChoiceMap? _familyConstraints;
    private List<double>? _removedScores;
    private ChoiceMapBuilder? _discard;
    private HashSet<Address>? _visited;

    /// <summary>A state rooted at <paramref name="key"/>.</summary>
    public GfiState(Key key, ChoiceMap constraints, Selection? selection = null)
    {
        Keys = new KeyStream(key);
        Constraints = constraints;
        Selection = selection ?? Selection.None;
        Score = 0;
        Weight = 0;
        Used = 0;
        _removedScores = null;
        _discard = null;
        _visited = null;
        _family = null;
        _familyConstraints = null;
    }

    /// <summary>
    /// The constraint at <c>(name, index)</c>, like <see cref="ChoiceMap.TryGet{T}(string, int, out T)"/>, but the
    /// submap under <paramref name="name"/> is looked up once per run of consecutive sites of one family (names are
    /// interned literals in generated code, so a reference comparison recognises the family).
    /// </summary>
    public bool TryGetConstraint<T>(string name, int index, out T value)
    {
        if (!ReferenceEquals(name, _family))
        {
            _family = name;
            _familyConstraints = Constraints.Child(name);
        }
        return ChoiceMap.TryValue(_familyConstraints?.Child(index), out value);
    }

    /// <summary>Marks a traced call visited (Assess keeps no subtraces); a second visit is a duplicate address.</summary>
    /// <exception cref="System.InvalidOperationException">The address was already visited.</exception>
    public void Visit(Address address, string functionName)
    {
        if (!(_visited ??= new()).Add(address)) throw SiteRecord.Duplicate(address, functionName);
    }

    /// <summary>Records a site of the previous trace that the new execution dropped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare: keep it out of the generated code's hot loops
    public void Remove(Address address, double score, ChoiceMap choices)
    {
        (_removedScores ??= new()).Add(score);
        Discard(address, choices);
    }

    /// <summary>Records a replaced value in the discard.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare: keep it out of the generated code's hot loops
    public void Discard(Address address, ChoiceMap choices)
    {
        if (!choices.IsEmpty) (_discard ??= new()).AddSubmap(address, choices);
    }

    /// <summary>Subtracts the removed sites' scores, summed exactly (order-independent), from the weight.</summary>
    public void SubtractRemoved() => Weight -= _removedScores is null ? 0.0 : ExactSum.Of(_removedScores);

    /// <summary>The discard built so far.</summary>
    public readonly ChoiceMap BuildDiscard() => _discard?.Build() ?? ChoiceMap.Empty;
}
