// Generated code vs hand-written baseline vs interpreter. Run:
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks -- --filter '*' --job short
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks -- --gradient     (a stopwatch: the regression's gradient, best of 50 × 10,000)
using System.Diagnostics;
using BenchmarkDotNet.Running;
using Gen.Benchmarks;

if (args.Contains("--gradient"))
{
    var regression = new RegressionGradientBenchmarks();
    regression.Setup();
    var only = args.SkipWhile(a => a != "--gradient").Skip(1).Take(1).FirstOrDefault(a => !a.StartsWith("--")); // e.g. --gradient target: that row alone (for a profiler)
    foreach (var (name, run) in new (string, Func<double>)[] { ("Assess", regression.Assess), ("gradient target", regression.GradientTarget), ("hand-written gradient", regression.GradientHand) })
    {
        if (only is not null && !name.Contains(only)) continue;
        const int calls = 10_000;
        for (var i = 0; i < calls; i++) run(); // warm-up
        var best = Enumerable.Range(0, 50).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++) run();
            return watch.Elapsed.TotalMilliseconds * 1000 / calls;
        }).Min();
        Console.WriteLine($"  {name,-24} {best * 1000,8:F0} ns per call");
    }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(LineBenchmarks).Assembly).Run(args);
