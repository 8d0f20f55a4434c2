using Gen.Inference;
using Gen.Tests.Support;
using static Gen.Transforms;
using static Gen.Gpu.Tests.GpuDifferentialTests;

namespace Gen.Gpu.Tests;

/// <summary>
/// <c>ParticleFilter.Run(model, observations, n, gpu)</c>: the CPU filter bit for bit on the same key (its steps on the
/// device, resampling and rejuvenation on the host), and the Kalman filter's marginal likelihood on a linear-Gaussian model.
/// </summary>
public class GpuParticleFilterTests : CpuAcceleratorTests
{
    private const int Steps = 16;

    /// <summary>One simulated run of the walk (a fixed key), observed step by step.</summary>
    private static readonly double[] Ys = Seed(new Key(30), () =>
    {
        var trace = GpuModels.WalkGen(Steps).Simulate();
        return Enumerable.Range(0, Steps).Select(t => trace.Get<double>(("y", t))).ToArray();
    });

    private static IReadOnlyList<ChoiceMap> Observations(int steps) =>
        Enumerable.Range(0, steps).Select(t => ChoiceMap.Of((("y", t), Ys[t]))).ToList();

    private static GenerativeFunction<double> Walk(int t) => GpuModels.WalkGen(t + 1);

    [Test]
    public void The_device_filter_is_the_cpu_filter_bit_for_bit()
    {
        var observations = Observations(Steps);
        var cpu = Seed(new Key(31), () => ParticleFilter.Run(Walk, observations, 300));
        var launches = Device.Launches;
        var gpu = Seed(new Key(31), () => ParticleFilter.Run(Walk, observations, 300, Device));
        Assert.That(Device.Launches, Is.EqualTo(launches + Steps), "one launch per step: ImportanceK, then an EditK per step");
        SameResult(cpu, gpu);
        Assert.That(gpu.ResampledBefore, Is.Not.Empty, "the filter resampled, so resampled columns went back to the device");
        Assert.That(gpu.Particles.Path, Is.EqualTo(ParticlePath.Batch), "the particles stay columns");
    }

    [Test]
    public void A_model_written_as_a_Scan_filters_on_the_device_as_on_the_cpu()
    {
        // The walk as a Scan inside a [Gen] model (a statement, its states unused): each step's edit runs the Scan's
        // calls in the kernel, under the combinator's keys, and the filter is the CPU's bit for bit.
        var observations = Enumerable.Range(0, 8).Select(t => ChoiceMap.Of((Address.Of("walk", t, "y"), Ys[t]))).ToList();
        GenerativeFunction<double> Walked(int t) => Gen.Tests.Models.KernelCombinatorModels.WalkedGen(t + 1, 0.5);
        var cpu = Seed(new Key(35), () => ParticleFilter.Run(Walked, observations, 200));
        var launches = Device.Launches;
        var gpu = Seed(new Key(35), () => ParticleFilter.Run(Walked, observations, 200, Device));
        Assert.That(Device.Launches, Is.EqualTo(launches + 8), "one launch per step");
        SameResult(cpu, gpu);
        Assert.That(gpu.Particles.Path, Is.EqualTo(ParticlePath.Batch));
        Assert.That(((Gen.Internal.ParticleBatch<double>)gpu.Particles.Rows!).KernelReruns, Is.EqualTo(0), "the last step ran every particle on the device");
        Assert.That(double.IsFinite(gpu.LogMarginalLikelihood), Is.True);
    }

    [Test]
    public void Multinomial_resampling_every_step_and_small_launches_give_the_cpu_filter_too()
    {
        var observations = Observations(6);
        var options = new SmcOptions { EssThreshold = 1, Resampling = ResamplingMethod.Multinomial };
        var cpu = Seed(new Key(32), () => ParticleFilter.Run(Walk, observations, 100, options));
        using (RowsPerLaunch(32))
        {
            var launches = Device.Launches;
            var gpu = Seed(new Key(32), () => ParticleFilter.Run(Walk, observations, 100, Device, options));
            Assert.That(Device.Launches, Is.EqualTo(launches + 6 * 4), "100 particles in launches of 32, six steps");
            SameResult(cpu, gpu);
            Assert.That(gpu.ResampledBefore, Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        }
    }

    [Test]
    public void The_device_filter_s_marginal_likelihood_is_the_kalman_filter_s()
    {
        // 16 steps, 2,000 particles, 20 keys: the mean of the estimates within 5 standard errors (their spread over the keys)
        // of the Kalman filter's log p(y), and each estimate within 0.5 nats of it (log Ẑ's spread is about 0.1 here: 5 sd).
        // (The CPU filter over 100 keys: 3,000 particles z = −0.2, 30,000 particles z = −1.1; unbiased.)
        var exact = KalmanLogLikelihood(Ys, GpuModels.WalkStep, GpuModels.WalkNoise);
        var observations = Observations(Steps);
        var estimates = Enumerable.Range(0, 20)
            .Select(k => Seed(new Key(100 + (ulong)k), () => ParticleFilter.Run(Walk, observations, 2_000, Device).LogMarginalLikelihood))
            .ToArray();
        var mean = estimates.Average();
        var sd = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (estimates.Length - 1));
        Assert.That(mean, Is.EqualTo(exact).Within(5 * sd / Math.Sqrt(estimates.Length) + 1e-3), $"exact {exact}, sd {sd}");
        Assert.That(estimates, Has.All.EqualTo(exact).Within(0.5));
    }

