using Gen.Inference;
using Gen.Internal;
using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Combinators;
using static Gen.Transforms;
using static Gen.Gpu.Tests.GpuDifferentialTests;

namespace Gen.Gpu.Tests;

/// <summary>
/// A particle filter over <c>t =&gt; Scan(kernel, t + 1, init)</c> on a device: each step's rows of a kernel-subset step
/// run there (one batch of launches per step, O(N) per step: the earlier steps stay in their columns), and the result is
/// the CPU filter's bit for bit (its Scan chains, themselves the per-particle filter's).
/// </summary>
public class GpuScanFilterTests : CpuAcceleratorTests
{
    private static readonly double[] Ys = [0.3, 0.1, 0.45, 0.2, 0.6, 0.5, 0.8, 0.7, 1.1, 0.9];

    /// <summary>The walk's step as a Scan kernel: x ~ N(state + 0.1 t, 0.5²), y ~ N(x, 0.5²).</summary>
    private static GenerativeFunction<double[]> Walk(int steps) => Scan((int t, double x) => KernelCombinatorModels.StepGen(t, x, 0.5), steps, 0.0);

    /// <summary>A scale that a step may draw negative: the observation's normal then rejects the particle (on the host).</summary>
    private static GenerativeFunction<double[]> Volatility(int steps) => Scan(GpuModels.ScaleStepGen, steps, 1.0);

    private static ChoiceMap[] Observations(int steps) => Enumerable.Range(0, steps).Select(t => ChoiceMap.Of(((t, "y"), Ys[t]))).ToArray();

    [Test]
    public void A_Scan_filter_runs_each_step_s_rows_on_the_device_with_the_cpu_filter_s_bits()
    {
        var observations = Observations(Ys.Length);
        var cpu = Seed(new Key(41), () => ParticleFilter.Run(t => Walk(t + 1), observations, 300));
        var launches = Device.Launches;
        var gpu = Seed(new Key(41), () => ParticleFilter.Run(t => Walk(t + 1), observations, 300, Device));
        Assert.That(Device.Launches, Is.EqualTo(launches + Ys.Length), "one launch per step: the step's rows");
        SameFilter(cpu, gpu);
        Assert.That(gpu.Particles.Path, Is.EqualTo(ParticlePath.ScanChains));
        Assert.That(gpu.ResampledBefore, Is.Not.Empty, "resampled chains went back to the device");
        Assert.That(LastStep(gpu.Particles).KernelRows, Is.EqualTo(300), "every row of the last step ran on the device");
    }

    [Test]
    public void Small_launches_and_multinomial_resampling_every_step_give_the_cpu_filter_too()
    {
        var observations = Observations(5);
        var options = new SmcOptions { EssThreshold = 1, Resampling = ResamplingMethod.Multinomial };
        var cpu = Seed(new Key(42), () => ParticleFilter.Run(t => Walk(t + 1), observations, 100, options));
        using (RowsPerLaunch(32))
        {
            var launches = Device.Launches;
            var gpu = Seed(new Key(42), () => ParticleFilter.Run(t => Walk(t + 1), observations, 100, Device, options));
            Assert.That(Device.Launches, Is.EqualTo(launches + 5 * 4), "100 rows in launches of 32, five steps");
            SameFilter(cpu, gpu);
        }
    }

    [Test]
    public void Rows_the_device_cannot_finish_run_on_the_host_into_the_same_columns()
    {
        // Negative scales: the observation's normal rejects those particles; the kernel faults them and the host reports each
        // rejection as the CPU does.
        var observations = Observations(8);
        var cpu = Seed(new Key(43), () => ParticleFilter.Run(t => Volatility(t + 1), observations, 300, new SmcOptions { EssThreshold = 0.6 }));
        var gpu = Seed(new Key(43), () => ParticleFilter.Run(t => Volatility(t + 1), observations, 300, Device, new SmcOptions { EssThreshold = 0.6 }));
        SameFilter(cpu, gpu);
        Assert.That(gpu.Rejected, Is.GreaterThan(0), "some particles were rejected");
        Assert.That(LastStep(gpu.Particles).KernelRows, Is.InRange(1, 299), "most rows on the device, the rejected ones on the host");
    }

    [Test]
    public void ImportanceK_of_a_one_step_Scan_runs_on_the_device_and_of_more_steps_on_the_cores()
    {
        var one = Observations(1)[0];
        var cpu = Seed(new Key(44), () => Walk(1).ImportanceK(200, one));
        var launches = Device.Launches;
        var gpu = Seed(new Key(44), () => Walk(1).ImportanceK(200, one, Device));
        Assert.That(Device.Launches, Is.EqualTo(launches + 1));
        SameParticles(cpu, gpu);
        var three = ChoiceMap.Of(Observations(3).SelectMany(m => m).ToArray());
        var cpuThree = Seed(new Key(45), () => Walk(3).ImportanceK(200, three));
        launches = Device.Launches;
        var gpuThree = Seed(new Key(45), () => Walk(3).ImportanceK(200, three, Device));
        Assert.That(Device.Launches, Is.EqualTo(launches), "several steps at once: the cores' path");
        SameParticles(cpuThree, gpuThree);
    }

    [Test]
    public void A_Scan_whose_step_a_GPU_cannot_run_is_refused_naming_the_construct()
    {
        var flips = ChoiceMap.Of(((0, "y"), true));
        var coin = Assert.Throws<NotSupportedException>(() => Seed(new Key(46), () => Scan(InferenceModels.CoinStepGen, 1, 0.0).ImportanceK(50, flips, Device)))!;
        Assert.That(coin.Message, Does.Contain("CoinStep").And.Contain("beta").And.Contain("MathNet").And.Contain("without the device"));
        var hmm = Assert.Throws<NotSupportedException>(() => Seed(new Key(46), () => Scan(InferenceModels.HmmStepGen, 1, 0).ImportanceK(50, ChoiceMap.Empty, Device)))!;
        Assert.That(hmm.Message, Does.Contain("HmmStep").And.Contain("categorical"));
    }

    private static ScanStep<double> LastStep(Particles<double[]> particles) => ((ScanRows<double>)particles.Rows!).Last;

    private static void SameFilter(SmcResult<double[]> cpu, SmcResult<double[]> gpu)
    {
        SameParticles(cpu.Particles, gpu.Particles);
        Assert.That(gpu.ResampledBefore, Is.EqualTo(cpu.ResampledBefore));
        for (var t = 0; t < cpu.EffectiveSampleSizes.Count; t++)
            Bitwise.AreEqual(cpu.EffectiveSampleSizes[t], gpu.EffectiveSampleSizes[t], $"ESS after step {t}");
        Bitwise.AreEqual(cpu.LogMarginalLikelihood, gpu.LogMarginalLikelihood, "log marginal likelihood");
        Assert.That(gpu.Rejected, Is.EqualTo(cpu.Rejected));
    }
}
