using System.Threading;
using Gen.Inference;
using Gen.Tests.Models;
using Gen.Tests.Support;
using MathNet.Numerics;
using static Gen.Transforms;

namespace Gen.Tests.Inference;

/// <summary>Importance sampling with custom proposals, SIR, and the batch options (progress, cancellation, cores).</summary>
public class ImportanceSamplingTests
{
    private static readonly double[] Ys = [1.2, 0.4, 2.1, 1.7, 0.9];

    private static ChoiceMap Observations => ChoiceMap.Of(Ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());

    private static (double Mean, double Sd) Posterior()
    {
        double s0 = ConjugateModels.PriorSd, s = ConjugateModels.NoiseSd, m0 = ConjugateModels.PriorMean;
        var precision = 1 / (s0 * s0) + Ys.Length / (s * s);
        return ((m0 / (s0 * s0) + Ys.Sum() / (s * s)) / precision, Math.Sqrt(1 / precision));
    }

    [Test]
    public void The_exact_posterior_as_proposal_gives_every_particle_the_exact_evidence()
    {
        // w = log p(y, mu) − log p(mu | y) = log p(y) for every mu: zero variance, so the check is to rounding.
        var (mean, sd) = Posterior();
        var particles = Seed(new Key(41), () => ImportanceSampling.Run(ConjugateModels.NormalNormalGen(Ys.Length), Observations,
            InferenceModels.MuGuessGen(mean, sd), 200));
        var evidence = ConjugateTests.NormalNormalLogEvidence(Ys, ConjugateModels.PriorMean, ConjugateModels.PriorSd, ConjugateModels.NoiseSd);
        Assert.That(particles.LogWeights, Is.All.EqualTo(evidence).Within(1e-9));
        Assert.That(particles.EffectiveSampleSize(), Is.EqualTo(200).Within(1e-6));
    }

    [Test]
    public void A_wide_proposal_estimates_the_posterior_mean_and_evidence()
    {
        // A proposal twice as wide as the posterior and off-centre: self-normalised estimates within 5 standard errors
        // (delta method); evidence within 0.05 nats at 10,000 particles, the tolerance of ConjugateTests.
        var (mean, sd) = Posterior();
        var particles = Seed(new Key(42), () => ImportanceSampling.Run(ConjugateModels.NormalNormalGen(Ys.Length), Observations,
            InferenceModels.MuGuessGen(mean + 0.3, 2 * sd), 10_000));
        var weights = particles.NormalizedWeights();
        var estimate = particles.Mean(t => t.Retval);
        var se = Math.Sqrt(particles.Traces.Select((t, i) => weights[i] * weights[i] * Math.Pow(t.Retval - estimate, 2)).Sum());
        Assert.That(estimate, Is.EqualTo(mean).Within(5 * se));
        var evidence = ConjugateTests.NormalNormalLogEvidence(Ys, ConjugateModels.PriorMean, ConjugateModels.PriorSd, ConjugateModels.NoiseSd);
        Assert.That(particles.LogMarginalLikelihood(), Is.EqualTo(evidence).Within(0.05));
    }

    [Test]
    public void A_proposal_of_an_observed_choice_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ImportanceSampling.Run(ConjugateModels.NormalNormalGen(1), ChoiceMap.Of(("mu", 1.0), (("y", 0), 0.5)),
            InferenceModels.MuGuessGen(0, 1), 10))!;
        Assert.That(error.Message, Does.Contain("'mu'").And.Contain("observed"));
    }

    [Test]
    public void Sir_draws_a_trace_consistent_with_the_observations_and_estimates_the_evidence()
    {
        var flips = new[] { true, true, false, true };
        var observations = ChoiceMap.Of(flips.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var (trace, logEvidence) = Seed(new Key(43), () => ImportanceSampling.Resample(ConjugateModels.BetaBernoulliGen(flips.Length), observations, 10_000));
        for (var i = 0; i < flips.Length; i++) Assert.That(trace.Get<bool>(("y", i)), Is.EqualTo(flips[i]));
        var exact = SpecialFunctions.BetaLn(ConjugateModels.PriorA + 3, ConjugateModels.PriorB + 1) - SpecialFunctions.BetaLn(ConjugateModels.PriorA, ConjugateModels.PriorB);
        Assert.That(logEvidence, Is.EqualTo(exact).Within(0.05));
    }

    [Test]
    public void Options_change_nothing_in_the_result_on_a_fixed_key()
    {
        var model = LineModels.LineGen([0.0, 1.0, 2.0]);
        var observations = ChoiceMap.Of((("y", 0), 0.1), (("y", 1), 1.2));
        var plain = Seed(new Key(44), () => model.ImportanceK(2_000, observations));
        var reports = new List<InferenceProgress>();
        foreach (var options in new[]
                 {
                     new InferenceOptions { MaxDegreeOfParallelism = 1 },
                     new InferenceOptions { Progress = new ParticleFilterTests.Recorder(reports) },
                     InferenceOptions.Default,
                 })
        {
            var other = Seed(new Key(44), () => model.ImportanceK(2_000, observations, options));
            Assert.That(other.LogWeights, Is.EqualTo(plain.LogWeights), options.ToString());
            for (var i = 0; i < other.Count; i += 97) Bitwise.SameTrace(plain.Traces[i], other.Traces[i], $"particle {i}");
            var edited = Seed(new Key(45), () => other.Edit(EditRequest.Update(ChoiceMap.Of((("y", 2), 2.0))), options));
            Assert.That(edited.LogWeights, Is.EqualTo(Seed(new Key(45), () => plain.Edit(EditRequest.Update(ChoiceMap.Of((("y", 2), 2.0))))).LogWeights));
        }
        Assert.That(reports.Where(r => r.Operation == "ImportanceK").Select(r => r.Completed), Is.Ordered.Ascending);
        Assert.That(reports.First(r => r.Operation == "ImportanceK" && r.Completed == r.Total).Total, Is.EqualTo(2_000));
        Assert.That(reports.Count(r => r.Operation == "ImportanceK"), Is.EqualTo(100));
        Assert.That(reports.Last().Operation, Is.EqualTo("EditK"));
        Assert.That(ImportanceSampling.Run(model, observations, 10, InferenceOptions.Default).Count, Is.EqualTo(10));
    }

    [Test]
    public void A_cancelled_batch_throws_operation_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = new InferenceOptions { Cancellation = cancelled.Token };
        var model = LineModels.LineGen([0.0]);
        Assert.Throws<OperationCanceledException>(() => model.ImportanceK(1_000, ChoiceMap.Empty, options));
        var particles = model.ImportanceK(10, ChoiceMap.Empty);
        Assert.Throws<OperationCanceledException>(() => particles.Edit(EditRequest.Regenerate(Selection.All), options));
        Assert.Throws<OperationCanceledException>(() => model.ImportanceK(1_000, ChoiceMap.Empty, options with { Progress = new Progress<InferenceProgress>() }));
    }
}
