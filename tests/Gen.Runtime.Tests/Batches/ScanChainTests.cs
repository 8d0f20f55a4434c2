using Gen.Inference;
using Gen.Internal;
using Gen.Tests.Inference;
using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Combinators;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Batches;

/// <summary>
/// EditK that adds steps to a Scan's particles runs them as chains (<see cref="ParticlePath.ScanChains"/>), and the
/// result is the per-particle edit's, bit for bit: weights, rejections, scores, return values and every choice, on one
/// core and on all; so is a whole particle filter (bootstrap, with rejections, with rejuvenation).
/// </summary>
public class ScanChainTests
{
    private static readonly double[] Ys = [0.5, -0.2, 0.1, 0.05, -0.1, 0.08, 0.3, -0.05, 0.02, 0.1, 0.4, -0.3];

    /// <summary>A Scan whose kernel returns a distribution: each step is a choice at (t), not a traced call.</summary>
    private static GenerativeFunction<double[]> Walk(int steps) => Scan((int _, double x) => (GenerativeFunction<double>)normal(x, 1.0), steps, 0.0);

    private static GenerativeFunction<int[]> Hmm(int steps) => Scan(InferenceModels.HmmStepGen, steps, 0);

    private static GenerativeFunction<double[]> Volatility(int steps) => Scan(RejectionModels.VolatilityStepGen, steps, 1.0);

    private static GenerativeFunction<double[]> Coin(int steps) => Scan(InferenceModels.CoinStepGen, steps, 0.0);

    private static GenerativeFunction<double[]> Signs(int steps) => Scan(InferenceModels.SignStepGen, steps, 0.0);

    private static readonly bool[] CoinFlips = [true, true, false, true, true, true, false, true, true, false, true, false];

    public static IEnumerable<TestCaseData> Filters()
    {
        var hmmYs = ParticleFilterTests.Observations(3, 12);
        yield return Case("HMM (traced calls)", Hmm, hmmYs.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray(), rejects: false);
        yield return Case("random walk (choices)", Walk, Ys.Select((y, t) => t % 3 == 2 ? ChoiceMap.Empty : ChoiceMap.Of((t, y))).ToArray(), rejects: false);
        yield return Case("coin (a choice on step 0 only)", Coin, CoinFlips.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray(), rejects: false);
        yield return Case("signed zeros (states == but not the same bits)", Signs, Ys.Select((y, t) => ChoiceMap.Of(((t, "y"), 3 + 10 * y))).ToArray(), rejects: false);
        yield return Case("volatility (rejections)", Volatility, Ys.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray(), rejects: true);
    }

