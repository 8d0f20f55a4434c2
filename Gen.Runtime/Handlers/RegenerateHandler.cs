namespace Gen;

/// <summary>
/// Regenerate (Gen.jl semantics): selected sites are resampled from the prior (their proposal cancels), other
/// kept sites are rescored, new sites are sampled; removed sites cancel against the reverse move's proposal.
/// The weight is the log Metropolis–Hastings acceptance ratio.
/// </summary>
internal sealed class RegenerateHandler(string functionName, Key key, SiteRecord previous, Selection selection) : Handler
{
    private KeyStream _keys = new(key);

    public SiteRecord Sites { get; } = new(functionName);
    public double Score { get; private set; }
    public double Weight { get; private set; }

    public override R Visit<R>(GenerativeFunction<R> function, Address address)
    {
        Sites.Claim(address);
        var siteKey = _keys.Next();
        Trace<R> trace;
        if (previous.Find(address) is Trace<R> old && function.CanEdit(old))
        {
            var edit = function.RegenerateCore(siteKey, old, Below(selection, address));
            trace = edit.Trace;
            Weight += edit.Weight;
        }
        else
        {
            trace = function.SimulateCore(siteKey);
        }
        Sites.Record(address, trace);
        Score += trace.Score;
        return trace.Retval;
    }

    internal static Selection Below(Selection selection, Address address)
    {
        foreach (var part in address.Parts) selection = selection[part];
        return selection;
    }
}
