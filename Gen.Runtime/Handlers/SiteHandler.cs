using Gen.Internal;

namespace Gen;

/// <summary>The interpreter's handler for one GFI method: each visited site runs the mode's rule for a run-time address.</summary>
internal sealed class SiteHandler<TMode>(TMode mode) : Handler where TMode : struct, ISiteMode
{
    public TMode Mode = mode;

    /// <summary>
    /// Runs the site's rule with this handler uninstalled: an interpreted callee installs its own, and a compiled one
    /// must not have stray draws (an untraced <c>.At</c> in a plain helper) recorded in this trace — exactly what
    /// happens when the caller is compiled code, which installs no handler.
    /// </summary>
    public override R Visit<R>(GenerativeFunction<R> function, Address address)
    {
        var outer = Suspend();
        try
        {
            return Mode.Dynamic(function, address);
        }
        finally
        {
            Resume(outer);
        }
    }
}
