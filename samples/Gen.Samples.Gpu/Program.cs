// ImportanceK and a particle filter on a GPU: the same particles as on the CPU, from kernels the generator compiled
// from the [Gen] bodies.
//   dotnet run -c Release --project samples/Gen.Samples.Gpu
// Without a CUDA GPU it runs on ILGPU's CPU accelerator (the same kernels on CPU threads).
using System.Diagnostics;
using Gen;
using Gen.Gpu;
using Gen.Inference;
using Gen.Samples.Gpu;
using static Gen.Transforms;

double[] xs = [-2, -1, 0, 1, 2, 3];
double[] ys = [-2.9, -1.1, 0.8, 2.6, 5.1, 6.8];
const double noise = 0.5;
var observations = ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
var model = Models.LineGen(xs, noise);

using var gpu = GpuDevice.Open();
Console.WriteLine($"Device: {gpu.Name}");

const int n = 200_000;
var watch = Stopwatch.StartNew();
var onDevice = Seed(new Key(42), () => model.ImportanceK(n, observations, gpu));
var deviceSeconds = watch.Elapsed.TotalSeconds;
watch.Restart();
var onCpu = Seed(new Key(42), () => model.ImportanceK(n, observations));
var cpuSeconds = watch.Elapsed.TotalSeconds;

// The exact posterior of the slope: Gaussian, from the normal equations with the priors' precisions.
var (mean, sd) = ExactSlope(xs, ys, noise);
Console.WriteLine($"posterior mean of the slope: device {Mean(onDevice, "slope"):F4}, CPU {Mean(onCpu, "slope"):F4}, exact {mean:F4} (sd {sd:F4})");
Console.WriteLine($"effective sample size: {onDevice.EffectiveSampleSize():F0} of {n:N0}");
var same = Enumerable.Range(0, n).All(i => onDevice.LogWeights[i].Equals(onCpu.LogWeights[i]));
Console.WriteLine($"same weights as the CPU on the same key: {(same ? "yes, every particle" : "not bit for bit (see docs/gpu.md)")}");
Console.WriteLine($"particles per second: device {n / deviceSeconds:N0} (first call compiles the kernel), CPU {n / cpuSeconds:N0}");

// A model of models: two lines, each a traced call of Line, the second observed at its first two points only (so that
// importance sampling from the prior keeps an effective sample size); the kernel makes the calls.
double[] otherYs = [3.2, 1.4];
var both = ChoiceMap.Of(ys.Select((y, i) => (Address.Of("first", "y", i), (object)y)).Concat(otherYs.Select((y, i) => (Address.Of("second", "y", i), (object)y))).ToArray());
var pairs = Seed(new Key(43), () => Models.TwoLinesGen(xs, noise).ImportanceK(n, both, gpu));
var pairsOnCpu = Seed(new Key(43), () => Models.TwoLinesGen(xs, noise).ImportanceK(n, both));
var (otherMean, _) = ExactSlope(xs[..otherYs.Length], otherYs, noise);
var samePairs = Enumerable.Range(0, n).All(i => pairs.LogWeights[i].Equals(pairsOnCpu.LogWeights[i]));
Console.WriteLine($"two lines by traced calls: slopes {Mean(pairs, Address.Of("first", "slope")):F3} and {Mean(pairs, Address.Of("second", "slope")):F3} " +
    $"(exact {mean:F3} and {otherMean:F3}), ESS {pairs.EffectiveSampleSize():F0}; the CPU's weights: {(samePairs ? "the same, every particle" : "not bit for bit")}");

// The same points with an outlier among them, fitted by the robust model: its points a Vmap of Point, which the kernel
// makes as the CPU's Vmap does (call i at ("data", i), key index i below the Vmap's).
double[] robustYs = [-2.9, -1.1, 0.8, 9.0, 5.1, 6.8];
var robustObserved = ChoiceMap.Of(robustYs.Select((y, i) => (Address.Of("data", i, "y"), (object)y)).ToArray());
var robust = Seed(new Key(44), () => Models.RobustGen(xs, noise).ImportanceK(n, robustObserved, gpu));
var robustOnCpu = Seed(new Key(44), () => Models.RobustGen(xs, noise).ImportanceK(n, robustObserved));
var sameRobust = Enumerable.Range(0, n).All(i => robust.LogWeights[i].Equals(robustOnCpu.LogWeights[i]));
var flagged = robust.Values<bool>(Address.Of("data", 3, "outlier"));
var normalized = robust.NormalizedWeights();
var flaggedWeight = Enumerable.Range(0, n).Where(i => flagged[i]).Sum(i => normalized[i]);
Console.WriteLine($"robust line by a Vmap: slope {Mean(robust, "slope"):F3}, P(point 3 is an outlier) {flaggedWeight:F3}, ESS {robust.EffectiveSampleSize():F0}; " +
    $"the CPU's weights: {(sameRobust ? "the same, every particle" : "not bit for bit")}");

