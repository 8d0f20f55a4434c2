using Gen.Internal;
using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Transforms;
using static Gen.Gpu.Tests.GpuDifferentialTests;

namespace Gen.Gpu.Tests;

/// <summary>
/// EditK on the device (ILGPU's CPU accelerator here) is the CPU's edit of one trace per particle bit for bit on the
/// same key (the definition <c>particles.Edit(request)</c> reproduces, whichever path it takes): every particle's weight,
/// score, return value and choices, for Updates and Regenerates with and without a new call, new constraints on kept and
/// fresh choices, resampled choices, sites that appear and disappear, rejections, in one launch and in many.
/// </summary>
public class GpuEditTests : CpuAcceleratorTests
{
    private static readonly double[] Xs = [0, 1, 2, 3, 4.5];
    private static readonly double[] MoreXs = [0, 1, 2, 3, 4.5, 5, 6.5];

    public static IEnumerable<TestCaseData> Edits()
    {
        // An SMC step: a new call with more observations, constrained as it goes.
        yield return Case("Line, new call and observations", () => GpuModels.LineGen(Xs), ChoiceMap.Of((("y", 0), 0.1), (("y", 2), 1.9)),
            EditRequest.Update(GpuModels.LineGen(MoreXs), ChoiceMap.Of((("y", 5), 4.8), (("y", 6), 6.1))));
        // The same call: a kept choice newly constrained, and one constrained again to another value.
        yield return Case("NormalMean, the same call", () => GpuModels.NormalMeanGen(6, 1, 2), ChoiceMap.Of((("y", 0), 0.3)),
            EditRequest.Update(ChoiceMap.Of(("mu", 0.8), (("y", 0), 0.5), (("y", 3), 1.0))));
        // Branches that visit other sites after the edit (removed sites run on the CPU), bools and ints.
        yield return Case("Zoo, a flipped coin", () => GpuModels.ZooGen([0, 3, 1, 2], [true, false, true, true], true), ChoiceMap.Of((("wait", 0), 0.7)),
            EditRequest.Update(ChoiceMap.Of(("coin", true), ("flag", false))));
        yield return Case("Counts, new arguments", () => GpuModels.CountsGen(3), ChoiceMap.Of(("obs", 4.0)),
            EditRequest.Update(GpuModels.CountsGen(5), ChoiceMap.Of((("g", 4), 1))));
        yield return Case("Samplers, a new shift", () => GpuModels.SamplersGen(0.5), ChoiceMap.Of(("y", 3.0)),
            EditRequest.Update(GpuModels.SamplersGen(-0.25), ChoiceMap.Of(("k", 2), ("d", true))));
        yield return Case("Logistic, more data", () => GpuModels.LogisticGen(Xs), ChoiceMap.Of((("y", 0), false), (("y", 2), true)),
            EditRequest.Update(GpuModels.LogisticGen(MoreXs), ChoiceMap.Of((("y", 5), true), (("y", 6), true))));
        // Particles rejected before stay rejected; an edit that makes sigma negative rejects.
        yield return Case("Rejecting", () => GpuModels.RejectingGen(0.5), ChoiceMap.Of(("y", 0.25)),
            EditRequest.Update(GpuModels.RejectingGen(0.2), ChoiceMap.Of(("s", 0.7))));
        // An edit that rejects about 40 % of the particles on the device (their scale turns negative): each keeps its
        // trace, with weight −∞, as on the CPU.
        yield return Case("Shrinking, an edit that rejects", () => GpuModels.ShrinkingGen(-5), ChoiceMap.Of(("y", 0.25)),
            EditRequest.Update(GpuModels.ShrinkingGen(0.8), ChoiceMap.Empty));
        // The runtime tests' models in the subset.
        yield return Case("NormalNormal", () => ConjugateModels.NormalNormalGen(3), ChoiceMap.Of((("y", 0), 0.3)),
            EditRequest.Update(ConjugateModels.NormalNormalGen(5), ChoiceMap.Of((("y", 3), -0.4), (("y", 4), 0.9))));
        // Traced calls in the kernel: a family of calls grown, a callee's choice newly observed; a call made by a branch.
        yield return Case("Kernel calls, a family grown", () => KernelCallModels.MixedGen(Xs, 2), ChoiceMap.Of((Address.Of("c", "obs"), 2.0)),
            EditRequest.Update(KernelCallModels.MixedGen(Xs, 3), ChoiceMap.Of((Address.Of("p", 2, "y"), 0.5), (Address.Of("deep", "counter", "obs"), 1.5))));
        yield return Case("A kernel call in a branch", () => KernelCallModels.BranchyGen(Xs), ChoiceMap.Of(("obs", 0.7)),
            EditRequest.Update(ChoiceMap.Of(("obs", 1.1))));
    }

