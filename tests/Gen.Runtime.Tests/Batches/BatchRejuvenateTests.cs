using Gen.Inference;
using Gen.Tests.Inference;
using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Transforms;

namespace Gen.Tests.Batches;

/// <summary>
/// <c>particles.Rejuvenate(selection)</c> moves a batch in columns, and gives what one Metropolis–Hastings step per trace
/// gives (<c>Rejuvenate(t =&gt; Mcmc.MetropolisHastings(t, selection).Trace)</c> on the same key), bit for bit: weights,
/// rejections, scores, return values and every choice, on one core and on all.
/// </summary>
public class BatchRejuvenateTests
{
    private static readonly double[] Xs = [0, 1, 2, 3];

    public static IEnumerable<TestCaseData> Moves()
    {
        yield return Case("a conjugate mean", () => ConjugateModels.NormalNormalGen(3), ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.2)), Selection.Of("mu"));
        yield return Case("a line's two parameters", () => LineModels.LineGen(Xs), ChoiceMap.Of((("y", 0), 0.1), (("y", 2), 1.9)), Selection.Of("slope", "intercept"));
        yield return Case("a branch that drops sites", () => ControlFlowModels.BranchingGen(0.2), ChoiceMap.Empty, Selection.Of("x"));
        yield return Case("rejections, earlier and new", () => RejectionModels.SignedScaleGen(0.3, 2), ChoiceMap.Of((("y", 0), 0.2)), Selection.Of("s"));
        yield return Case("a choice below a Vmap", () => CombinatorModels.PointsGen(Xs), ChoiceMap.Of((Address.Of("points", 1, "y"), 1.2)),
            Selection.Of(Address.Of("points", 1, "outlier"), Address.Of("points", 2, "y")));
        yield return Case("the branch that makes the calls", () => CallModels.NestedGen(Xs), ChoiceMap.Of(("noise", 0.4)), Selection.Of("deeper"));
    }

    private static TestCaseData Case<R>(string name, Func<GenerativeFunction<R>> model, ChoiceMap observed, Selection selection) =>
        new TestCaseData(model, observed, selection).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Moves))]
    public void A_batch_moves_in_columns_as_one_step_per_trace_moves<R>(Func<GenerativeFunction<R>> model, ChoiceMap observed, Selection selection)
    {
        var start = Seed(new Key(61), () => model().ImportanceK(400, observed));
        Assert.That(start.Path, Is.EqualTo(ParticlePath.Batch));
        foreach (var cores in new int?[] { 1, null })
        {
            var options = new InferenceOptions { MaxDegreeOfParallelism = cores };
            var what = cores is null ? "all cores" : "one core";
            var moved = Seed(new Key(62), () => start.Rejuvenate(selection, options));
            Assert.That(moved.Path, Is.EqualTo(ParticlePath.Batch), what);
            var expected = Seed(new Key(62), () => start.Rejuvenate(t => Mcmc.MetropolisHastings(t, selection).Trace, options));
            Bitwise.SameParticles(expected, moved, what);
            var changed = Enumerable.Range(0, start.Count).Count(i => !start.IsRejected(i) && !start.Traces[i].Choices.Equals(moved.Traces[i].Choices));
            Assert.That(changed, Is.InRange(1, start.Count - start.Rejected - 1), $"{what}: some moves accepted, some not");
            // And again from the moved batch.
            var twice = Seed(new Key(63), () => moved.Rejuvenate(selection, options));
            Bitwise.SameParticles(Seed(new Key(63), () => moved.Rejuvenate(t => Mcmc.MetropolisHastings(t, selection).Trace, options)), twice, what + ", twice");
        }
    }

    [Test]
    public void A_selection_of_an_observed_choice_or_traces_of_their_own_move_one_trace_at_a_time_with_the_same_result()
    {
        var observed = ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.2));
        var start = Seed(new Key(64), () => ConjugateModels.NormalNormalGen(3).ImportanceK(200, observed));
        var selection = Selection.Of("mu", ("y", 1));
        var moved = Seed(new Key(65), () => start.Rejuvenate(selection));
        Bitwise.SameParticles(Seed(new Key(65), () => start.Rejuvenate(t => Mcmc.MetropolisHastings(t, selection).Trace)), moved, "an observed choice selected");

        var own = new Particles<double>(start.Traces.Select(t => Seed(new Key(0), () => t)).ToList(), start.LogWeights);
        var ownMoved = Seed(new Key(66), () => own.Rejuvenate(Selection.Of("mu")));
        Bitwise.SameParticles(Seed(new Key(66), () => own.Rejuvenate(t => Mcmc.MetropolisHastings(t, Selection.Of("mu")).Trace)), ownMoved, "traces of their own");
    }

    [Test]
    public void Moves_keep_the_weights_and_leave_the_posterior_invariant()
    {
        // NormalNormal(2): mu ~ N(0.5, 1.5²), y_i ~ N(mu, 1); given y = (0.3, 1.2) the posterior of mu is normal, in closed form.
        var observed = ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.2));
        var precision = 1 / (ConjugateModels.PriorSd * ConjugateModels.PriorSd) + 2 / (ConjugateModels.NoiseSd * ConjugateModels.NoiseSd);
        var mean = (ConjugateModels.PriorMean / (ConjugateModels.PriorSd * ConjugateModels.PriorSd) + (0.3 + 1.2) / (ConjugateModels.NoiseSd * ConjugateModels.NoiseSd)) / precision;
        var particles = Seed(new Key(67), () => ConjugateModels.NormalNormalGen(2).ImportanceK(20_000, observed));
        var moved = particles;
        for (var step = 0; step < 5; step++) moved = Seed(new Key(68 + (uint)step), () => moved.Rejuvenate(Selection.Of("mu")));
        Assert.That(moved.LogWeights, Is.EqualTo(particles.LogWeights), "moves keep the weights");
        Assert.That(moved.Path, Is.EqualTo(ParticlePath.Batch));
        // 5 standard errors of the weighted mean: sqrt(posterior variance / ESS); the moves keep the target, so the error stays that size.
        var tolerance = 5 * Math.Sqrt(1 / precision / particles.EffectiveSampleSize());
        Assert.That(moved.Mean("mu"), Is.EqualTo(mean).Within(tolerance));
        var changed = Enumerable.Range(0, moved.Count).Count(i => moved.Traces[i].Get<double>("mu") != particles.Traces[i].Get<double>("mu"));
        Assert.That(changed, Is.GreaterThan(moved.Count / 2), "most particles moved in five steps");
    }

    /// <summary>Moves that change which function a call at "c" is of, with progress (an edit's chunks of about one row each).</summary>
    [TestCase("Either")]
    [TestCase("EitherTyped")]
    public void Moves_that_change_the_function_a_call_is_of_give_the_per_trace_result(string name)
    {
        Func<GenerativeFunction<double>> model = name == "Either" ? CallModels.EitherGen : CallModels.EitherTypedGen;
        var start = Seed(new Key(71), () => model().ImportanceK(100, ChoiceMap.Of(("which", false))));
        var edited = Seed(new Key(72), () => start.Edit(EditRequest.Update(model(), ChoiceMap.Empty)));
        Assert.That(edited.Path, Is.EqualTo(ParticlePath.Batch));
        var selection = Selection.Of("which");
        var options = new InferenceOptions { Progress = new Progress() };
        var moved = Seed(new Key(73), () => edited.Rejuvenate(selection, options));
        Bitwise.SameParticles(Seed(new Key(73), () => edited.Rejuvenate(t => Mcmc.MetropolisHastings(t, selection).Trace, options)), moved, "moved");
        Assert.That(Enumerable.Range(0, moved.Count).Select(i => moved.Traces[i].Get<bool>("which")).Distinct().Count(), Is.EqualTo(2), "some moves accepted");
    }

    private sealed class Progress : IProgress<InferenceProgress>
    {
        public void Report(InferenceProgress value) { }
    }

    [Test]
    public void Rejected_particles_stay_rejected_and_a_null_selection_is_refused()
    {
        var start = Seed(new Key(69), () => RejectionModels.SignedScaleGen(0.3, 1).ImportanceK(50, ChoiceMap.Of((("y", 0), 0.2))));
        Assert.That(start.Rejected, Is.GreaterThan(0), "some particles were rejected (a negative scale)");
        var moved = Seed(new Key(70), () => start.Rejuvenate(Selection.Of("s")));
        Assert.That(moved.Rejected, Is.EqualTo(start.Rejected));
        for (var i = 0; i < start.Count; i++) Assert.That(moved.IsRejected(i), Is.EqualTo(start.IsRejected(i)), $"particle {i}");
        Assert.Throws<ArgumentNullException>(() => start.Rejuvenate((Selection)null!));
    }
}