    [Test]
    public void A_filter_with_rejuvenation_is_the_cpu_filter_with_it_and_stays_on_the_device()
    {
        // Rejuvenation runs on the host; the moved traces go back into columns, so every step still runs on the device.
        var observations = Observations(8);
        var options = new SmcOptions { EssThreshold = 0.8 };
        var cpu = Seed(new Key(33), () => ParticleFilter.Run(Walk, observations, 200, options, Move));
        var launches = Device.Launches;
        var gpu = Seed(new Key(33), () => ParticleFilter.Run(Walk, observations, 200, Device, options, Move));
        Assert.That(gpu.ResampledBefore, Is.Not.Empty);
        Assert.That(Device.Launches, Is.EqualTo(launches + 8), "one launch per step, rejuvenated or not");
        Assert.That(gpu.Particles.Path, Is.EqualTo(ParticlePath.Batch));
        SameResult(cpu, gpu);
    }

    [Test]
    public void A_filter_with_moves_of_a_selection_is_the_cpu_filter_and_moves_in_columns()
    {
        // The selection's moves run in the host's columns (no trace per particle) and the columns go to the device.
        var observations = Observations(8);
        var options = new SmcOptions { EssThreshold = 0.8 };
        var cpu = Seed(new Key(34), () => ParticleFilter.Run(Walk, observations, 200, options, Move));
        var moves = options with { RejuvenationSelection = t => Selection.Of(("x", t)) };
        var cpuColumns = Seed(new Key(34), () => ParticleFilter.Run(Walk, observations, 200, moves));
        var launches = Device.Launches;
        var gpu = Seed(new Key(34), () => ParticleFilter.Run(Walk, observations, 200, Device, moves));
        Assert.That(gpu.ResampledBefore, Is.Not.Empty);
        Assert.That(Device.Launches, Is.EqualTo(launches + 8), "one launch per step");
        Assert.That(gpu.Particles.Path, Is.EqualTo(ParticlePath.Batch));
        SameResult(cpu, cpuColumns);
        SameResult(cpu, gpu);
    }

    /// <summary>A Metropolis–Hastings move of the newest state: many proposals are accepted, some not.</summary>
    private static Trace<double> Move(Trace<double> trace, int t) => Mcmc.MetropolisHastings(trace, Selection.Of(("x", t))).Trace;

    [Test]
    public void A_model_without_a_kernel_form_is_refused_before_any_launch()
    {
        var launches = Device.Launches;
        var error = Assert.Throws<NotSupportedException>(() =>
            ParticleFilter.Run(t => GpuModels.HostOnlyGen(t + 1), [ChoiceMap.Of(("count", 1))], 10, Device));
        Assert.That(error!.Message, Does.Contain("HostOnly cannot run on a GPU").And.Contain("a choice of beta"));
        Assert.That(Device.Launches, Is.EqualTo(launches));
    }

    [Test]
    public void Bad_arguments_are_named()
    {
        Assert.Throws<ArgumentNullException>(() => ParticleFilter.Run(Walk, Observations(2), 10, (GpuDevice)null!));
        var error = Assert.Throws<ArgumentException>(() => ParticleFilter.Run(Walk, [], 10, Device));
        Assert.That(error!.Message, Does.Contain("at least one step of observations"));
        var disposed = GpuDevice.OpenCpuAccelerator();
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => ParticleFilter.Run(Walk, Observations(2), 10, disposed));
    }

    private static void SameResult(SmcResult<double> cpu, SmcResult<double> gpu)
    {
        SameParticles(cpu.Particles, gpu.Particles, paths: false);
        Assert.That(gpu.ResampledBefore, Is.EqualTo(cpu.ResampledBefore));
        Assert.That(gpu.EffectiveSampleSizes.Count, Is.EqualTo(cpu.EffectiveSampleSizes.Count));
        for (var t = 0; t < cpu.EffectiveSampleSizes.Count; t++)
            Bitwise.AreEqual(cpu.EffectiveSampleSizes[t], gpu.EffectiveSampleSizes[t], $"ESS after step {t}");
        Bitwise.AreEqual(cpu.LogMarginalLikelihood, gpu.LogMarginalLikelihood, "log marginal likelihood");
        Assert.That(gpu.Rejected, Is.EqualTo(cpu.Rejected));
        Assert.That(gpu.RejectedRejuvenations, Is.EqualTo(cpu.RejectedRejuvenations));
    }

    /// <summary>log p(y_0, …, y_{T−1}) of the walk by the Kalman filter: x_t's predictive N(m, P + q²), y_t's N(m, P + q² + r²).</summary>
    internal static double KalmanLogLikelihood(IReadOnlyList<double> ys, double q, double r)
    {
        double mean = 0, variance = 0, log = 0;
        foreach (var y in ys)
        {
            variance += q * q;
            var s = variance + r * r;
            log -= 0.5 * (Math.Log(2 * Math.PI * s) + (y - mean) * (y - mean) / s);
            var gain = variance / s;
            mean += gain * (y - mean);
            variance *= 1 - gain;
        }
        return log;
    }
}
