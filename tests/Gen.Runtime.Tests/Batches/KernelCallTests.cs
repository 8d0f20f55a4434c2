using Gen.Internal;
using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Transforms;

namespace Gen.Tests.Batches;

/// <summary>
/// Traced calls of kernel-subset [Gen] methods run inside the caller's kernel form: its ImportanceK and EditK fill the
/// callees' columns with no particle run again on the CPU (the differential tests check the particles bit for bit), and
/// a call the first particle does not make is laid out from the first particles together.
/// </summary>
public class KernelCallTests
{
    private static readonly double[] Xs = [0, 1, 2, 3];

    public static IEnumerable<TestCaseData> Models()
    {
        yield return Case("TwoLines", () => LineModels.TwoLinesGen(Xs), ChoiceMap.Of((Address.Of("first", "y", 1), 0.7)));
        yield return Case("PointFamily", () => CallModels.PointFamilyGen(Xs), ChoiceMap.Of((Address.Of("point", 2, "y"), 3.1)));
        yield return Case("Nested", () => CallModels.NestedGen(Xs), ChoiceMap.Of(("noise", 0.4)));
        yield return Case("Mixed", () => KernelCallModels.MixedGen(Xs, 3), ChoiceMap.Of((Address.Of("c", "obs"), 2.0), (Address.Of("deep", "counter", "k"), 1)));
        yield return Case("Branchy", () => KernelCallModels.BranchyGen(Xs), ChoiceMap.Of(("obs", 0.7)));
        yield return Case("Outer", () => KernelCallModels.OuterGen(Xs), ChoiceMap.Of((Address.Of("inner", "line", "y", 1), 0.9)));
        yield return Case("CallsRate (host only)", KernelCallModels.CallsRateGen, ChoiceMap.Of(("z", 1.5)));
        yield return Case("UseOverInt (the overload C# binds)", () => KernelCallModels.UseOverIntGen(2), ChoiceMap.Empty);
        foreach (var combinators in CombinatorCases()) yield return combinators;
    }

    /// <summary>Vmap and Repeat of kernel-subset methods, which the kernel makes as the CPU's combinators do.</summary>
    public static IEnumerable<TestCaseData> CombinatorCases()
    {
        yield return Case("Vmap of a lambda", () => KernelCombinatorModels.MappedGen(Xs, true), ChoiceMap.Of((Address.Of("points", 1, "y"), 0.7), ("obs", 0.2)));
        yield return Case("Vmap over two arrays, of a method group, and Repeat", () => KernelCombinatorModels.CombinedGen(Xs, [true, false, true, false], [0.2, 0.5, 0.9], 3),
            ChoiceMap.Of((Address.Of("pairs", 2, "y"), 1.0), (Address.Of("coins", 1, "f"), true), (Address.Of("counters", 0, "obs"), 1.0)));
        yield return Case("Repeat of a count drawn", KernelCombinatorModels.RaggedGen, ChoiceMap.Of(("obs", 1.0)));
        yield return Case("Combinators two deep", () => KernelCombinatorModels.TwiceGen(Xs), ChoiceMap.Of((Address.Of("outer", 1, "points", 2, "y"), 0.5)));
        yield return Case("Scan of a lambda", () => KernelCombinatorModels.WalkedGen(5, 0.3), ChoiceMap.Of((Address.Of("walk", 0, "y"), 0.2), (Address.Of("walk", 4, "y"), 1.1)));
        yield return Case("Scans of method groups", () => KernelCombinatorModels.ScannedGen(3), ChoiceMap.Of((Address.Of("drift", 2, "d"), 0.9), (Address.Of("ticks", 1, "f"), true)));
        yield return Case("Switches", () => KernelCombinatorModels.SwitchedGen(Xs), ChoiceMap.Of(("obs", 0.4)));
    }

