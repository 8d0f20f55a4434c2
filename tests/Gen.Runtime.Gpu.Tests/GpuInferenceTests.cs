using Gen.Internal;
using static Gen.Transforms;

namespace Gen.Gpu.Tests;

/// <summary>Inference through the device path: a closed-form posterior, the device's identity, and every kind of bad input.</summary>
public class GpuInferenceTests : CpuAcceleratorTests
{
    [Test]
    public void Importance_on_the_device_recovers_the_conjugate_normal_posterior()
    {
        // mu ~ N(1, 2²), y_i ~ N(mu, 1): the posterior is N(m, v) with 1/v = 1/4 + n and m = v (1/4 + Σy).
        double[] ys = [0.8, 1.9, 1.1, 0.4, 1.6, 2.2, 0.9, 1.3];
        var observations = ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var v = 1 / (0.25 + ys.Length);
        var m = v * (0.25 * 1 + ys.Sum());
        var particles = Seed(new Key(2026), () => GpuModels.NormalMeanGen(ys.Length, 1, 2).ImportanceK(40_000, observations, Device));
        var weights = Normalised(particles.LogWeights);
        var mu = particles.Values<double>("mu");
        var mean = weights.Select((w, i) => w * mu[i]).Sum();
        var variance = weights.Select((w, i) => w * (mu[i] - mean) * (mu[i] - mean)).Sum();
        var ess = 1 / weights.Sum(w => w * w);
        Assert.That(ess, Is.GreaterThan(2_000), "enough effective samples for the tolerance below to mean something");
        // 5 standard errors of a self-normalised mean with this ESS; the variance within 15 % (its relative standard error
        // is about sqrt(2 / ESS), under 3.2 % here).
        Assert.That(mean, Is.EqualTo(m).Within(5 * Math.Sqrt(v / ess)));
        Assert.That(variance, Is.EqualTo(v).Within(0.15 * v));
    }

    [Test]
    public void Open_picks_cuda_or_says_it_is_the_cpu_accelerator()
    {
        using var device = GpuDevice.Open();
        if (device.IsCuda) Assert.That(device.Name, Does.StartWith("CUDA: "));
        else Assert.That(device.Name, Is.EqualTo("CPU accelerator"));
        Assert.That(device.MemoryBytes, Is.GreaterThan(0));
        Assert.That(device.ToString(), Is.EqualTo(device.Name));
    }

    [Test]
    public void Progress_is_reported_per_launch_and_cancellation_stops_the_run()
    {
        var device = GpuDevice.OpenCpuAccelerator();
        try
        {
            device.MaxRows = 25;
            var reports = new List<InferenceProgress>();
            var progress = new Synchronous<InferenceProgress>(reports.Add);
            var particles = Seed(new Key(5), () => GpuModels.LineGen([1.0]).ImportanceK(100, ChoiceMap.Empty, device, new InferenceOptions { Progress = progress }));
            Assert.That(reports.Select(r => r.Completed), Is.EqualTo(new[] { 25, 50, 75, 100 }));
            Assert.That(reports.All(r => r.Total == 100 && r.Operation == "ImportanceK"));
            SameAsWithout(particles, device);
            using var cancelled = new System.Threading.CancellationTokenSource();
            cancelled.Cancel();
            Assert.Throws<OperationCanceledException>(() =>
                GpuModels.LineGen([1.0]).ImportanceK(100, ChoiceMap.Empty, device, new InferenceOptions { Cancellation = cancelled.Token }));
        }
        finally
        {
            device.Dispose();
        }
    }

    private static void SameAsWithout(Particles<double> withOptions, GpuDevice device) =>
        GpuDifferentialTests.SameParticles(Seed(new Key(5), () => GpuModels.LineGen([1.0]).ImportanceK(100, ChoiceMap.Empty, device)), withOptions);

