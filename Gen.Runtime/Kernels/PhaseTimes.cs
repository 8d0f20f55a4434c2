using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Diagnostics;

namespace Gen.Internal;

/// <summary>
/// Where a kernel batch's time goes, phase by phase, summed over calls since <see cref="Reset"/>: benchmarks print it to
/// split a device call into the launch, the copies and the host's own work. Two clock reads per phase; never read by
/// the library itself.
/// </summary>
internal static class PhaseTimes
{
    private static readonly ConcurrentDictionary<string, long> Ticks = new();

    /// <summary>A clock reading to pass to <see cref="Add"/> at the phase's end.</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="start"/> to <paramref name="phase"/>; returns the clock, the next phase's start.</summary>
    public static long Add(string phase, long start)
    {
        var now = Stopwatch.GetTimestamp();
        Ticks.AddOrUpdate(phase, now - start, (_, sum) => sum + now - start);
        return now;
    }

    /// <summary>Seconds per phase since the last <see cref="Reset"/>.</summary>
    public static IReadOnlyList<(string Phase, double Seconds)> Read() =>
        Ticks.Select(p => (p.Key, (double)p.Value / Stopwatch.Frequency)).ToList();

    public static void Reset() => Ticks.Clear();
}
