namespace Gen;

/// <summary>Assess: scores a complete choice map; samples nothing.</summary>
internal sealed class AssessHandler(string functionName, ChoiceMap choices) : Handler
{
    private readonly SiteRecord _sites = new(functionName);

    public double Weight { get; private set; }
    public int Used;

    public override R Visit<R>(GenerativeFunction<R> function, Address address)
    {
        _sites.Claim(address);
        var (weight, retval) = function.AssessCore(choices.GetSubmap(address), ref Used);
        Weight += weight;
        return retval;
    }
}