    /// <summary>The reference: one trace edited per particle, with the key <c>particles.Edit</c> draws.</summary>
    private static Particles<R> PerParticle<R>(Particles<R> particles, EditRequest edit) => particles.PerParticleEdit(edit, KeySource.Next(), InferenceOptions.Default);

    private static TestCaseData Case<R>(string name, Func<GenerativeFunction<R>> model, ChoiceMap constraints, EditRequest edit) =>
        new TestCaseData(model, constraints, edit).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Edits))]
    public void The_device_edits_as_the_cpu_does_bit_for_bit<R>(Func<GenerativeFunction<R>> model, ChoiceMap constraints, EditRequest edit)
    {
        const int n = 300;
        var particles = Seed(new Key(5), () => model().ImportanceK(n, constraints, Device));
        var cpu = Seed(new Key(6), () => PerParticle(particles, edit));
        var launches = Device.Launches;
        var gpu = Seed(new Key(6), () => particles.Edit(edit, Device));
        Assert.That(Device.Launches, Is.EqualTo(launches + 1), "the edit ran on the device, in one launch");
        SameParticles(cpu, gpu, paths: false);
        Assert.That(gpu.Path, Is.EqualTo(ParticlePath.Batch), "the edited particles are columns");
    }

    [TestCaseSource(nameof(Edits))]
    public void Many_small_launches_edit_as_one<R>(Func<GenerativeFunction<R>> model, ChoiceMap constraints, EditRequest edit)
    {
        const int n = 60;
        var particles = Seed(new Key(7), () => model().ImportanceK(n, constraints));
        var cpu = Seed(new Key(8), () => PerParticle(particles, edit));
        using (RowsPerLaunch(7))
        {
            var launches = Device.Launches;
            SameParticles(cpu, Seed(new Key(8), () => particles.Edit(edit, Device)), paths: false);
            Assert.That(Device.Launches, Is.EqualTo(launches + 9), "60 particles in launches of 7");
        }
    }

    [Test]
    public void An_edit_that_rejects_every_particle_keeps_their_traces_as_on_the_cpu()
    {
        // No particle of the probe fits (every one rejected), so the CPU edits them all: the same particles.
        var particles = Seed(new Key(19), () => GpuModels.RejectingGen(1.5).ImportanceK(100, ChoiceMap.Of(("y", 0.25)), Device));
        var edit = EditRequest.Update(ChoiceMap.Of(("s", -0.5)));
        var cpu = Seed(new Key(20), () => PerParticle(particles, edit));
        var gpu = Seed(new Key(20), () => particles.Edit(edit, Device));
        Assert.That(gpu.Rejected, Is.EqualTo(100));
        SameParticles(cpu, gpu, paths: false);
        Assert.That(gpu.Traces[3].Get<double>("s"), Is.EqualTo(particles.Traces[3].Get<double>("s")), "a rejected particle keeps its trace");
    }

    [Test]
    public void A_particle_filter_of_device_steps_is_the_cpu_s()
    {
        // Three steps of a growing regression, each an Update to more observations, resampled between steps.
        double[][] inputs = [[0, 1], [0, 1, 2, 3], [0, 1, 2, 3, 4.5, 5]];
        double[] ys = [0.2, 1.1, 1.8, 3.2, 4.4, 5.1];
        ChoiceMap Observations(int from, int to) => ChoiceMap.Of(Enumerable.Range(from, to - from).Select(i => ((Address)("y", i), (object)ys[i])).ToArray());
        Particles<double> Run(bool device) => Seed(new Key(11), () =>
        {
            var particles = device
                ? GpuModels.LineGen(inputs[0]).ImportanceK(400, Observations(0, 2), Device)
                : GpuModels.LineGen(inputs[0]).ImportanceK(400, Observations(0, 2));
            for (var t = 1; t < inputs.Length; t++)
            {
                var step = EditRequest.Update(GpuModels.LineGen(inputs[t]), Observations(inputs[t - 1].Length, inputs[t].Length));
                particles = particles.Resample();
                particles = device ? particles.Edit(step, Device) : PerParticle(particles, step);
            }
            return particles;
        });
        var cpu = Run(device: false);
        var gpu = Run(device: true);
        SameParticles(cpu, gpu, paths: false);
        // And it infers: the slope's posterior mean near the least-squares line's (about 1.0 for these points).
        var weights = gpu.NormalizedWeights();
        var slope = gpu.Values<double>("slope").Select((s, i) => s * weights[i]).Sum();
        Assert.That(slope, Is.EqualTo(1.0).Within(0.1), "a weighted posterior mean of 400 particles; the prior N(0, 1) pulls it in a little");
    }

    [Test]
    public void Particles_that_are_not_columns_are_edited_on_the_cpu_with_the_same_result()
    {
        var constraints = ChoiceMap.Of((("y", 0), 0.1));
        var perParticle = Seed(new Key(13), () => Particles<double>.PerParticleImportance(GpuModels.LineGen(Xs), 100, constraints, KeySource.Next()));
        var edit = EditRequest.Update(GpuModels.LineGen(MoreXs), ChoiceMap.Of((("y", 6), 6.0)));
        var launches = Device.Launches;
        SameParticles(Seed(new Key(14), () => PerParticle(perParticle, edit)), Seed(new Key(14), () => perParticle.Edit(edit, Device)), paths: false);
        Assert.That(Device.Launches, Is.EqualTo(launches), "edited on the CPU");
    }

    public static IEnumerable<TestCaseData> Regenerates()
    {
        yield return Case("Line, the slope", () => GpuModels.LineGen(Xs), ChoiceMap.Of((("y", 0), 0.1), (("y", 2), 1.9)),
            EditRequest.Regenerate(Selection.Of("slope")));
        yield return Case("Line, a new call and the intercept", () => GpuModels.LineGen(Xs), ChoiceMap.Of((("y", 0), 0.1), (("y", 2), 1.9)),
            EditRequest.Regenerate(GpuModels.LineGen(MoreXs), Selection.Of("intercept")));
        // A flipped coin changes the branch: the sites it leaves are dropped (out of the weight), on the device too.
        yield return Case("Zoo, the coin and a family", () => GpuModels.ZooGen([0, 3, 1, 2], [true, false, true, true], true), ChoiceMap.Of(("flag", true)),
            EditRequest.Regenerate(Selection.Of("coin", "wait")));
        yield return Case("Samplers, ints, bools and reals", () => GpuModels.SamplersGen(0.5), ChoiceMap.Of(("y", 3.0)),
            EditRequest.Regenerate(GpuModels.SamplersGen(-0.25), Selection.Of("a", "d", "k", "l", "j")));
        yield return Case("Logistic, both coefficients", () => GpuModels.LogisticGen(Xs), ChoiceMap.Of((("y", 0), false), (("y", 2), true)),
            EditRequest.Regenerate(Selection.Of("a", "b")));
        // Rejected before, and rejected by the regenerate (a negative scale): each keeps its trace, as on the CPU.
        yield return Case("Shrinking, rejections", () => GpuModels.ShrinkingGen(-5), ChoiceMap.Of(("y", 0.25)),
            EditRequest.Regenerate(GpuModels.ShrinkingGen(0.8), Selection.Of("s")));
        yield return Case("NormalNormal, the mean", () => ConjugateModels.NormalNormalGen(3), ChoiceMap.Of((("y", 0), 0.3)),
            EditRequest.Regenerate(ConjugateModels.NormalNormalGen(5), Selection.Of("mu")));
        // Choices below kernel calls, by their full addresses (a callee's, a family member's, a callee's callee's).
        yield return Case("Kernel calls, choices below them", () => KernelCallModels.MixedGen(Xs, 2), ChoiceMap.Of((Address.Of("c", "obs"), 2.0)),
            EditRequest.Regenerate(KernelCallModels.MixedGen(Xs, 3), Selection.Of(Address.Of("c", "k"), Address.Of("p", 0, "y"), Address.Of("line", "slope"))));
        yield return Case("A kernel call's branch", () => KernelCallModels.BranchyGen(Xs), ChoiceMap.Of(("obs", 0.7)),
            EditRequest.Regenerate(Selection.Of("z", Address.Of("line", "intercept"))));
    }

    [TestCaseSource(nameof(Regenerates))]
    public void The_device_regenerates_as_the_cpu_does_bit_for_bit<R>(Func<GenerativeFunction<R>> model, ChoiceMap constraints, EditRequest edit)
    {
        var particles = Seed(new Key(15), () => model().ImportanceK(300, constraints, Device));
        var cpu = Seed(new Key(16), () => PerParticle(particles, edit));
        var launches = Device.Launches;
        var gpu = Seed(new Key(16), () => particles.Edit(edit, Device));
        Assert.That(Device.Launches, Is.EqualTo(launches + 1), "the regenerate ran on the device, in one launch");
        SameParticles(cpu, gpu, paths: false);
        Assert.That(gpu.Path, Is.EqualTo(ParticlePath.Batch));
        // And the same kernel form on the cores (which particles.Edit does not take for a Regenerate: the scratch path is faster).
        var cores = Seed(new Key(16), () => edit.ApplyThroughKernel(particles, KeySource.Next(), new HostBackend(InferenceOptions.Default, 64), InferenceOptions.Default));
        if (cores is not null) SameParticles(cpu, cores, paths: false);
        else Assert.That(cpu.Rejected - particles.Rejected, Is.GreaterThan(300 / 8), "the host declines a kernel run only when most particles fault");
        SameParticles(cpu, Seed(new Key(16), () => particles.Edit(edit)), paths: false);
    }

    [Test]
    public void A_regenerate_that_visits_a_dropped_observed_site_again_is_the_cpu_s()
    {
        // y1 observed, dropped by a regenerate under a shorter call (the device's edit too), then drawn afresh when the next
        // one visits it again.
        var start = Seed(new Key(21), () => ConjugateModels.NormalNormalGen(3).ImportanceK(300, ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.2)), Device));
        var shorter = EditRequest.Regenerate(ConjugateModels.NormalNormalGen(1), Selection.Of("mu"));
        var dropped = Seed(new Key(22), () => start.Edit(shorter, Device));
        SameParticles(Seed(new Key(22), () => PerParticle(start, shorter)), dropped, paths: false);
        Assert.That(dropped.Traces[0].HasChoice(("y", 1)), Is.False, "y1 dropped");
        var back = EditRequest.Regenerate(ConjugateModels.NormalNormalGen(3), Selection.Of("mu"));
        var cpu = Seed(new Key(23), () => PerParticle(dropped, back));
        var gpu = Seed(new Key(23), () => dropped.Edit(back, Device));
        Assert.That(gpu.Values<double>(("y", 1)).Distinct().Count(), Is.GreaterThan(1), "y1 drawn afresh");
        SameParticles(cpu, gpu, paths: false);
    }

    [Test]
    public void A_regenerate_of_an_observed_choice_resamples_it_on_the_device()
    {
        var particles = Seed(new Key(17), () => GpuModels.LineGen(Xs).ImportanceK(100, ChoiceMap.Of((("y", 0), 0.1), (("y", 2), 1.9)), Device));
        var edit = EditRequest.Regenerate(Selection.Of("slope", ("y", 2)));
        var launches = Device.Launches;
        var gpu = Seed(new Key(18), () => particles.Edit(edit, Device));
        Assert.That(Device.Launches, Is.EqualTo(launches + 1));
        SameParticles(Seed(new Key(18), () => PerParticle(particles, edit)), gpu, paths: false);
        Assert.That(gpu.Values<double>(("y", 2)).Distinct().Count(), Is.GreaterThan(1), "y2 drawn afresh");
        Assert.That(gpu.Values<double>(("y", 0)).Distinct(), Is.EqualTo(new[] { 0.1 }), "y0 kept");
    }

    [Test]
    public void A_model_outside_the_kernel_subset_is_refused_with_its_construct()
    {
        var particles = Seed(new Key(16), () => GpuModels.WithHelperGen(1).ImportanceK(20, ChoiceMap.Empty));
        var error = Assert.Throws<NotSupportedException>(() => particles.Edit(EditRequest.Update(GpuModels.WithHelperGen(2), ChoiceMap.Empty), Device));
        Assert.That(error!.Message, Does.Contain("WithHelper cannot run on a GPU").And.Contain("Twice(a)"));
    }

    [Test]
    public void A_constraint_the_model_does_not_visit_fails_as_on_the_cpu()
    {
        var particles = Seed(new Key(17), () => GpuModels.LineGen(Xs).ImportanceK(20, ChoiceMap.Empty, Device));
        var edit = EditRequest.Update(ChoiceMap.Of(("slop", 1.0)));
        var cpu = Assert.Throws<ArgumentException>(() => Seed(new Key(18), () => particles.Edit(edit)));
        var gpu = Assert.Throws<ArgumentException>(() => Seed(new Key(18), () => particles.Edit(edit, Device)));
        Assert.That(gpu!.Message, Is.EqualTo(cpu!.Message));
    }
}
