using static Gen.Transforms;
using static Gen.Gpu.Tests.GpuDifferentialTests;

namespace Gen.Gpu.Tests;

/// <summary>
/// A batch of one launch leaves its value rows on the device until its columns are first read; its weights, scores and
/// return values come back at once. The columns then read are the CPU's, bit for bit, however the copy was triggered:
/// a read, the device's next launch, or the device closing.
/// </summary>
public class GpuLazyCopyTests : CpuAcceleratorTests
{
    private static readonly double[] Xs = [0, 1, 2, 3, 4];
    private static readonly ChoiceMap Observed = ChoiceMap.Of((("y", 1), 0.7), (("y", 3), 2.2));

    /// <summary>Line's sampled choices: slope, intercept and the three unobserved y's, one double each per particle.</summary>
    private const int StoredRows = 5;

    /// <summary>
    /// Leaves no values on the device: an earlier test's batch that the collector has not yet freed would otherwise be
    /// copied to the host by this test's first launch, and counted in its bytes.
    /// </summary>
    private void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _ = Seed(new Key(80), () => GpuModels.LineGen(Xs).ImportanceK(1, Observed, Device)).Values<double>("slope"); // its launch takes any left to the host; the read, its own
    }

    [Test]
    public void Values_stay_on_the_device_until_a_column_is_read()
    {
        const int n = 500;
        Settle();
        var before = Device.ValueBytesCopied;
        var gpu = Seed(new Key(81), () => GpuModels.LineGen(Xs).ImportanceK(n, Observed, Device));
        Assert.That(Device.ValueBytesCopied, Is.EqualTo(before), "nothing copied back by the call");
        Assert.That(gpu.LogMarginalLikelihood(), Is.Not.NaN, "weights are on the host");
        _ = gpu.Traces[3].Score;
        Assert.That(Device.ValueBytesCopied, Is.EqualTo(before), "nor by reading weights and scores");
        var slopes = gpu.Values<double>("slope");
        Assert.That(Device.ValueBytesCopied, Is.EqualTo(before + 8L * StoredRows * n), "one copy of the value rows, at the first read");
        _ = gpu.Values<double>(("y", 0));
        Assert.That(Device.ValueBytesCopied, Is.EqualTo(before + 8L * StoredRows * n), "and no second one");
        var cpu = Seed(new Key(81), () => GpuModels.LineGen(Xs).ImportanceK(n, Observed));
        SameParticles(cpu, gpu);
        Assert.That(slopes, Is.EqualTo(cpu.Values<double>("slope")));
    }

    [Test]
    public void Columns_first_read_after_the_call_s_token_was_cancelled_still_come_back()
    {
        const int n = 20_000; // more rows than one task of the column read takes, so the read runs in parallel
        using var cancellation = new System.Threading.CancellationTokenSource();
        var options = new InferenceOptions { Cancellation = cancellation.Token, MaxDegreeOfParallelism = 2 };
        var gpu = Seed(new Key(84), () => GpuModels.LineGen(Xs).ImportanceK(n, Observed, Device, options));
        cancellation.Cancel(); // the call is over: its columns are still the batch's
        var cpu = Seed(new Key(84), () => GpuModels.LineGen(Xs).ImportanceK(n, Observed));
        Assert.That(gpu.Values<double>("slope"), Is.EqualTo(cpu.Values<double>("slope")));
        SameParticles(cpu, gpu);
    }

    [Test]
    public void The_next_launch_takes_the_values_to_the_host_first()
    {
        Settle();
        var first = Seed(new Key(82), () => GpuModels.LineGen(Xs).ImportanceK(300, Observed, Device));
        var before = Device.ValueBytesCopied;
        var second = Seed(new Key(83), () => GpuModels.LineGen(Xs).ImportanceK(200, Observed, Device));
        Assert.That(Device.ValueBytesCopied, Is.EqualTo(before + 8L * StoredRows * 300), "the first batch's values went to the host");
        SameParticles(Seed(new Key(82), () => GpuModels.LineGen(Xs).ImportanceK(300, Observed)), first);
        SameParticles(Seed(new Key(83), () => GpuModels.LineGen(Xs).ImportanceK(200, Observed)), second);
    }

    [Test]
    public void A_dropped_batch_s_values_are_freed_at_the_next_launch_without_a_copy()
    {
        Settle();
        var logMarginal = Dropped();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = Device.ValueBytesCopied;
        var second = Seed(new Key(89), () => GpuModels.LineGen(Xs).ImportanceK(200, Observed, Device));
        Assert.That(Device.ValueBytesCopied, Is.EqualTo(before), "no copy of values nothing can read");
        SameParticles(Seed(new Key(89), () => GpuModels.LineGen(Xs).ImportanceK(200, Observed)), second);
        Assert.That(logMarginal, Is.EqualTo(Seed(new Key(88), () => GpuModels.LineGen(Xs).ImportanceK(300, Observed)).LogMarginalLikelihood()));
    }

    /// <summary>A batch left on the device and dropped, its weights read.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private double Dropped() => Seed(new Key(88), () => GpuModels.LineGen(Xs).ImportanceK(300, Observed, Device)).LogMarginalLikelihood();

    [Test]
    public void Particles_outlive_their_device()
    {
        Particles<double> gpu;
        using (var device = GpuDevice.OpenCpuAccelerator())
            gpu = Seed(new Key(84), () => GpuModels.LineGen(Xs).ImportanceK(250, Observed, device));
        SameParticles(Seed(new Key(84), () => GpuModels.LineGen(Xs).ImportanceK(250, Observed)), gpu);
    }

    [Test]
    public void A_batch_of_many_launches_and_an_edit_of_a_batch_left_on_the_device_copy_what_they_need()
    {
        Settle();
        var before = Device.ValueBytesCopied;
        Particles<double> many;
        using (RowsPerLaunch(64))
        {
            many = Seed(new Key(85), () => GpuModels.LineGen(Xs).ImportanceK(300, Observed, Device));
        }
        Assert.That(Device.ValueBytesCopied, Is.EqualTo(before + 8L * StoredRows * 300), "launches sharing a buffer copy each one back");
        SameParticles(Seed(new Key(85), () => GpuModels.LineGen(Xs).ImportanceK(300, Observed)), many);

        // An edit reads the previous values (copied back then) and leaves its own on the device.
        var start = Seed(new Key(86), () => GpuModels.LineGen(Xs).ImportanceK(300, Observed, Device));
        var request = EditRequest.Update(ChoiceMap.Of((("y", 4), 3.1)));
        var edited = Seed(new Key(87), () => start.Edit(request, Device));
        var cpuStart = Seed(new Key(86), () => GpuModels.LineGen(Xs).ImportanceK(300, Observed));
        SameParticles(Seed(new Key(87), () => cpuStart.Edit(request)), edited);
    }
}
