// ImportanceK of the curve-fitting model (20 points, kernel-subset form) on the CPU batch path (all cores) and on the
// device GpuDevice.Open() picks (CUDA when present, else ILGPU's CPU accelerator): seconds and particles per second at
// 10^4 … 10^7 particles, the median of --runs runs each. On a CUDA machine:
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Gpu -- --max 10000000
// Here (no GPU): dotnet run -c Release --project benchmarks/Gen.Benchmarks.Gpu -- --max 100000
// First it compares the device's particles with the CPU's on one key, bit for bit (docs/gpu.md, "Same key, same particles").
// --filter: a bootstrap particle filter instead (a random walk, 20 steps; ImportanceK then an EditK per step on the device),
// particle-steps per second on the CPU batch path and on the device, after the same bitwise comparison; with --scan, the
// walk written as a Scan of its step (WalkModel.Steps), whose filter runs each step's rows on the device (O(N) per step).
// --calls: the curve model with one traced call per point (CurveCallsModel), which the kernel runs inlined; --vmap: its
// points a Vmap of those calls (CurveVmapModel).
// --ptx: print the model's kernel as PTX and stop. --once N: one device call of N particles after the warm-up (for ncu).
// --cpu-max N: sizes above N run on the device only. On CUDA each size is also set beside a hand-written kernel that only
// writes the same columns (WriteFloor): the memory-bandwidth floor, measured in the same run.
using System.Diagnostics;
using System.Globalization;
using Gen;
using Gen.Benchmarks.Gpu;
using Gen.Gpu;
using Gen.Inference;
using static Gen.Transforms;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();
var max = Option("--max", 1_000_000);
var runs = Option("--runs", 3);
var cpuMax = Option("--cpu-max", max); // larger batches run on the device only (the CPU path takes minutes there)

double[] xs = Enumerable.Range(0, 20).Select(i => -1 + i / 10.0).ToArray();
double[] ys = xs.Select((x, i) => i % 7 == 3 ? 4.0 : 0.5 + 1.2 * x - 0.8 * x * x).ToArray();
var vmap = args.Contains("--vmap");
var calls = vmap || args.Contains("--calls");
Address Point(string name, int i) => calls ? Address.Of("data", i, name) : (name, i);
var observations = ChoiceMap.Of(ys.Select((y, i) => (Point("y", i), (object)y)).ToArray());
var model = vmap ? CurveVmapModel.CurveGen(xs) : calls ? CurveCallsModel.CurveGen(xs) : CurveModel.CurveGen(xs);

if (args.Contains("--ptx"))
{
    Console.Write(GpuKernels.Ptx(model)); // the kernel CUDA would run (no GPU needed)
    return;
}
using var gpu = GpuDevice.Open();
if (args.Contains("--filter"))
{
    FilterBenchmark(gpu, args.Contains("--scan"));
    return;
}
Console.WriteLine($"Curve fitting (20 points{(vmap ? ", a Vmap of traced calls" : calls ? ", a traced call each" : "")}), ImportanceK; device: {gpu.Name}; CPU: {Environment.ProcessorCount} cores; .NET {Environment.Version}; median of {runs}");
// Warm-up: the JIT on the CPU path, the kernel's compilation on the device.
Seed(new Key(1), () => model.ImportanceK(1_000, observations));
Seed(new Key(1), () => model.ImportanceK(1_000, observations, gpu));
if (Option("--once", 0) is > 0 and var once)
{
    // One device call after the warm-up, for a profiler (device-run.sh: ncu --launch-skip 1 --launch-count 1).
    var watch = Stopwatch.StartNew();
    GC.KeepAlive(Seed(new Key(7), () => model.ImportanceK(once, observations, gpu)));
    Console.WriteLine($"one call of {once:N0} particles: {watch.Elapsed.TotalSeconds:F4} s");
    return;
}

