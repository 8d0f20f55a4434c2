using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Gen.Gpu.Tests;

/// <summary>
/// Runs this assembly's tests without <c>dotnet test</c>, for a machine with a GPU and only the .NET runtime:
/// <c>dotnet Gen.Runtime.Gpu.Tests.dll --cuda</c> runs every <see cref="CpuAcceleratorTests"/> fixture on the CUDA GPU
/// (the differential tests then compare CUDA's particles with the CPU's, bit for bit). Prints each failure and a
/// summary line; exits 1 if any test failed.
/// </summary>
public static class DeviceRun
{
    /// <summary>Whether the fixtures run on CUDA (set by <c>--cuda</c>).</summary>
    public static bool OnCuda { get; private set; }

    public static int Main(string[] args)
    {
        OnCuda = args.Contains("--cuda");
        var output = Console.Out; // NUnit captures Console.Out while a test runs, the listener's calls included
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        runner.Load(typeof(DeviceRun).Assembly, new Dictionary<string, object>());
        var filter = args.SkipWhile(a => a != "--where-class").Skip(1).FirstOrDefault() is { } name
            ? TestFilter.FromXml($"<filter><class re='1'>{System.Security.SecurityElement.Escape(name)}</class></filter>")
            : TestFilter.Empty;
        var listener = new Listener(output);
        runner.Run(listener, filter);
        output.WriteLine($"{listener.Passed} passed, {listener.Failed} failed, {listener.Skipped} skipped");
        return listener.Failed > 0 || listener.Passed == 0 ? 1 : 0;
    }

    private sealed class Listener(System.IO.TextWriter output) : ITestListener
    {
        public int Passed, Failed, Skipped;

        public void TestStarted(ITest test) { }

        public void TestFinished(ITestResult result)
        {
            if (result.Test.IsSuite) return;
            switch (result.ResultState.Status)
            {
                case TestStatus.Passed: Passed++; break;
                case TestStatus.Failed:
                    Failed++;
                    output.WriteLine($"FAILED {result.FullName}: {result.Message}");
                    output.WriteLine(string.Join('\n', (result.StackTrace ?? "").Split('\n').Take(3)));
                    break;
                default: Skipped++; break;
            }
        }

        public void TestOutput(TestOutput output) { }

        public void SendMessage(TestMessage message) { }
    }
}
