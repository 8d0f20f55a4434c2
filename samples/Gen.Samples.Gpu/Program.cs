// ImportanceK on a GPU: the same particles as on the CPU, from a kernel the generator compiled from the [Gen] body.
//   dotnet run -c Release --project samples/Gen.Samples.Gpu
// Without a CUDA GPU it runs on ILGPU's CPU accelerator (the same kernels on CPU threads).
using System.Diagnostics;
using Gen;
using Gen.Gpu;
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
Console.WriteLine($"posterior mean of the slope: device {Mean(onDevice):F4}, CPU {Mean(onCpu):F4}, exact {mean:F4} (sd {sd:F4})");
Console.WriteLine($"effective sample size: {onDevice.EffectiveSampleSize():F0} of {n:N0}");
var same = Enumerable.Range(0, n).All(i => onDevice.LogWeights[i].Equals(onCpu.LogWeights[i]));
Console.WriteLine($"same weights as the CPU on the same key: {(same ? "yes, every particle" : "not bit for bit (see docs/gpu.md)")}");
Console.WriteLine($"particles per second: device {n / deviceSeconds:N0} (first call compiles the kernel), CPU {n / cpuSeconds:N0}");

static double Mean(Particles<double> particles)
{
    var slopes = particles.Values<double>("slope");
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
