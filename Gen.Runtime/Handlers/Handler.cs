using System;

namespace Gen;

/// <summary>
/// The reference interpreter's effect handler. While a handler is installed on a thread, every sample
/// primitive (<c>.At</c>) is routed to it; each GFI method has its own handler. The interpreter is the
/// semantics that generated code must reproduce bit for bit.
/// </summary>
internal abstract class Handler
{
    [ThreadStatic] private static Handler? t_current;

    /// <summary>The innermost handler on this thread, or null outside any interpreted execution.</summary>
    public static Handler? Current => t_current;

    /// <summary>Handles one sample site: the function (a distribution or a traced call) at an address.</summary>
    public abstract R Visit<R>(GenerativeFunction<R> function, Address address);

    /// <summary>Runs <paramref name="body"/> with this handler installed.</summary>
    public T Run<T>(Func<T> body)
    {
        var outer = t_current;
        t_current = this;
        try
        {
            return body();
        }
        finally
        {
            t_current = outer;
        }
    }

    /// <summary>Uninstalls the current handler until <see cref="Resume"/> (see <see cref="SiteHandler{TMode}.Visit{R}"/>).</summary>
    public static Handler? Suspend()
    {
        var outer = t_current;
        t_current = null;
        return outer;
    }

    /// <summary>Reinstalls the handler that <see cref="Suspend"/> returned.</summary>
    public static void Resume(Handler? outer) => t_current = outer;
}
