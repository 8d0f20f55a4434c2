using Gen.Internal;

namespace Gen;

/// <summary>The interpreter's handler for one GFI method: each visited site runs the matching <see cref="SiteOps"/> operation.</summary>
internal sealed class SiteHandler : Handler
{
    private readonly Mode _mode;
    private readonly SiteRecord? _previous;
    public GfiState State;

    public enum Mode { Generate, Assess, Update, Regenerate }

    public SiteHandler(Mode mode, string functionName, GfiState state, SiteRecord? previous = null)
    {
        _mode = mode;
        _previous = previous;
        State = state;
        Sites = new SiteRecord(functionName);
    }

    public SiteRecord Sites { get; }

    public override R Visit<R>(GenerativeFunction<R> function, Address address) => _mode switch
    {
        Mode.Generate => SiteOps.Generate(Sites, ref State, function, address),
        Mode.Assess => SiteOps.Assess(Sites, ref State, function, address),
        Mode.Update => SiteOps.Update(Sites, _previous!, ref State, function, address),
        _ => SiteOps.Regenerate(Sites, _previous!, ref State, function, address),
    };
}
