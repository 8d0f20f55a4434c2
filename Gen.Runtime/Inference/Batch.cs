using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Gen;

/// <summary>
/// Runs particles in parallel over cores. Particle i runs as if under <c>Seed(key.FoldIn(i))</c>, so its
/// result depends only on the key and i, never on the thread that ran it or on the thread count.
/// </summary>
internal static class Batch
{
    /// <summary>The degree of parallelism; tests set 1 to compare with the parallel result.</summary>
    public static int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>How many progress reports a run makes at most.</summary>
    private const int Reports = 100;

    public static T[] Run<T>(int n, Key key, Func<int, T> particle, CancellationToken cancellation = default) =>
        Run(n, key, particle, new InferenceOptions { Cancellation = cancellation }, "Batch");

    /// <summary>Runs the particles with <paramref name="options"/>: cancellation, progress (reported as <paramref name="operation"/>), parallelism.</summary>
    public static T[] Run<T>(int n, Key key, Func<int, T> particle, InferenceOptions? options, string operation)
    {
        options ??= InferenceOptions.Default;
        var results = new T[n];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? MaxDegreeOfParallelism,
            CancellationToken = options.Cancellation,
        };
        void Body(int i) => results[i] = KeySource.Seeded(key.FoldIn((uint)i), () => particle(i));
        try
        {
            if (options.Progress is not { } progress)
            {
                Parallel.For(0, n, parallel, Body);
                return results;
            }
            // Slices run one after another so that reports come from this thread, in order.
            var slice = Math.Max(1, (n + Reports - 1) / Reports);
            for (var start = 0; start < n; start += slice)
            {
                var end = Math.Min(n, start + slice);
                Parallel.For(start, end, parallel, Body);
                progress.Report(new InferenceProgress(operation, end, n));
            }
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            // Surface the model's own exception (e.g. a misspelled constraint), not the parallel wrapper.
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }
        return results;
    }

    /// <summary>
    /// Runs <paramref name="chunk"/> over contiguous ranges of <paramref name="size"/> of the indices 0 … n − 1 in parallel
    /// (one worker per range, no state shared between ranges), with <paramref name="options"/> as <see cref="Run{T}(int, Key, Func{int, T}, InferenceOptions?, string)"/>.
    /// </summary>
    public static void RunChunks(int n, int size, Action<int, int> chunk, InferenceOptions? options, string operation)
    {
        options ??= InferenceOptions.Default;
        var chunks = (n + size - 1) / size;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? MaxDegreeOfParallelism,
            CancellationToken = options.Cancellation,
        };
        void Body(int c) => chunk(c, Math.Min(size, n - c * size));
        try
        {
            if (options.Progress is not { } progress)
            {
                Parallel.For(0, chunks, parallel, Body);
                return;
            }
            var slice = Math.Max(1, (chunks + Reports - 1) / Reports);
            for (var start = 0; start < chunks; start += slice)
            {
                var end = Math.Min(chunks, start + slice);
                Parallel.For(start, end, parallel, Body);
                progress.Report(new InferenceProgress(operation, Math.Min(n, end * size), n));
            }
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// Calls <paramref name="range"/> with (first, end) over contiguous ranges covering <c>0 … n − 1</c>, on as many cores
    /// as <paramref name="options"/> allow, each range at least <paramref name="least"/> long (on one thread when n is
    /// below two of them): for loops whose iteration i writes entry i alone, so the result is the same on any number of
    /// cores. No progress is reported.
    /// </summary>
    public static void ByRanges(int n, int least, InferenceOptions? options, Action<int, int> range)
    {
        var cores = options?.MaxDegreeOfParallelism ?? (MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount);
        if (n < 2 * least || cores == 1)
        {
            range(0, n);
            return;
        }
        var size = Math.Max(least, (n + 4 * cores - 1) / (4 * cores));
        RunChunks(n, size, (c, count) => range(c * size, c * size + count), options is null ? null : options with { Progress = null }, "ranges");
    }

    /// <summary>
    /// Rows per chunk where a chunk reuses one scratch trace: enough chunks for every core to take several, each big
    /// enough to amortise its trace; with progress reports, at most a hundredth of the particles (a report per chunk, as
    /// many as the per-particle path makes).
    /// </summary>
    public static int TraceChunkSize(int n, InferenceOptions? options) =>
        options?.Progress is null ? Math.Clamp(n / (4 * Environment.ProcessorCount), 64, 4096) : Math.Max(1, (n + 99) / 100);

    /// <summary>
    /// Rows per chunk where a chunk has nothing to amortise (a kernel form, Scan chains): small chunks (about 16 per
    /// core) balance the cores best; with progress reports, as <see cref="TraceChunkSize"/>.
    /// </summary>
    public static int SmallChunkSize(int n, InferenceOptions? options) =>
        options?.Progress is null ? Math.Clamp(n / (16 * Environment.ProcessorCount), 64, 1024) : TraceChunkSize(n, options);
}
