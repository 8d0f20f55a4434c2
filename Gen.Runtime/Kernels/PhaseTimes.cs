using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Gen.Internal;

/// <summary>
/// Where a kernel batch's time goes, phase by phase, summed over calls since <see cref="Reset"/>: benchmarks turn it on
/// (<see cref="Enabled"/>) to split a device call into the launch, the copies and the host's own work. Off, a phase
/// costs one flag read; the library never reads it.
/// </summary>
internal static class PhaseTimes
{
    private static readonly ConcurrentDictionary<string, long> Ticks = new();

    /// <summary>Whether phases are timed (benchmarks set it; off by default).</summary>
    public static bool Enabled { get; set; }

    /// <summary>A clock reading to pass to <see cref="Add"/> at the phase's end (0 when timing is off).</summary>
    public static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Adds the time since <paramref name="start"/> to <paramref name="phase"/>; returns the clock, the next phase's start.</summary>
    public static long Add(string phase, long start)
    {
        if (!Enabled) return 0;
        var now = Stopwatch.GetTimestamp();
        Ticks.AddOrUpdate(phase, static (_, elapsed) => elapsed, static (_, sum, elapsed) => sum + elapsed, now - start);
        return now;
    }

    /// <summary>Seconds per phase since the last <see cref="Reset"/>.</summary>
    public static IReadOnlyList<(string Phase, double Seconds)> Read() =>
        Ticks.Select(p => (p.Key, (double)p.Value / Stopwatch.Frequency)).ToList();

    public static void Reset() => Ticks.Clear();
}
