using System.Runtime.CompilerServices;

namespace Gen.Generators.Tests.Support;

/// <summary>
/// Compares generated source with a committed <c>Snapshots/Name.verified.cs</c>. On a difference it writes
/// <c>Name.received.cs</c> beside it and fails with the first differing lines; set GEN_ACCEPT_SNAPSHOTS=1 to accept
/// the received text as the new verified snapshot.
/// </summary>
public static class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string caller = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(caller)!, "..", "Snapshots");
        var verified = Path.Combine(folder, name + ".verified.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("GEN_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}. The generated text was written to {received}; review it and accept with GEN_ACCEPT_SNAPSHOTS=1."
            : $"Generated source differs from {verified}:\n{Diff(expected, actual)}\nReceived text: {received}; accept with GEN_ACCEPT_SNAPSHOTS=1.");
    }

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var lines = new List<string>();
        for (var i = 0; i < Math.Max(e.Length, a.Length) && lines.Count < 20; i++)
        {
            var left = i < e.Length ? e[i] : "<missing>";
            var right = i < a.Length ? a[i] : "<missing>";
            if (left == right) continue;
            lines.Add($"line {i + 1}:\n  - {left}\n  + {right}");
        }
        return string.Join("\n", lines);
    }
}
