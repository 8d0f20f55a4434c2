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

    public static T[] Run<T>(int n, Key key, Func<int, T> particle, CancellationToken cancellation = default)
    {
        var results = new T[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = cancellation };
        try
        {
            Parallel.For(0, n, options, i => results[i] = KeySource.Seeded(key.FoldIn((uint)i), () => particle(i)));
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            // Surface the model's own exception (e.g. a misspelled constraint), not the parallel wrapper.
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }
        return results;
    }
}
