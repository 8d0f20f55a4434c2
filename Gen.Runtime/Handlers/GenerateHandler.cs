namespace Gen;

/// <summary>Simulate (no constraints) and Importance: samples unconstrained sites, fixes constrained ones.</summary>
internal sealed class GenerateHandler(string functionName, Key key, ChoiceMap constraints) : Handler
{
    private KeyStream _keys = new(key);

    public SiteRecord Sites { get; } = new(functionName);
    public double Score { get; private set; }
    public double Weight { get; private set; }
    public int Used;

    public override R Visit<R>(GenerativeFunction<R> function, Address address)
    {
        Sites.Claim(address);
        var siteKey = _keys.Next();
        var (trace, weight) = function.GenerateCore(siteKey, Submap(constraints, address), ref Used);
        Sites.Record(address, trace);
        Score += trace.Score;
        Weight += weight;
        return trace.Retval;
    }

    internal static ChoiceMap Submap(ChoiceMap map, Address address) => map.IsEmpty ? ChoiceMap.Empty : map.GetSubmap(address);
}
