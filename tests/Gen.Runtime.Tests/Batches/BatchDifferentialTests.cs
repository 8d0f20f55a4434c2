using Gen.Tests.Inference;
using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Combinators;
using static Gen.Transforms;

namespace Gen.Tests.Batches;

/// <summary>
/// ImportanceK in columns is the per-particle definition, bit for bit: particle i of the batch equals
/// <c>Seed(batchKey.FoldIn(i), () =&gt; model.Importance(constraints))</c> — weight, score, return value and every choice —
/// on one core and on all cores, for every batchable test model.
/// </summary>
public class BatchDifferentialTests
{
    private static readonly double[] Xs = [0, 1, 2, 3];

    public static IEnumerable<TestCaseData> Models()
    {
        yield return Case("Line", () => LineModels.LineGen(Xs), ChoiceMap.Of((("y", 0), 0.1), (("y", 2), 1.9)));
        yield return Case("NormalNormal", () => ConjugateModels.NormalNormalGen(5), ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.2), (("y", 4), -0.4)));
        yield return Case("BetaBernoulli", () => ConjugateModels.BetaBernoulliGen(6), ChoiceMap.Of((("y", 0), true), (("y", 3), false)));
        yield return Case("Branching", () => ControlFlowModels.BranchingGen(0.2), ChoiceMap.Of(("x", 0.4)));
        yield return Case("Loops", () => ControlFlowModels.LoopsGen(5), ChoiceMap.Empty);
        yield return Case("Switching", () => ControlFlowModels.SwitchingGen(0), ChoiceMap.Empty);
        yield return Case("Vectors", () => ControlFlowModels.VectorsGen(4), ChoiceMap.Empty);
        yield return Case("UserDistribution", () => UserDistributionModels.WalkGen(5), ChoiceMap.Of((("step", 1), 2)));
        yield return Case("ShortCircuit", ExpressionSiteModels.ShortCircuitGen, ChoiceMap.Empty);
        yield return Case("Initialisers", ExpressionSiteModels.InitialisersGen, ChoiceMap.Of(("py", 0.5)));
        // Traced calls and combinators, in columns of their own.
        yield return Case("TwoLines", () => LineModels.TwoLinesGen(Xs), ChoiceMap.Of((Address.Of("first", "y", 1), 0.7), (Address.Of("second", "slope"), -0.2)));
        yield return Case("PointFamily", () => CallModels.PointFamilyGen(Xs), ChoiceMap.Of((Address.Of("point", 2, "y"), 3.1), (Address.Of("point", 0, "outlier"), false)));
        yield return Case("NestedCalls", () => CallModels.NestedGen(Xs), ChoiceMap.Of(("noise", 0.4)));
        yield return Case("Vmap", () => CombinatorModels.PointsGen(Xs), ChoiceMap.Of((Address.Of("points", 1, "y"), 1.2), (Address.Of("points", 3, "outlier"), true)));
        yield return Case("Scan", () => CombinatorModels.ChainGen(5), ChoiceMap.Of((Address.Of("chain", 2, "y"), 0.8), (Address.Of("chain", 4, "y"), 1.5)));
        yield return Case("Switch", CombinatorModels.SwitchedGen, ChoiceMap.Empty);
        yield return Case("SwitchObserved", CombinatorModels.SwitchedGen, ChoiceMap.Of(((Address)"k", 1), (Address.Of("s", "d"), true)));
        yield return Case("RepeatOfGen", () => GradientModels.RepeatedGen(4), ChoiceMap.Of(("sum", 2.5)));
        yield return Case("RareCall", () => CallModels.RareCallGen(Xs), ChoiceMap.Of(("z", 0.3)));
        yield return Case("VaryingVmap", () => CallModels.VaryingVmapGen(Xs), ChoiceMap.Of(("noise", 0.2)));
        yield return Case("LeafFamily", () => CallModels.LeafFamilyGen(4), ChoiceMap.Of((("d", 2), 0.6)));
        yield return Case("SwitchOfCalls", () => CallModels.SwitchCallsGen(Xs), ChoiceMap.Of(("obs", 1.1)));
        yield return Case("RepeatOfDistribution", () => GradientModels.RepeatedDrawsGen(3), ChoiceMap.Of((("y", 0), 0.3), (("eta", 2), -1.1)));
        yield return Case("RepeatAroundChoice", () => GradientModels.RepeatedAroundChoiceGen(3), ChoiceMap.Of((("d", 1), 0.6)));
        yield return Case("SwitchOfDistributions", () => GradientModels.SwitchedDrawsGen(1), ChoiceMap.Of(("obs", 1.4)));
        yield return Case("SwitchOfDistributionsObserved", () => GradientModels.SwitchedDrawsGen(0), ChoiceMap.Of(("s", -0.5)));
        // Traced calls of kernel-subset functions, which the kernel form makes too (KernelCallTests).
        yield return Case("KernelCalls", () => KernelCallModels.MixedGen(Xs, 3),
            ChoiceMap.Of((Address.Of("c", "obs"), 2.0), (Address.Of("p", 1, "y"), 0.4), (Address.Of("deep", "counter", "k"), 1), (Address.Of("coin", "f"), true)));
        yield return Case("KernelCallInABranch", () => KernelCallModels.BranchyGen(Xs), ChoiceMap.Of(("obs", 0.7)));
        yield return Case("KernelCallOfAnOverload", () => KernelCallModels.UseOverIntGen(2), ChoiceMap.Empty);
        yield return Case("CallOfAnOverloadOutsideTheSubset", () => KernelCallModels.UseScaleGen(2), ChoiceMap.Empty);
        yield return Case("CallOfAnOverloadTypedByACall", () => KernelCallModels.UseOverGen(3), ChoiceMap.Empty);
        yield return Case("KernelCallsOfAFamilyTheFirstDoesNotMake", () => KernelCallModels.MaybeEmptyGen(Xs), ChoiceMap.Of(("obs", 0.5)));
        yield return Case("KernelCallOfAHostOnlyCallee", KernelCallModels.CallsRateGen, ChoiceMap.Of(("z", 1.5)));
        yield return Case("KernelCallsTwoDeep", () => KernelCallModels.OuterGen(Xs), ChoiceMap.Of((Address.Of("inner", "line", "y", 1), 0.9), ("noise", 0.1)));
        // Vmap and Repeat of kernel-subset functions, which the kernel form makes too.
        foreach (var combinators in KernelCallTests.CombinatorCases()) yield return combinators;
    }

    private static TestCaseData Case<R>(string name, Func<GenerativeFunction<R>> model, ChoiceMap constraints) =>
        new TestCaseData(model, constraints).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Models))]
    public void Each_particle_of_the_batch_is_the_seeded_per_particle_importance<R>(Func<GenerativeFunction<R>> model, ChoiceMap constraints)
    {
        const int n = 300;
        var root = new Key(77);
        foreach (var cores in new int?[] { 1, null })
        {
            var particles = Seed(root, () => model().ImportanceK(n, constraints, new InferenceOptions { MaxDegreeOfParallelism = cores }));
            Assert.That(particles.Path, Is.EqualTo(ParticlePath.Batch));
            var batchKey = root.FoldIn(0); // the key ImportanceK draws from the seeded stream
            for (var i = 0; i < n; i++)
            {
                var what = $"particle {i}, {(cores is null ? "all cores" : "one core")}";
                var (trace, weight) = Seed(batchKey.FoldIn((uint)i), () => model().Importance(constraints));
                Bitwise.AreEqual(weight, particles.LogWeights[i], what + " weight");
                Bitwise.SameTrace(trace, particles.Traces[i], what);
            }
        }
    }

    [TestCaseSource(nameof(Models))]
    public void A_batch_particle_s_full_trace_edits_as_the_per_particle_trace_does<R>(Func<GenerativeFunction<R>> model, ChoiceMap constraints)
    {
        var particles = Seed(new Key(5), () => model().ImportanceK(40, constraints));
        var batchKey = new Key(5).FoldIn(0);
        var selection = Selection.All;
        for (var i = 0; i < particles.Count; i++)
        {
            var own = Seed(batchKey.FoldIn((uint)i), () => model().Importance(constraints)).Trace;
            var viaView = Seed(new Key(6), () => particles.Traces[i].Regenerate(selection));
            var direct = Seed(new Key(6), () => own.Regenerate(selection));
            Bitwise.SameEdit(direct, viaView, $"particle {i} regenerate");
        }
    }

    [Test]
    public void Values_reads_one_choice_of_every_particle_from_its_column()
    {
        var constraints = ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.2));
        var particles = Seed(new Key(8), () => ConjugateModels.NormalNormalGen(2).ImportanceK(500, constraints));
        var mu = particles.Values<double>("mu");
        var y1 = particles.Values<double>(("y", 1));
        for (var i = 0; i < particles.Count; i++)
        {
            Bitwise.AreEqual(particles.Traces[i].Get<double>("mu"), mu[i], $"mu of particle {i}");
            Assert.That(y1[i], Is.EqualTo(1.2), "a constrained choice is the constraint");
            Bitwise.AreEqual(mu[i], particles.Traces[i].Retval, "the model returns mu");
        }
        Assert.Throws<ChoiceTypeException>(() => particles.Values<int>("mu"));
        Assert.Throws<ChoiceNotFoundException>(() => particles.Values<double>("nu"));
        Assert.That(particles.Values<object>("mu")[3], Is.EqualTo(mu[3]));
    }

    /// <summary>Choices below traced calls and combinators, read from their columns: each as the particle's trace reads it.</summary>
    public static IEnumerable<TestCaseData> CallChoices()
    {
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => LineModels.TwoLinesGen(Xs)), Address.Of("second", "y", 2)).SetArgDisplayNames("call");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => CallModels.PointFamilyGen(Xs)), Address.Of("point", 3, "y")).SetArgDisplayNames("family");
        yield return new TestCaseData((Func<GenerativeFunction<double[]>>)(() => CombinatorModels.PointsGen(Xs)), Address.Of("points", 2, "outlier")).SetArgDisplayNames("Vmap");
        yield return new TestCaseData((Func<GenerativeFunction<double[]>>)(() => CombinatorModels.ChainGen(4)), Address.Of("chain", 3, "x")).SetArgDisplayNames("Scan");
    }

    [TestCaseSource(nameof(CallChoices))]
    public void Values_below_a_traced_call_are_read_from_its_columns<R>(Func<GenerativeFunction<R>> model, Address address)
    {
        var particles = Seed(new Key(12), () => model().ImportanceK(300, ChoiceMap.Empty));
        Assert.That(particles.Path, Is.EqualTo(ParticlePath.Batch));
        var values = particles.Values<object>(address);
        var batchKey = new Key(12).FoldIn(0);
        for (var i = 0; i < particles.Count; i++)
        {
            var own = Seed(batchKey.FoldIn((uint)i), () => model().Importance(ChoiceMap.Empty)).Trace;
            Assert.That(values[i], Is.EqualTo(own.Get<object>(address)), $"particle {i}");
            Assert.That(particles.Rows!.TryGet<object>(i, address, out var read) && Equals(read, values[i]), $"particle {i}: read from the columns, no trace made");
        }
        var head = address.Parts[0].Name!;
        Assert.Throws<ChoiceNotFoundException>(() => particles.Values<double>(Address.Of(head, "nowhere")));
    }

    [Test]
    public void Choices_below_a_switch_are_those_of_the_branch_each_particle_took()
    {
        var particles = Seed(new Key(13), () => CombinatorModels.SwitchedGen().ImportanceK(400, ChoiceMap.Empty));
        Assert.That(particles.Path, Is.EqualTo(ParticlePath.Batch));
        for (var i = 0; i < particles.Count; i++)
        {
            var branch = particles.Traces[i].Get<int>("k");
            Assert.That(particles.Traces[i].HasChoice(Address.Of("s", "d")), Is.EqualTo(branch == 1), $"particle {i} took branch {branch}");
            if (branch != 2) Assert.That(particles.Traces[i].Get<bool>(Address.Of("s", "a")), Is.TypeOf<bool>());
        }
        Assert.That(Enumerable.Range(0, particles.Count).Select(i => particles.Traces[i].Get<int>("k")).Distinct().Count(), Is.EqualTo(3), "all three branches taken");
    }

    [Test]
    public void Resampling_a_batch_of_traced_calls_gathers_their_columns()
    {
        var constraints = ChoiceMap.Of((Address.Of("points", 1, "y"), 1.2), (Address.Of("points", 3, "y"), 4.8));
        ResamplesAsTraces(Seed(new Key(14), () => CombinatorModels.PointsGen(Xs).ImportanceK(300, constraints)), new Key(15));
    }

    [Test]
    public void Chunks_whose_calls_at_one_address_are_of_different_functions_keep_one_trace_per_particle()
    {
        // 128 particles: two chunks of 64; a rare call of one of two functions at "c", so that the chunks see different ones.
        var particles = Seed(new Key(15), () => CallModels.RareEitherGen().ImportanceK(128, ChoiceMap.Of(("obs", 2.5)), new InferenceOptions { MaxDegreeOfParallelism = 1 }));
        var calls = Enumerable.Range(0, particles.Count).Select(i => particles.Traces[i].Get<int>("k")).Where(k => k > 0).Distinct().Count();
        Assert.That(calls, Is.EqualTo(2), "both functions called");
        Assert.That(particles.Path, Is.EqualTo(ParticlePath.PerParticle));
        var perParticle = new Particles<double>(particles.Traces.Select(t => Seed(new Key(0), () => t)).ToList(), particles.LogWeights);
        Bitwise.SameParticles(Seed(new Key(16), () => perParticle.Resample(ResamplingMethod.Multinomial)), Seed(new Key(16), () => particles.Resample(ResamplingMethod.Multinomial)), "resampled");
    }

    [Test]
    public void Distributions_called_in_a_family_are_read_from_their_columns()
    {
        var particles = Seed(new Key(17), () => CallModels.LeafFamilyGen(3).ImportanceK(50, ChoiceMap.Empty));
        Assert.That(particles.Path, Is.EqualTo(ParticlePath.Batch));
        for (var i = 0; i < particles.Count; i++)
            Assert.That(particles.Rows!.TryGet<double>(i, ("d", 1), out var value) && value == particles.Traces[i].Choices.Get<double>(("d", 1)), $"particle {i}");
    }

    /// <summary>Resampling <paramref name="particles"/> (a batch) gives a batch, and what resampling their traces gives, bit for bit.</summary>
    private static void ResamplesAsTraces<R>(Particles<R> particles, Key key)
    {
        var perParticle = new Particles<R>(particles.Traces.Select(t => Seed(new Key(0), () => t)).ToList(), particles.LogWeights);
        var resampled = Seed(key, () => particles.Resample(ResamplingMethod.Systematic));
        var reference = Seed(key, () => perParticle.Resample(ResamplingMethod.Systematic));
        Assert.That(resampled.Path, Is.EqualTo(ParticlePath.Batch));
        for (var i = 0; i < resampled.Count; i++)
        {
            Bitwise.SameTrace(reference.Traces[i], resampled.Traces[i], $"resampled particle {i}");
            Bitwise.AreEqual(reference.LogWeights[i], resampled.LogWeights[i], $"weight {i}");
        }
    }

    [Test]
    public void Mean_of_a_choice_is_the_weighted_mean_over_traces_bit_for_bit()
    {
        var constraints = ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.2));
        var batch = Seed(new Key(8), () => ConjugateModels.NormalNormalGen(2).ImportanceK(500, constraints));
        Assert.That(batch.Path, Is.Not.EqualTo(ParticlePath.PerParticle));
        Bitwise.AreEqual(batch.Mean(t => t.Get<double>("mu")), batch.Mean("mu"), "from the column");
        var perParticle = new Particles<double>(batch.Traces.ToArray(), batch.LogWeights);
        Bitwise.AreEqual(batch.Mean("mu"), perParticle.Mean("mu"), "from the traces");
        Assert.Throws<ChoiceTypeException>(() => Seed(new Key(1), () => ConjugateModels.BetaBernoulliGen(2).ImportanceK(10, ChoiceMap.Empty)).Mean(("y", 0)));
        Assert.Throws<ChoiceNotFoundException>(() => batch.Mean("nu"));

        // Rejected particles (weight zero) are skipped, where Values throws for them.
        var volatility = Seed(new Key(3), () => Scan(RejectionModels.VolatilityStepGen, 6, 1.0).ImportanceK(400, ChoiceMap.Empty));
        Assert.That(volatility.Rejected, Is.GreaterThan(0), "some particles are rejected");
        Bitwise.AreEqual(volatility.Mean(t => t.Get<double>((0, "y"))), volatility.Mean((0, "y")), "rejected particles skipped");
    }

    [Test]
    public void Models_whose_layout_is_not_static_keep_one_trace_per_particle()
    {
        double[] xs = [0, 1];
        Assert.That(Seed(new Key(1), () => CallModels.CallsGen(xs, 2).ImportanceK(10, ChoiceMap.Empty)).Path, Is.EqualTo(ParticlePath.PerParticle), "a call at a run-time address");
        Assert.That(Seed(new Key(1), () => CombinatorModels.PointsNestedGen(xs).ImportanceK(10, ChoiceMap.Empty)).Path, Is.EqualTo(ParticlePath.PerParticle), "a callee with run-time addresses");
        Assert.That(Seed(new Key(1), () => GradientModels.NoisyMixtureGen().ImportanceK(10, ChoiceMap.Empty)).Path, Is.EqualTo(ParticlePath.PerParticle), "an interpreted callee (Mix)");
        Assert.That(Seed(new Key(1), () => ControlFlowModels.DynamicAddressesGen(3).ImportanceK(10, ChoiceMap.Empty)).Path, Is.EqualTo(ParticlePath.PerParticle), "run-time addresses");
        Assert.That(Seed(new Key(1), () => new InterpretedFunction<double>("Line", () => LineModels.Line(xs)).ImportanceK(10, ChoiceMap.Empty)).Path,
            Is.EqualTo(ParticlePath.PerParticle), "interpreted");
    }

    [Test]
    public void Resampling_a_batch_gathers_rows_and_stays_a_batch()
    {
        var constraints = ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.2));
        ResamplesAsTraces(Seed(new Key(9), () => ConjugateModels.NormalNormalGen(2).ImportanceK(400, constraints)), new Key(10));
    }

    [Test]
    public void A_batch_too_large_for_memory_fails_before_allocating_with_the_bytes_it_needs()
    {
        var observations = ChoiceMap.Of(Enumerable.Range(0, 100).Select(i => ((Address)("y", i), (object)0.1)).ToArray());
        var error = Assert.Throws<InsufficientMemoryException>(() => Seed(new Key(1), () => ConjugateModels.NormalNormalGen(100).ImportanceK(2_000_000_000, observations)))!;
        Assert.That(error.Message, Does.Contain("bytes").And.Contain("per particle").And.Contain("available"));
        // A model of traced calls measures its row, the calls' columns included, the same way.
        var calls = Assert.Throws<InsufficientMemoryException>(() => Seed(new Key(1), () => CombinatorModels.PointsGen(Enumerable.Range(0, 200).Select(i => i / 10.0).ToArray())
            .ImportanceK(1_000_000_000, ChoiceMap.Empty)))!;
        Assert.That(calls.Message, Does.Contain("bytes").And.Contain("per particle").And.Contain("available"));
    }
}
