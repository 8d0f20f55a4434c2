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

    /// <summary>
    /// Runs the site's operation with this handler uninstalled: an interpreted callee installs its own, and a compiled
    /// one must not have stray draws (an untraced <c>.At</c> in a plain helper) recorded in this trace — exactly what
    /// happens when the caller is compiled code, which installs no handler.
    /// </summary>
    public override R Visit<R>(GenerativeFunction<R> function, Address address)
    {
        var outer = Suspend();
        try
        {
            return _mode switch
            {
                Mode.Generate => SiteOps.Generate(Sites, ref State, function, address),
                Mode.Assess => SiteOps.Assess(Sites, ref State, function, address),
                Mode.Update => SiteOps.Update(Sites, _previous!, ref State, function, address),
                _ => SiteOps.Regenerate(Sites, _previous!, ref State, function, address),
            };
        }
        finally
        {
            Resume(outer);
        }
    }
}
