using Gen.Inference;
using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Inference;

/// <summary>
/// Metropolis–Hastings on conjugate models: the chain's mean must be the exact posterior mean within 5 batch-means
/// standard errors (the batch-means error accounts for autocorrelation; 5 of them makes a false failure a
/// one-in-a-million event for an honest chain, and the keys are fixed).
/// </summary>
public class McmcTests
{
    private static readonly double[] Ys = [1.2, 0.4, 2.1, 1.7, 0.9];
    private static readonly bool[] Flips = [true, false, true, true, false, true, true, true, false, true];

    private static ChoiceMap NormalObservations => ChoiceMap.Of(Ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());

    private static ChoiceMap FlipObservations => ChoiceMap.Of(Flips.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());

    private static double NormalPosteriorMean()
    {
        double s0 = ConjugateModels.PriorSd, s = ConjugateModels.NoiseSd, m0 = ConjugateModels.PriorMean;
        var precision = 1 / (s0 * s0) + Ys.Length / (s * s);
        return (m0 / (s0 * s0) + Ys.Sum() / (s * s)) / precision;
    }

    private static double BetaPosteriorMean()
    {
        var heads = Flips.Count(f => f);
        return (ConjugateModels.PriorA + heads) / (ConjugateModels.PriorA + ConjugateModels.PriorB + Flips.Length);
    }

    private static void AssertStationaryMean<R>(McmcChain<R> chain, Func<Trace<R>, double> f, double exact)
    {
        var se = chain.StandardError(f);
        Assert.That(se, Is.GreaterThan(0).And.LessThan(0.02), "batch-means standard error");
        Assert.That(chain.Mean(f), Is.EqualTo(exact).Within(5 * se));
        Assert.That(chain.AcceptanceRate, Is.GreaterThan(0.1).And.LessThan(0.95));
    }

    [Test]
    public void Regenerate_mh_on_normal_normal_has_the_exact_posterior_mean()
    {
        var chain = Seed(new Key(31), () =>
        {
            var (initial, _) = ConjugateModels.NormalNormalGen(Ys.Length).Importance(NormalObservations);
            return Mcmc.Run(initial, 20_000, t => Mcmc.MetropolisHastings(t, Selection.Of("mu")), new McmcOptions { BurnIn = 200 });
        });
        AssertStationaryMean(chain, t => t.Retval, NormalPosteriorMean());
    }

    [Test]
    public void Custom_proposal_mh_on_normal_normal_has_the_exact_posterior_mean()
    {
        var chain = Seed(new Key(32), () =>
        {
            var (initial, _) = ConjugateModels.NormalNormalGen(Ys.Length).Importance(NormalObservations);
            return Mcmc.Run(initial, 20_000, t => Mcmc.MetropolisHastings(t, InferenceModels.MuDriftGen), new McmcOptions { BurnIn = 200 });
        });
        AssertStationaryMean(chain, t => t.Retval, NormalPosteriorMean());
    }

    [Test]
    public void Asymmetric_custom_proposal_mh_on_beta_bernoulli_has_the_exact_posterior_mean()
    {
        var chain = Seed(new Key(33), () =>
        {
            var (initial, _) = ConjugateModels.BetaBernoulliGen(Flips.Length).Importance(FlipObservations);
            return Mcmc.Run(initial, 10_000, t => Mcmc.MetropolisHastings(t, InferenceModels.PDriftGen), new McmcOptions { BurnIn = 200, Thin = 2 });
        });
        AssertStationaryMean(chain, t => t.Retval, BetaPosteriorMean());
        Assert.That(chain.Samples.All(t => t.Retval is > 0 and < 1));
        Assert.That(chain.Samples, Has.Count.EqualTo(10_000));
    }

    [Test]
    public void A_step_is_reproducible_under_seed_and_its_uniform_comes_from_the_step_key()
    {
        var (trace, _) = Seed(new Key(34), () => ConjugateModels.NormalNormalGen(Ys.Length).Importance(NormalObservations));
        var first = Seed(new Key(35), () => Mcmc.MetropolisHastings(trace, Selection.Of("mu")));
        var second = Seed(new Key(35), () => Mcmc.MetropolisHastings(trace, Selection.Of("mu")));
        Assert.That(second.Trace.Retval, Is.EqualTo(first.Trace.Retval));
        Assert.That(second.Accepted, Is.EqualTo(first.Accepted));

        // The documented rule: the step draws one key k; Regenerate runs with k's first key, the uniform is k's second.
        var k = new Key(35).FoldIn(0);
        var edit = Seed(k, () => trace.Regenerate(Selection.Of("mu")));
        var accept = Math.Log(k.FoldIn(1).Uniform()) < edit.Weight;
        Assert.That(first.Accepted, Is.EqualTo(accept));
        Assert.That(first.Trace.Retval, Is.EqualTo(accept ? edit.Trace.Retval : trace.Retval));
    }

    [Test]
    public void A_chain_reports_progress_and_can_be_cancelled()
    {
        var (trace, _) = Seed(new Key(36), () => ConjugateModels.NormalNormalGen(Ys.Length).Importance(NormalObservations));
        var reports = new List<InferenceProgress>();
        Seed(new Key(37), () => Mcmc.Run(trace, 1_000, t => Mcmc.MetropolisHastings(t, Selection.Of("mu")),
            new McmcOptions { BurnIn = 100, Progress = new ParticleFilterTests.Recorder(reports) }));
        Assert.That(reports, Has.Count.EqualTo(100));
        Assert.That(reports[^1], Is.EqualTo(new InferenceProgress("MCMC", 1_100, 1_100)));
        Assert.That(reports.Select(r => r.Completed), Is.Ordered.Ascending);

        using var cancelled = new System.Threading.CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            Mcmc.Run(trace, 10, t => Mcmc.MetropolisHastings(t, Selection.Of("mu")), new McmcOptions { Cancellation = cancelled.Token }));
    }

    [Test]
    public void A_trace_of_probability_zero_is_a_clear_error_not_NaN()
    {
        var (impossible, weight) = InferenceModels.ImpossibleGen().Importance(ChoiceMap.Of(("never", true)));
        Assert.That(weight, Is.EqualTo(double.NegativeInfinity));
        var error = Assert.Throws<InvalidOperationException>(() => Mcmc.MetropolisHastings(impossible, Selection.Of("x")))!;
        Assert.That(error.Message, Does.Contain("NaN").And.Contain("probability zero"));
    }

    [Test]
    public void A_proposal_for_an_address_the_model_lacks_is_rejected_by_name()
    {
        var (trace, _) = Seed(new Key(38), () => ConjugateModels.BetaBernoulliGen(Flips.Length).Importance(FlipObservations));
        var error = Assert.Throws<ArgumentException>(() => Mcmc.MetropolisHastings(trace, (Trace<double> _) => InferenceModels.MuGuessGen(0, 1)))!;
        Assert.That(error.Message, Does.Contain("mu"));
    }
}
