using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The running state of one GFI execution: its key stream, inputs (constraints, selection) and accumulators (score,
/// weight, constraints used, discard, removed scores). Every site operation, in every mode and for every caller
/// (generated code, interpreter, distributions, combinators), accumulates through these same members in visit
/// order, which is why they all agree bit for bit.
/// </summary>
internal struct GfiState
{
    /// <summary>The execution's key stream: one key index per visited site (docs/keys.md).</summary>
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

    /// <summary>How many of the visited sites were present in the previous trace (edits: when all were, none was dropped).</summary>
    public int Revisits;

    /// <summary>The function being run, named in error messages.</summary>
    public readonly string FunctionName;

    /// <summary>The record of sites at run-time addresses, when the function has any (typed sites claim their address there too).</summary>
    public readonly SiteRecord? Record;

    /// <summary>In a batch, its constraints read once into typed arrays per indexed family (null outside batches).</summary>
    public BatchConstraints? Batch;

    private string? _family;
    private ChoiceMap? _familyConstraints;
    private object? _familyValues; // the family's typed constraints, in a batch
    private List<double>? _removedScores;
    private ChoiceMapBuilder? _discard;
    private ChoiceMap? _rootDiscard;

    public GfiState(KeyStream keys, ChoiceMap constraints, Selection selection, string functionName, SiteRecord? record)
    {
        Keys = keys;
        Constraints = constraints;
        Selection = selection;
        FunctionName = functionName;
        Record = record;
    }

    /// <summary>
    /// Starts a site: a second visit of the same address in one execution is an error (checked at run time only where
    /// the compiler could not rule it out), and in a function with run-time addresses the site claims its address.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter<TAddress>(TAddress address, SlotState slot) where TAddress : struct, ISiteAddress
    {
        if (address.MayRepeat && slot == SlotState.Visited) Duplicate(address);
        if (Record is not null) Claim(address);
        if (slot == SlotState.Previous) Revisits++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void Duplicate<TAddress>(TAddress address) where TAddress : struct, ISiteAddress =>
        throw SiteRecord.Duplicate(address.ToAddress(), FunctionName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void Claim<TAddress>(TAddress address) where TAddress : struct, ISiteAddress => Record!.Claim(address.ToAddress(), FunctionName);

    /// <summary>
    /// The constraint at <c>(name, index)</c>; the submap under <paramref name="name"/> is looked up once per run of
    /// consecutive sites of one family (names are interned literals in generated code, so a reference comparison
    /// recognises the family).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIndexed<T>(string name, int index, out T value)
    {
        if (!ReferenceEquals(name, _family))
        {
            _family = name;
            _familyConstraints = Constraints.Child(name);
            _familyValues = Batch?.Values<T>(name);
        }
        if (_familyValues is FamilyValues<T> typed) return typed.TryGet(index, out value);
        return ChoiceMap.TryValue(_familyConstraints?.Child(index), out value);
    }

    /// <summary>Records a site of the previous trace that the new execution dropped (or replaced by another callee).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare: keep it out of the sites' hot paths
    public void Remove(Address address, double score, ChoiceMap choices)
    {
        (_removedScores ??= new()).Add(score);
        Discard(address, choices);
    }

    /// <summary>Records replaced choices in the discard.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Discard<TAddress>(TAddress address, ChoiceMap choices) where TAddress : struct, ISiteAddress
    {
        if (choices.IsEmpty) return;
        if (address.IsRoot) _rootDiscard = choices;
        else Discard(address.ToAddress(), choices);
    }

    /// <summary>Records replaced choices in the discard.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Discard(Address address, ChoiceMap choices)
    {
        if (!choices.IsEmpty) (_discard ??= new()).AddSubmap(address, choices);
    }

    /// <summary>Subtracts the removed sites' scores, summed exactly (order-independent), from the weight.</summary>
    public void SubtractRemoved() => Weight -= _removedScores is null ? 0.0 : ExactSum.Of(_removedScores);

    /// <summary>The discard built so far.</summary>
    public readonly ChoiceMap BuildDiscard() => _rootDiscard ?? _discard?.Build() ?? ChoiceMap.Empty;
}
