using System;

namespace Gen;

/// <summary>
/// The rejection rule of the inference library (Stan's): an <see cref="ArgumentOutOfRangeException"/> (a distribution
/// given invalid parameters, such as <c>normal(0, -0.1)</c>) or an <see cref="ArithmeticException"/> (overflow,
/// division by zero, a non-finite number) raised while running a model or proposal at a proposed or constrained point
/// means the density cannot be evaluated there: the point is rejected (weight zero, or the move not taken), counted and
/// reported, and inference goes on. Every other exception propagates: a misspelled address is an
/// <see cref="ArgumentException"/>, a cancelled run an <see cref="OperationCanceledException"/>.
/// </summary>
internal static class Rejection
{
    /// <summary>Whether <paramref name="error"/>, raised while running a proposed or constrained execution, rejects that execution.</summary>
    public static bool Rejects(Exception error) => error is ArgumentOutOfRangeException or ArithmeticException;

    /// <summary>"ArgumentOutOfRangeException: Parameter 'sigma' must be positive…": the reason as one line for messages.</summary>
    public static string Describe(Exception error) => $"{error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")}";
}

/// <summary>
/// Counts the moves rejected by an error on this thread while it is open: the Metropolis–Hastings steps report here,
/// so that <see cref="Inference.Mcmc.Run{R}"/> and a particle filter's rejuvenation can count the rejections of the
/// kernels they run (a kernel returns only its trace and whether it moved).
/// </summary>
internal sealed class RejectionLog
{
    [ThreadStatic] private static RejectionLog? t_current;

    private readonly RejectionLog? _saved;
    private readonly bool _propagate;

    private RejectionLog(RejectionLog? saved, bool propagate)
    {
        _saved = saved;
        _propagate = propagate;
    }

    /// <summary>How many moves were rejected by an error.</summary>
    public int Count { get; private set; }

    /// <summary>The first reason, or null.</summary>
    public Exception? First { get; private set; }

    /// <summary>
    /// Opens a log on this thread. With <paramref name="propagate"/>, <see cref="Close"/> adds its count to the log it
    /// shadowed (a chain run inside a counted kernel); a particle of a batch opens one without, as the thread it runs
    /// on is not the caller's.
    /// </summary>
    public static RejectionLog Open(bool propagate)
    {
        var log = new RejectionLog(t_current, propagate);
        t_current = log;
        return log;
    }

    /// <summary>Restores the log this one shadowed (call in a <c>finally</c>).</summary>
    public void Close()
    {
        t_current = _saved;
        if (_propagate && _saved is not null && First is not null) _saved.Add(First, Count);
    }

    /// <summary>Records <paramref name="count"/> rejections, the first of them for <paramref name="reason"/>.</summary>
    public void Add(Exception reason, int count = 1)
    {
        First ??= reason;
        Count += count;
    }

    /// <summary>Records one rejected move in the open log of this thread, if any.</summary>
    public static void Report(Exception reason) => t_current?.Add(reason);
}
