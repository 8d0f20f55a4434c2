// ImportanceK throughput on the curve-fitting model, all cores vs one core; batched ImportanceK and the particle filter
// against hand-written loops (BatchImportanceBenchmarks, SmcBenchmarks). Run:
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference              (BenchmarkDotNet, ~1 minute)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference -- --quick   (a stopwatch, a few seconds;
//                                                                                     DOTNET_gcServer=1 for server GC)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference -- --smc     (the three particle filters, a stopwatch)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference -- --importance   (batched ImportanceK and its loop, a stopwatch)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference -- --calls        (a Vmap model: columns against one trace per particle)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference -- --rejuvenate   (MH moves in columns against the per-trace kernel)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Inference -- --kernel-calls (traced calls in the kernel form: a call per point, and a Vmap, against the flat model)
using System.Diagnostics;
using BenchmarkDotNet.Running;
using Gen;
using Gen.Benchmarks.Inference;
using Gen.Samples.CurveFitting;
using static Gen.Transforms;

if (args.Contains("--smc"))
{
    // A stopwatch comparison of the particle filters of SmcBenchmarks (best of --runs, default 10, each, after the set-up's check and warm-up).
    var smc = new SmcBenchmarks();
    var only = args.SkipWhile(a => a != "--smc").Skip(1).Take(1).FirstOrDefault(a => !a.StartsWith("--")); // e.g. --smc chains: that filter alone (for a profiler)
    if (only is null) smc.Setup();
    else smc.Prepare();
    foreach (var (name, run) in new (string, Func<double>)[] { ("hand-written", smc.HandWritten), ("ParticleFilter (chains)", smc.ParticleFilter), ("per particle", smc.PerParticle) })
    {
        if (only is not null && !name.Contains(only)) continue;
        var (best, median) = Timed(Runs(10), run);
        Console.WriteLine($"  {name,-24} best {best,8:F1} ms, median {median,8:F1} ms  {SmcBenchmarks.N * SmcData.Steps / best * 1000,14:N0} particle-steps/s (best)");
    }
    return;
}

if (args.Contains("--calls"))
{
    // The sample's model, whose points are a Vmap of a [Gen] function (traced calls): ImportanceK and one EditK (an observation
    // changed) in columns against the per-particle path, in the same run (best and median of --runs, default 5), and the
    // bytes per particle each keeps alive. Both give the same particles, bit for bit (checked first).
    const int k = 50_000;
    var (xs, observations) = CurveData.Make();
    var model = Curve.ModelGen(xs);
    var key = new Key(3);
    var request = EditRequest.Update(ChoiceMap.Of((Address.Of("data", 4, "y"), observations.Get<double>(("data", 4, "y")) + 0.5)));
    var options = InferenceOptions.Default;
    Particles<double[]> Columns() => Seed(key, () => model.ImportanceK(k, observations));
    Particles<double[]> Traces() => Particles<double[]>.PerParticleImportance(model, k, observations, key.FoldIn(0), options);
    var (columns, traces) = (Columns(), Traces());
    Console.WriteLine($"ImportanceK({k:N0}) of the curve-fitting model (Vmap), {Environment.ProcessorCount} cores: paths {columns.Path} and {traces.Path}, " +
                      $"log marginal likelihood {columns.LogMarginalLikelihood():R} and {traces.LogMarginalLikelihood():R}");
    var editedColumns = Seed(new Key(4), () => columns.Edit(request));
    var editedTraces = traces.PerParticleEdit(request, new Key(4).FoldIn(0), options);
    Console.WriteLine($"  EditK: paths {editedColumns.Path} and {editedTraces.Path}, log marginal likelihood {editedColumns.LogMarginalLikelihood():R} and {editedTraces.LogMarginalLikelihood():R}");
    foreach (var (name, run) in new (string, Func<object>)[]
             {
                 ("ImportanceK, columns", Columns), ("ImportanceK, one trace each", Traces),
                 ("EditK, columns", () => Seed(new Key(4), () => columns.Edit(request))),
                 ("EditK, one trace each", () => traces.PerParticleEdit(request, new Key(4).FoldIn(0), options)),
                 // What an edit of the columns did before it ran in columns: each particle's view made into a trace, then edited.
                 ("EditK of columns, per view", () => columns.PerParticleEdit(request, new Key(4).FoldIn(0), options)),
             })
    {
        var (best, median) = Timed(Runs(5), () => { run(); return 0; });
        var allocated = GC.GetTotalAllocatedBytes(true);
        run();
        allocated = GC.GetTotalAllocatedBytes(true) - allocated;
        Console.WriteLine($"  {name,-28} best {best,8:F1} ms, median {median,8:F1} ms  {k / best * 1000,10:N0} particles/s  " +
                          $"{AliveBytes(run) / k,8:N0} bytes/particle alive, {allocated / k,8:N0} allocated");
    }
    return;
}

if (args.Contains("--kernel-calls"))
{
    // The kernel-subset curve model (20 points) written flat and with one traced call per point (CurveCallsModel), which
    // the kernel form runs inlined: ImportanceK and one EditK (an observation changed) of each in the same run, and the
    // call model one trace per particle (best and median of --runs, default 5). The two call paths give the same
    // particles, bit for bit (checked first).
    const int k = 100_000;
    double[] xs = Enumerable.Range(0, 20).Select(i => -1 + i / 10.0).ToArray();
    double[] ys = xs.Select((x, i) => i % 7 == 3 ? 4.0 : 0.5 + 1.2 * x - 0.8 * x * x).ToArray();
    var flatObserved = ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
    var callObserved = ChoiceMap.Of(ys.Select((y, i) => (Address.Of("data", i, "y"), (object)y)).ToArray());
    var (flat, calls, vmap) = (Gen.Benchmarks.Gpu.CurveModel.CurveGen(xs), Gen.Benchmarks.Gpu.CurveCallsModel.CurveGen(xs), Gen.Benchmarks.Gpu.CurveVmapModel.CurveGen(xs));
    var options = InferenceOptions.Default;
    var (flatRequest, callRequest) = (EditRequest.Update(ChoiceMap.Of(("y", 4), ys[4] + 0.5)), EditRequest.Update(ChoiceMap.Of(Address.Of("data", 4, "y"), ys[4] + 0.5)));
    Particles<double> Flat() => Seed(new Key(3), () => flat.ImportanceK(k, flatObserved));
    Particles<double> Calls() => Seed(new Key(3), () => calls.ImportanceK(k, callObserved));
    Particles<double> Traces() => Particles<double>.PerParticleImportance(calls, k, callObserved, new Key(3).FoldIn(0), options);
    Particles<double> Vmapped() => Seed(new Key(3), () => vmap.ImportanceK(k, callObserved));
    var (flatParticles, callParticles, traces, vmapParticles) = (Flat(), Calls(), Traces(), Vmapped());
    static bool Same(Particles<double> a, Particles<double> b) => Enumerable.Range(0, a.Count).All(i => a.LogWeights[i].Equals(b.LogWeights[i]) && a.Traces[i].Score.Equals(b.Traces[i].Score));
    var same = Same(callParticles, traces);
    var vmapSame = Same(vmapParticles, Particles<double>.PerParticleImportance(vmap, k, callObserved, new Key(3).FoldIn(0), options));
    Console.WriteLine($"ImportanceK({k:N0}) of the kernel-subset curve model, {Environment.ProcessorCount} cores: flat {flatParticles.Path}, " +
                      $"calls {callParticles.Path} (bit for bit the per-particle traces: {same}), Vmap {vmapParticles.Path} (bit for bit: {vmapSame}), " +
                      $"log marginal likelihood {flatParticles.LogMarginalLikelihood():R}, {callParticles.LogMarginalLikelihood():R}, {vmapParticles.LogMarginalLikelihood():R}");
    foreach (var (name, run) in new (string, Func<object>)[]
             {
                 ("ImportanceK, flat kernel", Flat), ("ImportanceK, kernel with calls", Calls), ("ImportanceK, kernel with a Vmap", Vmapped),
                 ("ImportanceK, calls, one trace each", Traces),
                 ("EditK, flat kernel", () => Seed(new Key(4), () => flatParticles.Edit(flatRequest))),
                 ("EditK, kernel with calls", () => Seed(new Key(4), () => callParticles.Edit(callRequest))),
                 ("EditK, kernel with a Vmap", () => Seed(new Key(4), () => vmapParticles.Edit(callRequest))),
                 ("EditK, calls, one trace each", () => traces.PerParticleEdit(callRequest, new Key(4).FoldIn(0), options)),
             })
    {
        var (best, median) = Timed(Runs(5), () => { run(); return 0; });
        Console.WriteLine($"  {name,-34} best {best,8:F1} ms, median {median,8:F1} ms  {k / best * 1000,10:N0} particles/s  {AliveBytes(run) / k,8:N0} bytes/particle alive");
    }
    return;
}

// The bytes the result of `run` keeps alive.
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static double AliveBytes(Func<object> run)
{
    var before = GC.GetTotalMemory(true);
    var kept = run();
    var bytes = GC.GetTotalMemory(true) - before;
    GC.KeepAlive(kept);
    return bytes;
}

if (args.Contains("--rejuvenate"))
{
    // One Metropolis–Hastings move of mu per particle (the issue's model: mu, 100 observations; K = 20,000), in columns
    // against the per-trace kernel on the same particles and key (best and median of --runs, default 10), after checking
    // that both give the same particles bit for bit.
    var observations = Observed.Constraints(Observed.Data());
    var particles = Seed(new Key(5), () => Observed.MeanGen(Observed.Observations).ImportanceK(BatchImportanceBenchmarks.K, observations));
    var selection = Selection.Of("mu");
    Particles<double> Columns() => Seed(new Key(6), () => particles.Rejuvenate(selection));
    Particles<double> Traces() => Seed(new Key(6), () => particles.Rejuvenate(t => Gen.Inference.Mcmc.MetropolisHastings(t, selection).Trace));
    var (columns, traces) = (Columns(), Traces());
    var same = Enumerable.Range(0, particles.Count).All(i => columns.Traces[i].Get<double>("mu").Equals(traces.Traces[i].Get<double>("mu")));
    Console.WriteLine($"Rejuvenate(mu), K = {BatchImportanceBenchmarks.K:N0}, {Environment.ProcessorCount} cores: paths {columns.Path} and {traces.Path}, same moves: {same}");
    foreach (var (name, run) in new (string, Func<object>)[] { ("in columns", Columns), ("one trace per particle", Traces) })
    {
        var (best, median) = Timed(Runs(10), () => { run(); return 0; });
        Console.WriteLine($"  {name,-24} best {best,8:F1} ms, median {median,8:F1} ms  {BatchImportanceBenchmarks.K / best * 1000,12:N0} moves/s  {AliveBytes(run) / BatchImportanceBenchmarks.K,8:N0} bytes/particle alive");
    }
    return;
}

if (args.Contains("--importance"))
{
    // A stopwatch comparison of BatchImportanceBenchmarks' two loops (best of --runs, default 30, each after a warm-up).
    var importance = new BatchImportanceBenchmarks();
    importance.Setup();
    foreach (var (name, run) in new (string, Func<double>)[] { ("hand-written", importance.HandWritten), ("ImportanceK", importance.ImportanceK) })
    {
        run();
        var (best, median) = Timed(Runs(30), run);
        Console.WriteLine($"  {name,-24} best {best,8:F2} ms, median {median,8:F2} ms  {BatchImportanceBenchmarks.K / best * 1000,14:N0} particles/s (best)");
    }
    return;
}

if (args.Contains("--quick"))
{
    var (xs, observations) = CurveData.Make();
    Console.WriteLine($"ImportanceK, curve-fitting model, K = {ImportanceKBenchmarks.K:N0}, {Environment.ProcessorCount} cores available, " +
                      $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC (set DOTNET_gcServer=1 for server GC)");
    // The sample's model (Vmap: one trace per particle) and the same model in the kernel subset ((name, i) families:
    // its kernel form on the cores, into columns), each on all cores and on one.
    var flat = ChoiceMap.Of(xs.Select((_, i) => ((Address)("y", i), (object)observations.Get<double>(("data", i, "y")))).ToArray());
    var models = new (string Name, Func<InferenceOptions, int, double> Run)[]
    {
        ("Vmap (the sample's model)", (options, k) => Curve.ModelGen(xs).ImportanceK(k, observations, options).LogMarginalLikelihood()),
        ("kernel subset (columns)", (options, k) => Gen.Benchmarks.Gpu.CurveModel.CurveGen(xs).ImportanceK(k, flat, options).LogMarginalLikelihood()),
    };
    foreach (var (name, run) in models)
    {
        var perCore = new List<double>();
        foreach (var cores in new int?[] { null, 1 })
        {
            var options = new InferenceOptions { MaxDegreeOfParallelism = cores };
            Seed(new Key(0), () => run(options, 10_000)); // warm-up
            var best = Enumerable.Range(0, 3).Select(_ =>
            {
                var watch = Stopwatch.StartNew();
                Seed(new Key(1), () => run(options, ImportanceKBenchmarks.K));
                return watch.Elapsed.TotalSeconds;
            }).Min();
            perCore.Add(best);
            Console.WriteLine($"  {name,-28} {(cores is null ? "all cores" : "1 core"),-10} best of 3: {best:F3} s, {ImportanceKBenchmarks.K / best:N0} particles/s");
        }
        Console.WriteLine($"  {name,-28} all cores / 1 core: {perCore[1] / perCore[0]:F2}x");
    }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ImportanceKBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);

// --runs N: how many timed runs a stopwatch comparison takes the best of.
int Runs(int fallback) => args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();

// The fastest and the median of `runs` timed runs, in milliseconds.
static (double Best, double Median) Timed(int runs, Func<double> run)
{
    var times = Enumerable.Range(0, runs).Select(_ => { var w = Stopwatch.StartNew(); run(); return w.Elapsed.TotalMilliseconds; }).Order().ToArray();
    return (times[0], times[times.Length / 2]);
}