    /// <summary>An IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Test]
    public void A_disposed_device_is_an_object_disposed_error()
    {
        var device = GpuDevice.OpenCpuAccelerator();
        device.Dispose();
        device.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => GpuModels.LineGen([1.0]).ImportanceK(10, ChoiceMap.Empty, device));
    }

    [Test]
    public void Bad_arguments_are_argument_errors()
    {
        var model = GpuModels.LineGen([1.0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ImportanceK(0, ChoiceMap.Empty, Device));
        Assert.Throws<ArgumentNullException>(() => model.ImportanceK(10, null!, Device));
        Assert.Throws<ArgumentNullException>(() => model.ImportanceK(10, ChoiceMap.Empty, (GpuDevice)null!));
        Assert.Throws<ArgumentNullException>(() => ((GenerativeFunction<double>)null!).ImportanceK(10, ChoiceMap.Empty, Device));
    }

    [Test]
    public void A_model_outside_the_kernel_subset_names_the_construct()
    {
        var error = Assert.Throws<NotSupportedException>(() => GpuModels.WithHelperGen(0.5).ImportanceK(10, ChoiceMap.Empty, Device));
        Assert.That(error!.Message, Does.Contain($"WithHelper cannot run on a GPU ({Device.Name})")
            .And.Contain("a call of a method other than Math's").And.Contain("Twice(a)").And.Contain("docs/gpu.md"));
    }

    [Test]
    public void A_model_of_host_only_distributions_runs_its_kernel_form_on_the_cores_and_is_refused_by_the_device()
    {
        var constraints = ChoiceMap.Of((("y", 0), true), (("y", 2), false), ("count", 2));
        var onCores = Seed(new Key(8), () => GpuModels.HostOnlyGen(3).ImportanceK(300, constraints));
        var perParticle = Seed(new Key(8), () => Particles<double>.PerParticleImportance(GpuModels.HostOnlyGen(3), 300, constraints, KeySource.Next()));
        GpuDifferentialTests.SameParticles(perParticle, onCores, paths: false);
        var error = Assert.Throws<NotSupportedException>(() => GpuModels.HostOnlyGen(3).ImportanceK(10, constraints, Device));
        Assert.That(error!.Message, Does.Contain("HostOnly cannot run on a GPU").And.Contain("a choice of beta, whose density needs MathNet's special functions"));
    }

    [Test]
    public void A_distribution_or_other_function_without_a_kernel_form_says_so()
    {
        var error = Assert.Throws<NotSupportedException>(() => Distributions.normal(0, 1).ImportanceK(10, ChoiceMap.Empty, Device));
        Assert.That(error!.Message, Does.Contain("only [Gen] methods compiled by the generator have a kernel form"));
    }

    [Test]
    public void Bad_constraints_fail_exactly_as_on_the_cpu()
    {
        var model = GpuModels.LineGen([1.0, 2.0]);
        foreach (var constraints in new[] { ChoiceMap.Of((("y", 0), double.NaN)), ChoiceMap.Of(("nowhere", 1.0)), ChoiceMap.Of((("y", 7), 1.0)) })
        {
            var cpu = Assert.Catch(() => Seed(new Key(1), () => model.ImportanceK(10, constraints)));
            var gpu = Assert.Catch(() => Seed(new Key(1), () => model.ImportanceK(10, constraints, Device)));
            Assert.That(gpu!.GetType(), Is.EqualTo(cpu!.GetType()));
            Assert.That(gpu.Message, Is.EqualTo(cpu.Message));
        }
    }

    [Test]
    public void An_argument_array_read_out_of_range_is_the_cpu_s_index_error_not_a_neighbour_s_value()
    {
        var model = GpuModels.PastTheEndGen([1.0, 2.0]);
        // A key whose first particle (the one run on the CPU before the launch) stays in range: the others meet the
        // bad read inside the kernel. Particle 0 of ImportanceK under Seed(k) is Seed(k.FoldIn(0).FoldIn(0)) of one run.
        bool FirstInRange(Key k)
        {
            try
            {
                Seed(k.FoldIn(0).FoldIn(0), () => model.Simulate());
                return true;
            }
            catch (IndexOutOfRangeException)
            {
                return false;
            }
        }
        var seed = Enumerable.Range(1, 64).Select(s => new Key((ulong)s)).First(FirstInRange);
        var onDevice = Assert.Catch(() => Seed(seed, () => model.ImportanceK(100, ChoiceMap.Empty, Device)));
        var onCores = Assert.Catch(() => Seed(seed, () => model.ImportanceK(100, ChoiceMap.Empty)));
        Assert.That(onDevice, Is.TypeOf<IndexOutOfRangeException>());
        Assert.That(onCores, Is.TypeOf<IndexOutOfRangeException>(), "the CPU batch path runs the kernel form too");
    }

    [Test]
    public void A_particle_too_large_for_the_device_fails_before_launch_giving_both_sizes()
    {
        var job = new KernelJob
        {
            BatchKey = new Key(1), Count = 1000, Arguments = new double[100], Layout = [0, 1], Storage = [0], Constraints = [double.NaN],
            StoredRows = 1, ConstraintCount = 0, ConstraintSum = 0,
        };
        var error = Assert.Throws<InsufficientMemoryException>(() => DeviceBackend.RowsPerLaunch(job, 8, deviceBytes: 1000));
        Assert.That(error!.Message, Does.Contain("33 bytes").And.Contain("1,000 bytes"));
        Assert.That(DeviceBackend.RowsPerLaunch(job, 8, deviceBytes: 1L << 40), Is.EqualTo(1000), "a batch that fits runs in one launch");
        Assert.That(DeviceBackend.RowsPerLaunch(job, 8, deviceBytes: 10_000), Is.EqualTo((10_000 / 2 - 812) / 33), "else in launches of what half the memory holds");
    }

    private static double[] Normalised(IReadOnlyList<double> logWeights)
    {
        var max = logWeights.Max();
        var w = logWeights.Select(l => Math.Exp(l - max)).ToArray();
        var sum = w.Sum();
        return w.Select(x => x / sum).ToArray();
    }
}