// A particle filter on the device: ImportanceK for the first step, then an EditK per step (resampling on the host),
// against the Kalman filter's exact log marginal likelihood.
const int steps = 20, filterParticles = 20_000;
const double step = 0.7, walkNoise = 0.5;
var path = Seed(new Key(7), () => Models.WalkGen(steps, step, walkNoise).Simulate());
var walkYs = Enumerable.Range(0, steps).Select(t => path.Get<double>(("y", t))).ToArray();
var stepObservations = walkYs.Select((y, t) => ChoiceMap.Of(("y", t), y)).ToList();
watch.Restart();
var filtered = Seed(new Key(8), () => ParticleFilter.Run(t => Models.WalkGen(t + 1, step, walkNoise), stepObservations, filterParticles, gpu));
var filterSeconds = watch.Elapsed.TotalSeconds;
var filteredOnCpu = Seed(new Key(8), () => ParticleFilter.Run(t => Models.WalkGen(t + 1, step, walkNoise), stepObservations, filterParticles));
Console.WriteLine($"particle filter on the device, {steps} steps of {filterParticles:N0} particles: log p(y) {filtered.LogMarginalLikelihood:F3}, " +
    $"Kalman filter {KalmanLogLikelihood(walkYs, step, walkNoise):F3}; resampled {filtered.ResampledBefore.Count} times, {filterSeconds:F1} s");
var sameFilter = filtered.LogMarginalLikelihood.Equals(filteredOnCpu.LogMarginalLikelihood)
    && Enumerable.Range(0, filterParticles).All(i => filtered.Particles.LogWeights[i].Equals(filteredOnCpu.Particles.LogWeights[i]));
Console.WriteLine($"the CPU filter on the same key: {(sameFilter ? "the same weights, every particle" : "not bit for bit (see docs/gpu.md)")}");

static double Mean(Particles<double> particles, Address address)
{
    var slopes = particles.Values<double>(address);
    var max = particles.LogWeights.Max();
    double total = 0, weighted = 0;
    for (var i = 0; i < particles.Count; i++)
    {
        var w = Math.Exp(particles.LogWeights[i] - max);
        total += w;
        weighted += w * slopes[i];
    }
    return weighted / total;
}

static (double Mean, double Sd) ExactSlope(double[] xs, double[] ys, double noise)
{
    // Precision matrix of (slope, intercept): prior diag(1, 1/4) plus X'X / noise².
    double sxx = 0, sx = 0, sxy = 0, sy = 0, s2 = noise * noise;
    for (var i = 0; i < xs.Length; i++)
    {
        sxx += xs[i] * xs[i];
        sx += xs[i];
        sxy += xs[i] * ys[i];
        sy += ys[i];
    }
    double a = 1 + sxx / s2, b = sx / s2, d = 0.25 + xs.Length / s2;
    var det = a * d - b * b;
    var mean = (d * (sxy / s2) - b * (sy / s2)) / det;
    return (mean, Math.Sqrt(d / det));
}

// log p(y_0, …, y_{T-1}) of the walk, exactly: the Kalman filter's one-step predictive densities.
static double KalmanLogLikelihood(double[] ys, double step, double noise)
{
    double mean = 0, variance = 0, log = 0;
    foreach (var y in ys)
    {
        variance += step * step;
        var s = variance + noise * noise;
        log -= 0.5 * (Math.Log(2 * Math.PI * s) + (y - mean) * (y - mean) / s);
        var gain = variance / s;
        mean += gain * (y - mean);
        variance *= 1 - gain;
    }
    return log;
}
