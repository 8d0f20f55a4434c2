using System;
using System.Threading;

namespace Gen;

/// <summary>
/// Settings for a long inference run: cancellation, progress reports and the number of cores. None of them
/// changes the result: on a fixed key, a run gives the same answer on any number of threads.
/// </summary>
/// <example><code>
/// var options = new InferenceOptions { Progress = new Progress&lt;InferenceProgress&gt;(p =&gt; Console.Write($"\r{p}")), Cancellation = cts.Token };
/// var particles = model.ImportanceK(100_000, observations, options);
/// </code></example>
public record InferenceOptions
{
    /// <summary>Settings with no cancellation, no progress and all cores.</summary>
    public static InferenceOptions Default { get; } = new();

    /// <summary>Cancels the run: it then throws <see cref="OperationCanceledException"/> at its next check.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Receives progress reports, about a hundred per run (from the thread that started it), the last one with
    /// <see cref="InferenceProgress.Completed"/> equal to <see cref="InferenceProgress.Total"/>.
    /// </summary>
    public IProgress<InferenceProgress>? Progress { get; init; }

    /// <summary>The most cores to use; null means all of them.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>How far an inference run has come: <paramref name="Completed"/> of <paramref name="Total"/> units of <paramref name="Operation"/>.</summary>
/// <param name="Operation">What is running, e.g. <c>ImportanceK</c>, <c>EditK</c>, <c>SMC</c>, <c>MCMC</c>.</param>
/// <param name="Completed">Units done (particles, steps).</param>
/// <param name="Total">Units in all.</param>
public readonly record struct InferenceProgress(string Operation, int Completed, int Total)
{
    /// <summary>The fraction done, between 0 and 1.</summary>
    public double Fraction => Total == 0 ? 1.0 : (double)Completed / Total;

    /// <inheritdoc />
    public override string ToString() => $"{Operation}: {Completed}/{Total} ({Fraction:P0})";
}

/// <summary>
/// Progress that never goes back: an operation that runs again after a fallback (a batch path that gives way to another
/// layout or to one trace per particle) reports only once it passes what was reported, so a progress bar never jumps back.
/// </summary>
internal sealed class MonotoneProgress(IProgress<InferenceProgress> inner) : IProgress<InferenceProgress>
{
    private int _completed = -1;

    public static InferenceOptions Of(InferenceOptions options) =>
        options.Progress is { } progress and not MonotoneProgress ? options with { Progress = new MonotoneProgress(progress) } : options;

    public void Report(InferenceProgress value)
    {
        // Workers report concurrently: a report no further than one already passed on is dropped.
        int seen;
        do
        {
            seen = Volatile.Read(ref _completed);
            if (value.Completed <= seen) return;
        }
        while (Interlocked.CompareExchange(ref _completed, value.Completed, seen) != seen);
        inner.Report(value);
    }
}