    private static TestCaseData Case<R>(string name, Func<GenerativeFunction<R>> model, ChoiceMap constraints) =>
        new TestCaseData(model, constraints).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Models))]
    public void ImportanceK_of_a_model_with_kernel_calls_runs_every_particle_in_the_kernel<R>(Func<GenerativeFunction<R>> model, ChoiceMap constraints)
    {
        Assert.That(model().DrawsOnlyChoices, Is.True, "a kernel form");
        var particles = Seed(new Key(8), () => model().ImportanceK(400, constraints));
        var batch = (ParticleBatch<R>)particles.Rows!;
        Assert.That(batch.KernelReruns, Is.EqualTo(0), "particles run again on the CPU");
        // The callees' columns are read without a trace, as a choice of the model's own.
        var below = particles.Traces[3].Choices;
        Assert.That(below.Count, Is.GreaterThan(0));
    }

    [TestCaseSource(nameof(Models))]
    public void EditK_of_a_model_with_kernel_calls_runs_every_particle_in_the_kernel<R>(Func<GenerativeFunction<R>> model, ChoiceMap constraints)
    {
        var particles = Seed(new Key(8), () => model().ImportanceK(400, constraints));
        var edited = Seed(new Key(9), () => particles.Edit(EditRequest.Update(model(), ChoiceMap.Empty)));
        var batch = (ParticleBatch<R>)edited.Rows!;
        Assert.That(batch.KernelReruns, Is.EqualTo(0), "particles run again on the CPU");
        Bitwise.SameParticles(particles.PerParticleEdit(EditRequest.Update(model(), ChoiceMap.Empty), new Key(9).FoldIn(0), InferenceOptions.Default), edited, "update");
    }

    [Test]
    public void A_family_the_first_particle_makes_no_call_of_is_laid_out_from_the_first_particles_together()
    {
        // Key 4 roots particle 0 at n = 0 (checked): its empty family names no callee columns, so the first 64 particles measure them.
        var particles = Seed(new Key(4), () => KernelCallModels.MaybeEmptyGen(Xs).ImportanceK(400, ChoiceMap.Of(("obs", 0.5))));
        Assert.That(particles.Traces[0].Get<int>("n"), Is.EqualTo(0), "the case under test");
        Assert.That(Enumerable.Range(0, 400).Count(i => particles.Traces[i].Get<int>("n") > 0), Is.GreaterThan(200));
        Assert.That(((ParticleBatch<double>)particles.Rows!).KernelReruns, Is.EqualTo(0), "particles run again on the CPU");
    }

    [Test]
    public void A_call_whose_overload_or_arguments_the_generator_cannot_settle_has_no_kernel_form_and_says_why()
    {
        Assert.That(KernelCallModels.UseOverGen(3).DrawsOnlyChoices, Is.False);
        var overload = Assert.Throws<NotSupportedException>(() => KernelCallModels.UseOverGen(3).ImportanceThroughKernel(10, ChoiceMap.Empty, new Key(1), new HostBackend(null, 16)));
        Assert.That(overload!.Message, Does.Contain("a traced call of an overloaded [Gen] method whose overload the generator cannot tell yet"));
        var optional = Assert.Throws<NotSupportedException>(() => KernelCallModels.UseDefaultGen(1).ImportanceThroughKernel(10, ChoiceMap.Empty, new Key(1), new HostBackend(null, 16)));
        Assert.That(optional!.Message, Does.Contain("a traced call of Noisy that leaves out optional or params arguments"));
        // The overload C# binds for an int is Scale(float), outside the subset (Scale(double) is in it): the reason is the bound one's.
        var bound = Assert.Throws<NotSupportedException>(() => KernelCallModels.UseScaleGen(2).ImportanceThroughKernel(10, ChoiceMap.Empty, new Key(1), new HostBackend(null, 16)));
        Assert.That(bound!.Message, Does.Contain("a traced call of Scale, which is outside the kernel subset: its parameter 'v' is float"));
    }

    [Test]
    public void Calls_of_different_callees_at_one_address_have_no_kernel_form_and_give_the_per_particle_particles()
    {
        // A kernel lays out one callee's columns per address: running the other callee over them crashed or mixed the columns.
        var model = KernelCallModels.TwoCalleesGen(0.5);
        var error = Assert.Throws<NotSupportedException>(() => model.ImportanceThroughKernel(10, ChoiceMap.Empty, new Key(1), new HostBackend(null, 16)));
        Assert.That(error!.Message, Does.Contain("traced calls of different functions (or overloads) at one address"));
        var particles = Seed(new Key(6), () => model.ImportanceK(200, ChoiceMap.Empty));
        Bitwise.SameParticles(Particles<double>.PerParticleImportance(model, 200, ChoiceMap.Empty, new Key(6).FoldIn(0)), particles, "both callees");
    }

    [Test]
    public void A_call_of_a_model_outside_the_kernel_subset_has_no_kernel_form_and_says_why()
    {
        Assert.That(KernelCallModels.CallsVmapGen(Xs).DrawsOnlyChoices, Is.False);
        var error = Assert.Throws<NotSupportedException>(() => KernelCallModels.CallsVmapGen(Xs).ImportanceThroughKernel(10, ChoiceMap.Empty, new Key(1), new HostBackend(null, 16)));
        Assert.That(error!.Message, Does.Contain("a traced call of Points, which is outside the kernel subset: it returns double[]"));
        // Calls of one of two functions at one address have no layout a kernel could share.
        Assert.That(CallModels.EitherGen().DrawsOnlyChoices, Is.False);
    }
}
