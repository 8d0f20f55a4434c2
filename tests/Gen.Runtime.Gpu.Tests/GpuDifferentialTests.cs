using Gen.Tests.Models;
using Gen.Tests.Support;
using Gen.Internal;
using static Gen.Transforms;

namespace Gen.Gpu.Tests;

/// <summary>
/// ImportanceK on the device (ILGPU's CPU accelerator here) is the CPU's ImportanceK bit for bit on the same key: every
/// particle's weight, score, return value and choices, rejections with their reasons, for every test model with a kernel
/// form, in one launch and in many.
/// </summary>
public class GpuDifferentialTests : CpuAcceleratorTests
{
    private static readonly double[] Xs = [0, 1, 2, 3, 4.5];

    public static IEnumerable<TestCaseData> Models()
    {
        yield return Case("Line", () => GpuModels.LineGen(Xs), ChoiceMap.Of((("y", 0), 0.1), (("y", 2), 1.9), (("y", 4), 4.2)));
        yield return Case("NormalMean", () => GpuModels.NormalMeanGen(6, 1, 2), ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.2), (("y", 5), -0.4)));
        yield return Case("Zoo", () => GpuModels.ZooGen([0, 3, 1, 2], [true, false, true, true], true), ChoiceMap.Of((("wait", 0), 0.7), ("flag", true)));
        yield return Case("Zoo, nothing observed", () => GpuModels.ZooGen([5], [true], false), ChoiceMap.Empty);
        yield return Case("Counts", () => GpuModels.CountsGen(4), ChoiceMap.Of(("obs", 4.0), (("g", 1), 2)));
        yield return Case("Samplers", () => GpuModels.SamplersGen(0.5), ChoiceMap.Of(("y", 3.0), ("h", 0.2), ("k", 2)));
        yield return Case("Samplers, nothing observed", () => GpuModels.SamplersGen(-1), ChoiceMap.Empty);
        yield return Case("Logistic", () => GpuModels.LogisticGen(Xs), ChoiceMap.Of((("y", 0), false), (("y", 2), true), (("y", 4), true)));
        yield return Case("Each", () => GpuModels.EachGen(Xs), ChoiceMap.Of((("y", 1), 0.5), (("y", 3), 2.0)));
        yield return Case("Rejecting", () => GpuModels.RejectingGen(0.5), ChoiceMap.Of(("y", 0.25)));
        yield return Case("Ragged", GpuModels.RaggedGen, ChoiceMap.Of((("z", 0), 0.5)));
        // The runtime tests' models that are in the kernel subset.
        yield return Case("LineModels.Line", () => LineModels.LineGen(Xs), ChoiceMap.Of((("y", 0), 0.1), (("y", 3), 2.5)));
        yield return Case("NormalNormal", () => ConjugateModels.NormalNormalGen(5), ChoiceMap.Of((("y", 0), 0.3), (("y", 4), -0.4)));
        // Traced calls of kernel-subset functions, inlined into the kernel.
        yield return Case("TwoLines", () => LineModels.TwoLinesGen(Xs), ChoiceMap.Of((Address.Of("first", "y", 1), 0.7), (Address.Of("second", "slope"), -0.2)));
        yield return Case("PointFamily", () => CallModels.PointFamilyGen(Xs), ChoiceMap.Of((Address.Of("point", 2, "y"), 3.1), (Address.Of("point", 0, "outlier"), false)));
        yield return Case("Nested calls", () => CallModels.NestedGen(Xs), ChoiceMap.Of(("noise", 0.4)));
        yield return Case("Kernel calls", () => KernelCallModels.MixedGen(Xs, 3),
            ChoiceMap.Of((Address.Of("c", "obs"), 2.0), (Address.Of("p", 1, "y"), 0.4), (Address.Of("deep", "counter", "k"), 1), (Address.Of("coin", "f"), true)));
        yield return Case("A kernel call in a branch", () => KernelCallModels.BranchyGen(Xs), ChoiceMap.Of(("obs", 0.7)));
        yield return Case("Kernel calls two deep", () => KernelCallModels.OuterGen(Xs), ChoiceMap.Of((Address.Of("inner", "line", "y", 1), 0.9), ("noise", 0.1)));
        yield return Case("A rare kernel call", () => CallModels.RareCallGen(Xs), ChoiceMap.Of(("z", 0.3)));
        yield return Case("A kernel call of the overload C# binds", () => KernelCallModels.UseOverIntGen(2), ChoiceMap.Empty);
        yield return Case("A family of kernel calls, often empty", () => KernelCallModels.MaybeEmptyGen(Xs), ChoiceMap.Of(("obs", 0.5)));
        // Vmap and Repeat of kernel-subset functions: the combinator's call, then its calls by index.
        yield return Case("Vmap of a lambda", () => KernelCombinatorModels.MappedGen(Xs, true), ChoiceMap.Of((Address.Of("points", 1, "y"), 0.7), ("obs", 0.2)));
        yield return Case("Vmap over two arrays, of a method group, and Repeat", () => KernelCombinatorModels.CombinedGen(Xs, [true, false, true, false, true], [0.2, 0.5, 0.9], 3),
            ChoiceMap.Of((Address.Of("pairs", 2, "y"), 1.0), (Address.Of("coins", 1, "f"), true), (Address.Of("counters", 0, "obs"), 1.0)));
        yield return Case("Repeat of a count drawn", KernelCombinatorModels.RaggedGen, ChoiceMap.Of(("obs", 1.0)));
        yield return Case("Combinators two deep", () => KernelCombinatorModels.TwiceGen(Xs), ChoiceMap.Of((Address.Of("outer", 1, "points", 2, "y"), 0.5)));
        yield return Case("Scan of a lambda", () => KernelCombinatorModels.WalkedGen(5, 0.3), ChoiceMap.Of((Address.Of("walk", 0, "y"), 0.2), (Address.Of("walk", 4, "y"), 1.1)));
        yield return Case("Scans of method groups", () => KernelCombinatorModels.ScannedGen(3), ChoiceMap.Of((Address.Of("drift", 2, "d"), 0.9), (Address.Of("ticks", 1, "f"), true)));
        yield return Case("Scan of negative steps (every particle rejected)", () => KernelCombinatorModels.WalkedGen(-1, 0.3), ChoiceMap.Empty);
        yield return Case("Switches", () => KernelCombinatorModels.SwitchedGen(Xs), ChoiceMap.Of(("obs", 0.4)));
        yield return Case("A Switch index that selects no branch (a third rejected)", KernelCombinatorModels.OverreachingGen, ChoiceMap.Empty);
    }

    private static TestCaseData Case<R>(string name, Func<GenerativeFunction<R>> model, ChoiceMap constraints) =>
        new TestCaseData(model, constraints).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Models))]
    public void The_device_gives_the_cpu_batch_bit_for_bit<R>(Func<GenerativeFunction<R>> model, ChoiceMap constraints)
    {
        const int n = 300;
        var cpu = Seed(new Key(21), () => model().ImportanceK(n, constraints));
        var gpu = Seed(new Key(21), () => model().ImportanceK(n, constraints, Device));
        SameParticles(cpu, gpu);
    }

    [Test]
    public void A_call_of_a_host_only_callee_is_refused_with_the_callee_s_reason()
    {
        var error = Assert.Throws<NotSupportedException>(() => KernelCallModels.CallsRateGen().ImportanceK(10, ChoiceMap.Empty, Device));
        Assert.That(error!.Message, Does.Contain("a traced call of Rate, whose kernel runs on the host only: a choice of gamma"));
    }

    [Test]
    public void Kernel_calls_run_on_the_device_with_no_particle_run_again_on_the_cpu()
    {
        // Same bits would also come from faulted particles run on the CPU: the device must have run them all itself.
        var constraints = ChoiceMap.Of((Address.Of("c", "obs"), 2.0), (Address.Of("deep", "counter", "k"), 1));
        var mixed = Seed(new Key(4), () => KernelCallModels.MixedGen(Xs, 3).ImportanceK(500, constraints, Device));
        Assert.That(((ParticleBatch<double>)mixed.Rows!).KernelReruns, Is.EqualTo(0));
        var edited = Seed(new Key(5), () => mixed.Edit(EditRequest.Update(KernelCallModels.MixedGen(Xs, 4), ChoiceMap.Of((Address.Of("p", 3, "y"), 0.2))), Device));
        Assert.That(((ParticleBatch<double>)edited.Rows!).KernelReruns, Is.EqualTo(0));
        var nested = Seed(new Key(6), () => CallModels.NestedGen(Xs).ImportanceK(500, ChoiceMap.Of(("noise", 0.4)), Device));
        Assert.That(((ParticleBatch<double>)nested.Rows!).KernelReruns, Is.EqualTo(0), "both branches' calls laid out");
    }

    [Test]
    public void A_call_one_particle_in_a_hundred_makes_is_laid_out_from_more_particles_and_runs_on_the_device()
    {
        // None of the first 64 particles makes the rare call (checked); the first 1,024 do, so no particle runs again on the CPU.
        const int n = 20_000;
        var constraints = ChoiceMap.Of(("z", 0.3));
        var gpu = Seed(new Key(12), () => CallModels.RareCallGen(Xs).ImportanceK(n, constraints, Device));
        Assert.That(Enumerable.Range(0, 64).Count(i => gpu.Traces[i].Get<bool>("rare")), Is.Zero, "the case under test");
        Assert.That(Enumerable.Range(0, n).Count(i => gpu.Traces[i].Get<bool>("rare")), Is.GreaterThan(100));
        Assert.That(((ParticleBatch<double>)gpu.Rows!).KernelReruns, Is.EqualTo(0));
        SameParticles(Seed(new Key(12), () => CallModels.RareCallGen(Xs).ImportanceK(n, constraints)), gpu);
    }

    [Test]
    public void Vmap_and_Repeat_run_on_the_device_with_no_particle_run_again_on_the_cpu()
    {
        var constraints = ChoiceMap.Of((Address.Of("pairs", 2, "y"), 1.0), (Address.Of("coins", 1, "f"), true));
        var model = KernelCombinatorModels.CombinedGen(Xs, [true, false, true, false, true], [0.2, 0.5, 0.9], 3);
        var combined = Seed(new Key(4), () => model.ImportanceK(500, constraints, Device));
        Assert.That(((ParticleBatch<int>)combined.Rows!).KernelReruns, Is.EqualTo(0));
        var update = EditRequest.Update(model, ChoiceMap.Of((Address.Of("counters", 1, "obs"), 0.3)));
        var edited = Seed(new Key(5), () => combined.Edit(update, Device));
        Assert.That(((ParticleBatch<int>)edited.Rows!).KernelReruns, Is.EqualTo(0));
        SameParticles(Seed(new Key(5), () => combined.Edit(update)), edited);
        var twice = Seed(new Key(6), () => KernelCombinatorModels.TwiceGen(Xs).ImportanceK(500, ChoiceMap.Empty, Device));
        Assert.That(((ParticleBatch<double>)twice.Rows!).KernelReruns, Is.EqualTo(0), "a Repeat of a model that makes a Vmap");
    }

    [Test]
    public void A_Vmap_whose_results_are_used_is_refused_and_one_the_cpu_rejects_throws_as_there()
    {
        var used = Assert.Throws<NotSupportedException>(() => KernelCombinatorModels.UsedGen(Xs).ImportanceK(10, ChoiceMap.Empty, Device));
        Assert.That(used!.Message, Does.Contain("a Vmap whose array of return values is used"));
        // Arrays of different lengths: the CPU's Vmap throws, and the kernel leaves each particle to it.
        var onCpu = Assert.Throws<ArgumentException>(() => Seed(new Key(2), () => KernelCombinatorModels.MismatchedGen(Xs, [true]).ImportanceK(10, ChoiceMap.Empty)));
        var onDevice = Assert.Throws<ArgumentException>(() => Seed(new Key(2), () => KernelCombinatorModels.MismatchedGen(Xs, [true]).ImportanceK(10, ChoiceMap.Empty, Device)));
        Assert.That(onDevice!.Message, Is.EqualTo(onCpu!.Message));
    }

    [TestCaseSource(nameof(Models))]
    public void Many_small_launches_give_the_same_particles_as_one<R>(Func<GenerativeFunction<R>> model, ChoiceMap constraints)
    {
        const int n = 100;
        var cpu = Seed(new Key(3), () => model().ImportanceK(n, constraints));
        using (RowsPerLaunch(7)) // 15 launches, the last one short
        {
            SameParticles(cpu, Seed(new Key(3), () => model().ImportanceK(n, constraints, Device)));
        }
    }

    [Test]
    public void Values_read_a_choice_of_every_particle_from_the_device_s_column()
    {
        var gpu = Seed(new Key(4), () => GpuModels.LineGen(Xs).ImportanceK(500, ChoiceMap.Of((("y", 1), 1.0)), Device));
        var cpu = Seed(new Key(4), () => GpuModels.LineGen(Xs).ImportanceK(500, ChoiceMap.Of((("y", 1), 1.0))));
        Assert.That(gpu.Path, Is.EqualTo(ParticlePath.Batch));
        var slopes = gpu.Values<double>("slope");
        var expected = cpu.Values<double>("slope");
        for (var i = 0; i < gpu.Count; i++) Bitwise.AreEqual(expected[i], slopes[i], $"slope of particle {i}");
        Assert.That(gpu.Values<double>(("y", 1)).Distinct(), Is.EqualTo(new[] { 1.0 }), "a constrained choice is the constraint");
    }

    [Test]
    public void Rejected_particles_are_counted_with_the_cpu_s_reasons()
    {
        var cpu = Seed(new Key(9), () => GpuModels.RejectingGen(0.5).ImportanceK(400, ChoiceMap.Of(("y", 0.25))));
        var gpu = Seed(new Key(9), () => GpuModels.RejectingGen(0.5).ImportanceK(400, ChoiceMap.Of(("y", 0.25)), Device));
        Assert.That(cpu.Rejected, Is.GreaterThan(50), "about 31 % of N(0.5, 1) is negative");
        Assert.That(gpu.Rejected, Is.EqualTo(cpu.Rejected));
        Assert.That(gpu.FirstRejection!.Message, Is.EqualTo(cpu.FirstRejection!.Message));
        for (var i = 0; i < gpu.Count; i++) Assert.That(gpu.IsRejected(i), Is.EqualTo(cpu.IsRejected(i)), $"particle {i}");
    }

    [Test]
    public void Particles_longer_than_the_measured_layout_run_again_on_the_cpu_and_keep_their_values()
    {
        // The first particle measures the layout: on this key it draws one z; the particles that draw four do not fit
        // the device's columns, fault, and are run again on the CPU.
        var cpu = Seed(new Key(21), () => GpuModels.RaggedGen().ImportanceK(300, ChoiceMap.Empty));
        Assert.That(cpu.Traces[0].Retval, Is.EqualTo(1), "the first particle is short on this key");
        Assert.That(cpu.Traces.Count(t => t.Retval == 4), Is.GreaterThan(100));
        SameParticles(cpu, Seed(new Key(21), () => GpuModels.RaggedGen().ImportanceK(300, ChoiceMap.Empty, Device)));
    }

    [Test]
    public void On_the_cores_a_model_most_particles_fault_in_runs_through_the_scratch_batch_with_the_same_particles()
    {
        // A third of the particles are rejected: the kernel run on the cores hands the batch to the scratch-trace path.
        var constraints = ChoiceMap.Of(("y", 0.25));
        var onCores = Seed(new Key(12), () => GpuModels.RejectingGen(0.5).ImportanceK(200, constraints));
        var perParticle = Seed(new Key(12), () => Particles<double>.PerParticleImportance(GpuModels.RejectingGen(0.5), 200, constraints, KeySource.Next()));
        Assert.That(onCores.Path, Is.EqualTo(ParticlePath.Batch));
        Assert.That(onCores.Rejected, Is.GreaterThan(40));
        SameParticles(perParticle, onCores, paths: false);
    }

    internal static void SameParticles<R>(Particles<R> cpu, Particles<R> gpu, bool paths = true)
    {
        if (paths) Assert.That(gpu.Path, Is.EqualTo(cpu.Path));
        Assert.That(gpu.Count, Is.EqualTo(cpu.Count));
        Assert.That(gpu.Rejected, Is.EqualTo(cpu.Rejected), "rejections");
        for (var i = 0; i < cpu.Count; i++)
        {
            var what = $"particle {i}";
            Bitwise.AreEqual(cpu.LogWeights[i], gpu.LogWeights[i], what + " weight");
            Assert.That(gpu.IsRejected(i), Is.EqualTo(cpu.IsRejected(i)), what + " rejected");
            if (cpu.IsRejected(i)) continue;
            Bitwise.SameTrace(cpu.Traces[i], gpu.Traces[i], what);
        }
    }
}