// Same key, same bits: the device's particles against the CPU's, column by column (docs/gpu.md).
{
    var cpu = Seed(new Key(5), () => model.ImportanceK(10_000, observations));
    var device = Seed(new Key(5), () => model.ImportanceK(10_000, observations, gpu));
    Compare("log weights", cpu.LogWeights, device.LogWeights);
    foreach (var site in new Address[] { "c0", "c1", "c2", "prob_outlier", "noise" }) Compare(site.ToString(), cpu.Values<double>(site), device.Values<double>(site));
    var flags = Enumerable.Range(0, xs.Length).Select(j => (Cpu: cpu.Values<bool>(Point("outlier", j)), Device: device.Values<bool>(Point("outlier", j)))).ToList();
    var differ = Enumerable.Range(0, cpu.Count).Count(i => flags.Any(f => f.Cpu[i] != f.Device[i]));
    Console.WriteLine($"  outlier flags: {differ} of {cpu.Count} particles differ");
}

using var floor = gpu.IsCuda ? new WriteFloor() : null;
const int valueRows = 25; // the curve model's sampled doubles per particle (5 globals, 20 flags)
Console.WriteLine($"{"particles",12} {"cpu_s",9} {"cpu_particles_per_s",20} {"device_s",9} {"device_particles_per_s",23} {"device/cpu",10}" +
    (floor is null ? "" : $" {"floor_s",9} {"device/floor",12} {"floor_GB_per_s",14}"));
var sizes = new List<int>();
for (var n = 10_000; n <= max; n *= 10) sizes.Add(n);
if (sizes[^1] != max) sizes.Add(max); // a --max between the powers of ten runs too
var phases = new List<string>();
foreach (var n in sizes)
{
    var size = n;
    var cpu = n <= cpuMax ? Median(() => Seed(new Key(7), () => model.ImportanceK(size, observations))) : double.NaN;
    var device = Median(() => Seed(new Key(7), () => model.ImportanceK(size, observations, gpu)));
    var line = $"{n,12:N0} {cpu,9:F3} {n / cpu,20:N0} {device,9:F3} {n / device,23:N0} {cpu / device,10:F2}";
    if (floor is not null)
    {
        var seconds = floor.Seconds(n, valueRows, runs);
        line += $" {seconds,9:F4} {device / seconds,12:F1} {(double)n * WriteFloor.BytesPerParticle(valueRows) / seconds / 1e9,14:F0}";
    }
    Console.WriteLine(line);
    // Where one more call's time goes on each path (PhaseTimes: the launch, the copies, the host's own work).
    if (n <= cpuMax) phases.Add(Phases("cpu", () => model.ImportanceK(size, observations)));
    phases.Add(Phases("device", () => model.ImportanceK(size, observations, gpu)));
}
Console.WriteLine("One more call each, phase by phase (seconds):");
phases.ForEach(Console.WriteLine);

void FilterBenchmark(GpuDevice gpu, bool scan)
{
    const int steps = 20;
    var path = Seed(new Key(3), () => WalkModel.WalkGen(steps).Simulate());
    var ys = Enumerable.Range(0, steps).Select(t => path.Get<double>(("y", t))).ToArray();
    if (scan)
        FilterTable($"Random walk as a Scan of its step, bootstrap particle filter over {steps} steps (each step's rows on the device)",
            t => WalkModel.Steps(t + 1), ys.Select((y, t) => ChoiceMap.Of((t, "y"), y)).ToList(), (steps - 1, "x"), gpu);
    else
        FilterTable($"Random walk, bootstrap particle filter over {steps} steps (ImportanceK then an EditK per step on the device)",
            t => WalkModel.WalkGen(t + 1), ys.Select((y, t) => ChoiceMap.Of(("y", t), y)).ToList(), ("x", steps - 1), gpu);
}

