// ImportanceK throughput on the curve-fitting model, all cores vs one core; batched ImportanceK and the particle filter
// against hand-written loops (BatchImportanceBenchmarks, SmcBenchmarks). Run:
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference              (BenchmarkDotNet, ~1 minute)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference -- --quick   (a stopwatch, a few seconds;
//                                                                                     DOTNET_gcServer=1 for server GC)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference -- --smc     (the three particle filters, a stopwatch)
using System.Diagnostics;
using BenchmarkDotNet.Running;
using Gen;
using Gen.Benchmarks.Inference;
using Gen.Samples.CurveFitting;
using static Gen.Transforms;

if (args.Contains("--smc"))
{
    // A stopwatch comparison of the particle filters of SmcBenchmarks (best of 10 each, after the set-up's check and warm-up).
    var smc = new SmcBenchmarks();
    var only = args.SkipWhile(a => a != "--smc").Skip(1).FirstOrDefault(); // e.g. --smc chains: that filter alone (for a profiler)
    if (only is null) smc.Setup();
    else smc.Prepare();
    foreach (var (name, run) in new (string, Func<double>)[] { ("hand-written", smc.HandWritten), ("ParticleFilter (chains)", smc.ParticleFilter), ("per particle", smc.PerParticle) })
    {
        if (only is not null && !name.Contains(only)) continue;
        var best = Enumerable.Range(0, 10).Select(_ => { var w = Stopwatch.StartNew(); run(); return w.Elapsed.TotalMilliseconds; }).Min();
        Console.WriteLine($"  {name,-24} {best,8:F1} ms  {SmcBenchmarks.N * Weather.Steps / best * 1000,14:N0} particle-steps/s");
    }
    return;
}

if (args.Contains("--quick"))
{
    var (xs, observations) = CurveData.Make();
    Console.WriteLine($"ImportanceK, curve-fitting model, K = {ImportanceKBenchmarks.K:N0}, {Environment.ProcessorCount} cores available, " +
                      $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC (set DOTNET_gcServer=1 for server GC)");
    foreach (var cores in new int?[] { null, 1 })
    {
        var options = new InferenceOptions { MaxDegreeOfParallelism = cores };
        Seed(new Key(0), () => Curve.ModelGen(xs).ImportanceK(10_000, observations, options)); // warm-up
        var times = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            Seed(new Key(1), () => Curve.ModelGen(xs).ImportanceK(ImportanceKBenchmarks.K, observations, options));
            times.Add(watch.Elapsed.TotalSeconds);
        }
        var best = times.Min();
        Console.WriteLine($"  {(cores is null ? "all cores" : "1 core"),-10} best of 3: {best:F2} s, {ImportanceKBenchmarks.K / best:N0} particles/s");
    }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ImportanceKBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