    private static TestCaseData Case<R>(string name, Func<int, GenerativeFunction<R>> steps, ChoiceMap[] observations, bool rejects) =>
        new TestCaseData(steps, observations, rejects).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Filters))]
    public void EditK_adding_steps_is_the_per_particle_edit_bit_for_bit<R>(Func<int, GenerativeFunction<R>> steps, ChoiceMap[] observations, bool rejects)
    {
        // Three steps at once onto two, so a chain grows by several links in one edit.
        var constraints = Combine(observations[2], observations[3], observations[4]);
        var start = Seed(new Key(3), () => steps(2).ImportanceK(400, Combine(observations[0], observations[1])));
        foreach (var cores in new int?[] { 1, null })
        {
            var options = new InferenceOptions { MaxDegreeOfParallelism = cores };
            var request = EditRequest.Update(steps(5), constraints);
            var chains = Seed(new Key(4), () => start.Edit(request, options));
            Assert.That(chains.Path, Is.EqualTo(ParticlePath.ScanChains));
            var expected = start.PerParticleEdit(request, new Key(4).FoldIn(0), options);
            Bitwise.SameParticles(expected, chains, cores is null ? "all cores" : "one core");
        }
    }

    [TestCaseSource(nameof(Filters))]
    public void ImportanceK_of_a_Scan_grows_chains_from_empty_traces_bit_for_bit<R>(Func<int, GenerativeFunction<R>> steps, ChoiceMap[] observations, bool rejects)
    {
        var constraints = Combine(observations.Take(6).ToArray());
        foreach (var cores in new int?[] { 1, null })
        {
            var options = new InferenceOptions { MaxDegreeOfParallelism = cores };
            var chains = Seed(new Key(24), () => steps(6).ImportanceK(400, constraints, options));
            Assert.That(chains.Path, Is.EqualTo(ParticlePath.ScanChains));
            Bitwise.SameParticles(Particles<R>.PerParticleImportance(steps(6), 400, constraints, new Key(24).FoldIn(0), options), chains, cores is null ? "all cores" : "one core");
            if (rejects) Assert.That(chains.Rejected, Is.GreaterThan(0), "some particles are rejected");
        }
    }

    [TestCaseSource(nameof(Filters))]
    public void A_particle_filter_over_chains_is_the_per_particle_filter_bit_for_bit<R>(Func<int, GenerativeFunction<R>> steps, ChoiceMap[] observations, bool rejects)
    {
        foreach (var (options, name) in new[] { (new SmcOptions { EssThreshold = 0.7 }, "systematic"), (new SmcOptions { Resampling = ResamplingMethod.Multinomial, MaxDegreeOfParallelism = 1 }, "multinomial, one core") })
        {
            var chains = Seed(new Key(11), () => ParticleFilter.Run(t => steps(t + 1), observations, 300, options));
            var expected = Seed(new Key(11), () => FilterDefinitions.PerParticle(t => steps(t + 1), observations, 300, options));
            Assert.That(chains.Particles.Path, Is.EqualTo(ParticlePath.ScanChains), name);
            FilterDefinitions.AreSame(expected, chains, name);
            if (rejects) Assert.That(chains.Rejected, Is.GreaterThan(0), name + ": some extensions are rejected");
        }
    }

    /// <summary>
    /// A Scan whose kernel calls one of two kernel-subset classes by the sign bit of its state: the coin's step after
    /// −0.0 (then a positive state), the signed-zero step otherwise (then ±0.0), so one step's rows mix both classes.
    /// </summary>
    private static GenerativeFunction<double[]> Mixed(int steps) =>
        Scan((int t, double s) => double.IsNegative(s) ? InferenceModels.CoinStepGen(t + 1, 0.3) : InferenceModels.SignStepGen(t, s), steps, 0.0);

    /// <summary>
    /// Filters whose steps are of kernel-subset classes (the coin, the signed zeros, the volatility model's rejections, two
    /// classes by the state) and two whose are not; <c>cpuRows</c>: some rows of a step must run on the CPU.
    /// </summary>
    public static IEnumerable<TestCaseData> KernelSteps()
    {
        var hmmYs = ParticleFilterTests.Observations(3, 12);
        yield return Kernel("coin", Coin, CoinFlips.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray(), kernel: true, cpuRows: false);
        yield return Kernel("signed zeros", Signs, Ys.Select((y, t) => ChoiceMap.Of(((t, "y"), 3 + 10 * y))).ToArray(), kernel: true, cpuRows: false);
        yield return Kernel("volatility (rejections)", Volatility, Ys.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray(), kernel: true, cpuRows: true);
        yield return Kernel("two classes in one step", Mixed, Ys.Select(_ => ChoiceMap.Empty).ToArray(), kernel: true, cpuRows: true);
        yield return Kernel("HMM (a categorical: no kernel form)", Hmm, hmmYs.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray(), kernel: false, cpuRows: true);
        yield return Kernel("random walk (a distribution per step)", Walk, Ys.Select((y, t) => ChoiceMap.Of((t, y))).ToArray(), kernel: false, cpuRows: true);
    }

    private static TestCaseData Kernel<R>(string name, Func<int, GenerativeFunction<R>> steps, ChoiceMap[] observations, bool kernel, bool cpuRows) =>
        new TestCaseData(steps, observations, kernel, cpuRows).SetArgDisplayNames(name);

    /// <summary>How many rows of the particles' last step the kernel form wrote.</summary>
    private static int KernelRows<R>(Particles<R> particles) => particles.Rows switch
    {
        ScanRows<double> rows => rows.Last.KernelRows,
        ScanRows<int> rows => rows.Last.KernelRows,
        _ => throw new AssertionException($"not Scan chains: {particles.Path}"),
    };

    /// <summary>
    /// One new step (a filter's) of a kernel-subset class runs through the class's kernel form on the cores, and the
    /// particles are the per-particle edit's bit for bit; rows the kernel cannot give (a rejection to report, a call of
    /// another class, a particle rejected before) run on the CPU into the same columns. Other steps never reach it.
    /// </summary>
    [TestCaseSource(nameof(KernelSteps))]
    public void One_new_step_of_a_kernel_subset_class_runs_its_kernel_form_with_the_per_particle_bits<R>(Func<int, GenerativeFunction<R>> steps, ChoiceMap[] observations, bool kernel, bool cpuRows)
    {
        var start = Seed(new Key(3), () => steps(2).ImportanceK(400, Combine(observations[0], observations[1])));
        foreach (var cores in new int?[] { 1, null })
        {
            var options = new InferenceOptions { MaxDegreeOfParallelism = cores };
            var request = EditRequest.Update(steps(3), observations[2]);
            var chains = Seed(new Key(4), () => start.Edit(request, options));
            var name = cores is null ? "all cores" : "one core";
            Bitwise.SameParticles(start.PerParticleEdit(request, new Key(4).FoldIn(0), options), chains, name);
            var rows = KernelRows(chains);
            if (!kernel)
            {
                Assert.That(rows, Is.Zero, name + ": no kernel form");
                continue;
            }
            Assert.That(rows, Is.GreaterThan(200), name + ": most rows through the kernel form");
            if (cpuRows) Assert.That(rows, Is.LessThan(400), name + ": rejected rows and the other class's ran on the CPU");
        }
        // A whole filter: every step after the first is one new step.
        var filter = Seed(new Key(11), () => ParticleFilter.Run(t => steps(t + 1), observations, 300, new SmcOptions { EssThreshold = 0.7 }));
        var expected = Seed(new Key(11), () => FilterDefinitions.PerParticle(t => steps(t + 1), observations, 300, new SmcOptions { EssThreshold = 0.7 }));
        FilterDefinitions.AreSame(expected, filter, "filter");
        Assert.That(KernelRows(filter.Particles), kernel ? Is.GreaterThan(150) : Is.Zero, "the filter's last step");
    }

    /// <summary>An observation a kernel-subset step never visits is the per-particle error, word for word (the kernel form is not used).</summary>
    [Test]
    public void An_observation_a_kernel_subset_step_never_visits_is_the_per_particle_error()
    {
        var start = Seed(new Key(19), () => Coin(2).ImportanceK(20, ChoiceMap.Empty));
        var request = EditRequest.Update(Coin(3), ChoiceMap.Of(((2, "why"), true)));
        var expected = Assert.Throws<ArgumentException>(() => start.PerParticleEdit(request, new Key(1), InferenceOptions.Default))!;
        var actual = Assert.Throws<ArgumentException>(() => Seed(new Key(20), () => start.Edit(request)))!;
        Assert.That(actual.Message, Is.EqualTo(expected.Message));
        Assert.That(actual.Message, Does.Contain("[2]/why"));
    }

    [Test]
    public void A_compiled_kernel_s_steps_live_in_columns_and_a_distribution_kernel_s_as_traces()
    {
        var hmm = Seed(new Key(21), () => Hmm(2).ImportanceK(30, ChoiceMap.Empty).Edit(EditRequest.Update(Hmm(4), ChoiceMap.Empty)));
        var walk = Seed(new Key(21), () => Walk(2).ImportanceK(30, ChoiceMap.Empty).Edit(EditRequest.Update(Walk(4), ChoiceMap.Empty)));
        for (var i = 0; i < 30; i++)
        {
            var steps = ((ChainTrace<int>)hmm.Traces[i]).Full.Subtraces;
            Assert.That(steps[0], Is.InstanceOf<BatchTrace<int>>(), "ImportanceK's steps of a compiled kernel: rows of their columns");
            Assert.That(steps[2], Is.InstanceOf<BatchTrace<int>>(), "a new step of a compiled kernel: a row of the step's columns");
            Assert.That(steps[3].Function.Name, Is.EqualTo(steps[0].Function.Name));
            Assert.That(((ChainTrace<double>)walk.Traces[i]).Full.Subtraces[3], Is.Not.InstanceOf<BatchTrace<double>>(), "a distribution's step: a choice trace");
        }
    }

    [Test]
    public void Values_reads_a_step_s_choice_from_its_columns_through_the_rows_ancestry()
    {
        var ys = ParticleFilterTests.Observations(6, 12);
        var observations = ys.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray();
        var particles = Seed(new Key(22), () => ParticleFilter.Run(t => Hmm(t + 1), observations, 400, new SmcOptions { EssThreshold = 1 })).Particles;
        Assert.That(particles.Path, Is.EqualTo(ParticlePath.ScanChains));
        foreach (var t in new[] { 0, 5, 11 })
        {
            var states = particles.Values<int>((t, "z"));
            var returned = particles.Values<int>(t);
            var observed = particles.Values<int>((t, "y"));
            for (var i = 0; i < particles.Count; i++)
            {
                Assert.That(states[i], Is.EqualTo(particles.Traces[i].Get<int>((t, "z"))), $"step {t}, particle {i}");
                Assert.That(returned[i], Is.EqualTo(particles.Traces[i].Retval[t]), $"step {t}, particle {i}: the step's value");
                Assert.That(observed[i], Is.EqualTo(ys[t]), "an observed choice is the observation");
                Assert.That(particles.Rows!.TryGet<int>(i, (t, "z"), out var read) && read == states[i], $"step {t}, particle {i}: read from the columns, no trace made");
            }
        }
        Assert.Throws<ChoiceNotFoundException>(() => particles.Values<int>((3, "w")));
        Assert.Throws<ChoiceTypeException>(() => particles.Values<double>((3, "z")));
    }

    [Test]
    public void A_filter_with_a_proposal_extends_chains_bit_for_bit()
    {
        // The HMM with its locally optimal proposal (a traced call per step, so the steps live in columns), and the
        // volatility model with a proposal that often proposes a negative scale (rejected particles).
        var ys = ParticleFilterTests.Observations(7, 12);
        var hmmObservations = ys.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray();
        Func<Trace<int[]>?, int, GenerativeFunction<int>> optimal = (trace, t) => InferenceModels.HmmStepProposalGen(t == 0 ? 0 : trace!.Retval[t - 1], t, ys[t]);
        Check(Hmm, hmmObservations, optimal, rejects: false);
        var volatility = Ys.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray();
        Func<Trace<double[]>?, int, GenerativeFunction<double>> drift = (trace, t) => RejectionModels.VolatilityProposalGen(t == 0 ? 1.0 : trace!.Retval[t - 1], t);
        Check(Volatility, volatility, drift, rejects: true);

        static void Check<R, P>(Func<int, GenerativeFunction<R>> steps, ChoiceMap[] observations, Func<Trace<R>?, int, GenerativeFunction<P>> proposal, bool rejects)
        {
            foreach (var options in new[] { new SmcOptions { EssThreshold = 0.8 }, new SmcOptions { EssThreshold = 1, MaxDegreeOfParallelism = 1 } })
            {
                var chains = Seed(new Key(23), () => ParticleFilter.Run(t => steps(t + 1), observations, 300, proposal, options));
                var expected = Seed(new Key(23), () => FilterDefinitions.PerParticle(t => steps(t + 1), observations, 300, proposal, options));
                Assert.That(chains.Particles.Path, Is.EqualTo(ParticlePath.ScanChains));
                FilterDefinitions.AreSame(expected, chains, "proposal");
                if (rejects) Assert.That(chains.Rejected, Is.GreaterThan(0), "some proposals are rejected");
                // The first step alone: ImportanceK with each particle's proposed choices, as chains too.
                var first = Seed(new Key(29), () => ParticleFilter.Run(t => steps(t + 1), observations[..1], 300, proposal, options));
                var firstExpected = Seed(new Key(29), () => FilterDefinitions.PerParticle(t => steps(t + 1), observations[..1], 300, proposal, options));
                Assert.That(first.Particles.Path, Is.EqualTo(ParticlePath.ScanChains), "the first step with a proposal");
                FilterDefinitions.AreSame(firstExpected, first, "proposal, first step");
            }
        }
    }

    [Test]
    public void A_filter_with_rejuvenation_moves_materialised_chains_and_goes_on_with_chains()
    {
        var ys = ParticleFilterTests.Observations(5, 10);
        var observations = ys.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray();
        Trace<int[]> Move(Trace<int[]> trace, int t) => Mcmc.MetropolisHastings(trace, Selection.Of((t, "z"))).Trace;
        var options = new SmcOptions { EssThreshold = 0.9 };
        var chains = Seed(new Key(12), () => ParticleFilter.Run(t => Hmm(t + 1), observations, 200, options, Move));
        var expected = Seed(new Key(12), () => FilterDefinitions.PerParticle(t => Hmm(t + 1), observations, 200, options, Move));
        Assert.That(chains.ResampledBefore, Is.Not.Empty, "rejuvenation ran");
        FilterDefinitions.AreSame(expected, chains, "rejuvenated");
    }

    [Test]
    public void An_assembled_chain_trace_edits_as_the_per_particle_trace_does()
    {
        var observations = Ys.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray();
        var options = new SmcOptions { EssThreshold = 1 };
        var chains = Seed(new Key(13), () => ParticleFilter.Run(t => Volatility(t + 1), observations, 100, options)).Particles;
        var expected = Seed(new Key(13), () => FilterDefinitions.PerParticle(t => Volatility(t + 1), observations, 100, options)).Particles;
        for (var i = 0; i < chains.Count; i++)
        {
            if (chains.IsRejected(i)) continue;
            var selection = Selection.Of((Ys.Length - 1, "s"), (3, "s"));
            // A regenerated scale may cross zero: then both raise the same error.
            var (edit, error) = Regenerate(expected.Traces[i], selection);
            var (chainEdit, chainError) = Regenerate(chains.Traces[i], selection);
            Assert.That(chainError?.Message, Is.EqualTo(error?.Message), $"particle {i}: error");
            if (edit is not null) Bitwise.SameEdit(edit, chainEdit!, $"particle {i}");
            Assert.That(chains.Traces[i], Is.SameAs(chains.Traces[i]), "a particle's trace is one object");
        }
    }

    [Test]
    public void An_update_that_revisits_an_old_step_runs_per_particle_with_the_same_result()
    {
        var start = Seed(new Key(15), () => Volatility(3).ImportanceK(50, ChoiceMap.Of(((0, "y"), 0.2))));
        var extended = Seed(new Key(16), () => start.Edit(EditRequest.Update(Volatility(4), ChoiceMap.Of(((3, "y"), 0.1)))));
        Assert.That(extended.Path, Is.EqualTo(ParticlePath.ScanChains));
        // A constraint at step 1 (below the old length 4): the chains cannot keep every old step, so each trace is edited.
        var revisited = Seed(new Key(17), () => extended.Edit(EditRequest.Update(Volatility(5), ChoiceMap.Of(((1, "y"), 0.3), ((4, "y"), 0.0)))));
        Assert.That(revisited.Path, Is.EqualTo(ParticlePath.PerParticle));
        Bitwise.SameParticles(extended.PerParticleEdit(EditRequest.Update(Volatility(5), ChoiceMap.Of(((1, "y"), 0.3), ((4, "y"), 0.0))), new Key(17).FoldIn(0), InferenceOptions.Default),
            revisited, "revisited");
        // Another kernel: not this Scan's steps, so again per particle.
        var other = Seed(new Key(18), () => extended.Edit(EditRequest.Update(Scan(RejectionModels.VolatilityStepGen, 5, 2.0), ChoiceMap.Empty)));
        Assert.That(other.Path, Is.EqualTo(ParticlePath.PerParticle));
    }

    [Test]
    public void An_observation_the_new_steps_never_visit_is_the_per_particle_error()
    {
        var start = Seed(new Key(19), () => Hmm(2).ImportanceK(20, ChoiceMap.Empty));
        var request = EditRequest.Update(Hmm(3), ChoiceMap.Of(((2, "why"), 1)));
        var expected = Assert.Throws<ArgumentException>(() => start.PerParticleEdit(request, new Key(1), InferenceOptions.Default))!;
        var actual = Assert.Throws<ArgumentException>(() => Seed(new Key(20), () => start.Edit(request)))!;
        Assert.That(actual.Message, Is.EqualTo(expected.Message));
        Assert.That(actual.Message, Does.Contain("[2]/why"));
    }

    private static (EditResult<R>? Edit, Exception? Error) Regenerate<R>(Trace<R> trace, Selection selection)
    {
        try
        {
            return (Seed(new Key(14), () => trace.Regenerate(selection)), null);
        }
        catch (ArgumentOutOfRangeException error)
        {
            return (null, error);
        }
    }

    private static ChoiceMap Combine(params ChoiceMap[] maps) => ChoiceMap.Of(maps.SelectMany(m => m).ToArray());

    /// <summary>
    /// The coin's filter against the conjugate answer: ten flips, 7 heads, Beta(2, 2) prior, so p(flips) =
    /// B(9, 5) / B(2, 2) and E[p | flips] = 9 / 14. 20,000 particles, resampling at every step. Tolerances are 5 standard
    /// deviations of the estimates measured over 30 keys (log evidence 0.0082, posterior mean 0.0016: larger than the
    /// final weights' effective sample size alone gives, as resampling a static parameter thins its distinct values).
    /// </summary>
    [Test]
    public void The_coin_s_filter_over_chains_finds_the_conjugate_posterior()
    {
        var flips = CoinFlips[..10];
        var result = Seed(new Key(5), () => ParticleFilter.Run(t => Coin(t + 1), flips.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray(), 20_000,
            new SmcOptions { EssThreshold = 1 }));
        Assert.That(result.Particles.Path, Is.EqualTo(ParticlePath.ScanChains));
        var exactLogEvidence = MathNet.Numerics.SpecialFunctions.BetaLn(9, 5) - MathNet.Numerics.SpecialFunctions.BetaLn(2, 2);
        Assert.That(result.LogMarginalLikelihood, Is.EqualTo(exactLogEvidence).Within(5 * 0.0082));
        var weights = result.Particles.NormalizedWeights();
        var p = result.Particles.Values<double>((0, "p"));
        var mean = result.Particles.Mean((0, "p"));
        Assert.That(mean, Is.EqualTo(weights.Select((w, i) => w * p[i]).Sum()).Within(1e-12), "the mean read from the columns");
        Assert.That(mean, Is.EqualTo(9.0 / 14).Within(5 * 0.0016));
    }
}