void FilterTable<R>(string title, Func<int, GenerativeFunction<R>> model, IReadOnlyList<ChoiceMap> stepObservations, Address last, GpuDevice gpu)
{
    var steps = stepObservations.Count;
    Console.WriteLine($"{title}; device: {gpu.Name}; CPU: {Environment.ProcessorCount} cores; .NET {Environment.Version}; median of {runs}");
    Seed(new Key(1), () => ParticleFilter.Run(model, stepObservations, 1_000));
    Seed(new Key(1), () => ParticleFilter.Run(model, stepObservations, 1_000, gpu));
    {
        var cpu = Seed(new Key(5), () => ParticleFilter.Run(model, stepObservations, 10_000));
        var device = Seed(new Key(5), () => ParticleFilter.Run(model, stepObservations, 10_000, gpu));
        Compare("log weights after the last step", cpu.Particles.LogWeights, device.Particles.LogWeights);
        Compare("last state", cpu.Particles.Values<double>(last), device.Particles.Values<double>(last));
        Console.WriteLine($"  log marginal likelihood: CPU {cpu.LogMarginalLikelihood:R}, device {device.LogMarginalLikelihood:R}");
    }
    var phases = new List<string>();
    Console.WriteLine($"{"particles",12} {"cpu_s",9} {"cpu_particle_steps_per_s",25} {"device_s",9} {"device_particle_steps_per_s",28} {"device/cpu",10}");
    for (var n = 10_000; n <= max; n *= 10)
    {
        var size = n;
        var cpu = n <= cpuMax ? Median(() => Seed(new Key(7), () => ParticleFilter.Run(model, stepObservations, size)).Particles) : double.NaN;
        var device = Median(() => Seed(new Key(7), () => ParticleFilter.Run(model, stepObservations, size, gpu)).Particles);
        Console.WriteLine($"{n,12:N0} {cpu,9:F3} {(double)n * steps / cpu,25:N0} {device,9:F3} {(double)n * steps / device,28:N0} {cpu / device,10:F2}");
        if (n <= cpuMax) phases.Add(Phases("cpu", () => ParticleFilter.Run(model, stepObservations, size).Particles));
        phases.Add(Phases("device", () => ParticleFilter.Run(model, stepObservations, size, gpu).Particles));
    }
    Console.WriteLine("One more run each, phase by phase over its steps (seconds):");
    phases.ForEach(Console.WriteLine);
}

static void Compare(string what, IReadOnlyList<double> cpu, IReadOnlyList<double> device)
{
    long Ordered(double x) => BitConverter.DoubleToInt64Bits(x) is var b && b < 0 ? long.MinValue - b : b;
    var differ = 0;
    var worst = 0L;
    for (var i = 0; i < cpu.Count; i++)
    {
        if (BitConverter.DoubleToInt64Bits(cpu[i]) == BitConverter.DoubleToInt64Bits(device[i])) continue;
        differ++;
        worst = Math.Max(worst, double.IsFinite(cpu[i]) && double.IsFinite(device[i]) ? Math.Abs(Ordered(cpu[i]) - Ordered(device[i])) : long.MaxValue);
    }
    Console.WriteLine($"  {what}: {differ} of {cpu.Count} differ from the CPU's bits" + (differ > 0 ? $" (at most {worst} ulp)" : ""));
}

string Phases<T>(string path, Func<T> run)
{
    GC.Collect();
    Gen.Internal.PhaseTimes.Reset();
    Gen.Internal.PhaseTimes.Enabled = true;
    var watch = Stopwatch.StartNew();
    GC.KeepAlive(Seed(new Key(7), run));
    var total = watch.Elapsed.TotalSeconds;
    Gen.Internal.PhaseTimes.Enabled = false; // the timed runs above and below are not timed phase by phase
    return $"{path,7} total {total:F4}: " + string.Join(", ", Gen.Internal.PhaseTimes.Read().OrderByDescending(p => p.Seconds).Select(p => $"{p.Phase} {p.Seconds:F4}"));
}

double Median<T>(Func<T> run)
{
    var times = new List<double>();
    for (var r = 0; r < runs; r++)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var particles = run();
        times.Add(watch.Elapsed.TotalSeconds);
        GC.KeepAlive(particles);
    }
    times.Sort();
    return times[times.Count / 2];
}

