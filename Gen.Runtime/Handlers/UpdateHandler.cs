using System.Collections.Generic;
using System.Linq;

namespace Gen;

/// <summary>
/// Update (Gen.jl semantics): kept and constrained sites are rescored under the new arguments, new sites are
/// generated, and sites the new execution does not visit are removed. Weight = log p(new) − log p(old) − log q(fresh).
/// </summary>
internal sealed class UpdateHandler(string functionName, Key key, SiteRecord previous, ChoiceMap constraints) : Handler
{
    private KeyStream _keys = new(key);
    private readonly HashSet<Address> _edited = new();
    private readonly ChoiceMapBuilder _discard = new();

    public SiteRecord Sites { get; } = new(functionName);
    public double Score { get; private set; }
    public double Weight { get; private set; }
    public int Used;

    public override R Visit<R>(GenerativeFunction<R> function, Address address)
    {
        Sites.Claim(address);
        var siteKey = _keys.Next();
        var submap = GenerateHandler.Submap(constraints, address);
        Trace<R> trace;
        if (previous.Find(address) is Trace<R> old && function.CanEdit(old))
        {
            var edit = function.UpdateCore(siteKey, old, submap, ref Used);
            _edited.Add(address);
            if (!edit.Discard.IsEmpty) _discard.AddSubmap(address, edit.Discard);
            trace = edit.Trace;
            Weight += edit.Weight;
        }
        else
        {
            (trace, var weight) = function.GenerateCore(siteKey, submap, ref Used);
            Weight += weight;
        }
        Sites.Record(address, trace);
        Score += trace.Score;
        return trace.Retval;
    }

    /// <summary>Removes the sites the new execution did not edit; returns the discard.</summary>
    public ChoiceMap Finish()
    {
        var removed = previous.Sites.Where(site => !_edited.Contains(site.Key)).ToList();
        Weight -= ExactSum.Of(removed.Select(site => site.Value.Score));
        foreach (var (address, trace) in removed) _discard.AddSubmap(address, trace.Choices);
        return _discard.Build();
    }
}
