using Gen.Inference;
using Gen.Tests.Support;
using static Gen.Combinators;
using static Gen.Transforms;

namespace Gen.Tests.Inference;

/// <summary>
/// The rejection rule (docs/inference.md, "Rejection"): inside inference, an <see cref="ArgumentOutOfRangeException"/>
/// or <see cref="ArithmeticException"/> raised while running a proposed or constrained point rejects that particle or
/// move, which is counted and reported; every other particle and move is exactly what it would be without the rule
/// (the same keys), and direct GFI calls still throw.
/// </summary>
public class RejectionTests
{
    private static readonly double[] Ys = [0.6, -1.1, 0.3, 1.4, -0.4];

    private static ChoiceMap Observations(int n) => ChoiceMap.Of(Ys.Take(n).Select((y, j) => ((Address)("y", j), (object)y)).ToArray());

    private static ChoiceMap With(ChoiceMap map, Address address, object value) =>
        ChoiceMap.Of(map.Append((address, value)).ToArray());

    /// <summary>The reason a distribution gives for a negative scale.</summary>
    private static void AssertSigmaReason(Exception? reason)
    {
        Assert.That(reason, Is.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(((ArgumentOutOfRangeException)reason!).ParamName, Is.EqualTo("sigma"));
    }

    /// <summary>Runs <paramref name="f"/>: false when it throws an <see cref="ArgumentOutOfRangeException"/>.</summary>
    private static bool Evaluates<T>(Func<T> f, out T value)
    {
        try
        {
            value = f();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            value = default!;
            return false;
        }
    }

    // ------------------------------------------------------------------ direct GFI calls still throw

    [Test]
    public void Direct_gfi_calls_at_an_invalid_point_still_throw()
    {
        Assert.That(Gen.Distributions.exponential(1).LogDensity(-0.1), Is.EqualTo(double.NegativeInfinity));
        var model = RejectionModels.ScaleGen(3);
        var (trace, _) = Seed(new Key(1), () => model.Importance(Observations(3)));
        var update = Assert.Throws<ArgumentOutOfRangeException>(() => trace.Update(ChoiceMap.Of(("s", -0.1))))!;
        Assert.That(update.ParamName, Is.EqualTo("sigma"));
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.Edit(EditRequest.Update(ChoiceMap.Of(("s", -0.1)))));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Importance(With(Observations(3), "s", -0.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Assess(With(Observations(3), "s", -0.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed(new Key(2), () => RejectionModels.SignedScaleGen(-50, 1).Simulate()));
        Assert.Throws<DivideByZeroException>(() => RejectionModels.RatioGen().Importance(ChoiceMap.Of(("n", 0), ("y", 1.0))));
    }

    // ------------------------------------------------------------------ ImportanceK

    [Test]
    public void ImportanceK_rejects_the_particles_that_throw_and_leaves_every_other_particle_as_it_was()
    {
        // s ~ N(0.5, 1): about 31 % of the prior draws are negative, and normal(0, s) then throws.
        var model = RejectionModels.SignedScaleGen(0.5, 3);
        var observations = Observations(3);
        var particles = Seed(new Key(10), () => model.ImportanceK(400, observations));
        Assert.That(particles.Rejected, Is.InRange(80, 180));
        AssertSigmaReason(particles.FirstRejection);

        // Particle i runs as if under Seed(batchKey.FoldIn(i)), the batch key being the first key of Seed(10).
        var batchKey = new Key(10).FoldIn(0);
        var rejected = 0;
        for (var i = 0; i < particles.Count; i++)
        {
            if (!Evaluates(() => Seed(batchKey.FoldIn((uint)i), () => model.Importance(observations)), out var direct))
            {
                rejected++;
                Assert.That(particles.IsRejected(i), $"particle {i}");
                Assert.That(particles.LogWeights[i], Is.EqualTo(double.NegativeInfinity));
                Assert.That(particles.Traces[i].Score, Is.EqualTo(double.NegativeInfinity));
                Bitwise.SameChoices(observations, particles.Traces[i].Choices, "a placeholder holds the point it was run at");
                var error = Assert.Throws<InvalidOperationException>(() => _ = particles.Traces[i].Retval)!;
                Assert.That(error.Message, Does.Contain("rejected").And.Contain("sigma"));
                Assert.That(error.InnerException, Is.InstanceOf<ArgumentOutOfRangeException>());
                Assert.That(particles.Traces[i].ToString(), Does.Contain("Rejected"));
            }
            else
            {
                Assert.That(particles.IsRejected(i), Is.False, $"particle {i}");
                Bitwise.AreEqual(direct.Weight, particles.LogWeights[i], $"particle {i}");
                Bitwise.SameTrace(direct.Trace, particles.Traces[i], $"particle {i}");
            }
        }
        Assert.That(particles.Rejected, Is.EqualTo(rejected));
        Assert.That(particles.FirstRejection, Is.SameAs(Enumerable.Range(0, 400).Where(particles.IsRejected).Select(i =>
            ((RejectedTrace<double>)particles.Traces[i]).Reason).First()), "the first rejection is the lowest index's");

        // Estimates skip the rejected particles (weight zero), and resampling never draws one.
        Assert.That(particles.Mean(t => t.Retval), Is.GreaterThan(0));
        Assert.That(particles.EffectiveSampleSize(), Is.GreaterThan(1));
        foreach (var method in new[] { ResamplingMethod.Multinomial, ResamplingMethod.Systematic })
        {
            var resampled = Seed(new Key(11), () => particles.Resample(method));
            Assert.That(resampled.Rejected, Is.Zero);
            Assert.That(resampled.Traces.All(t => t.Retval > 0 && double.IsFinite(t.Score)), method.ToString());
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => particles.IsRejected(400));
    }

    [Test]
    public void ImportanceK_with_rejections_does_not_depend_on_the_thread_count()
    {
        var model = RejectionModels.SignedScaleGen(0.5, 3);
        Particles<double> Run(int? cores) => Seed(new Key(12), () => model.ImportanceK(1_000, Observations(3), new InferenceOptions { MaxDegreeOfParallelism = cores }));
        var one = Run(1);
        var all = Run(null);
        Assert.That(all.LogWeights, Is.EqualTo(one.LogWeights));
        Assert.That(Enumerable.Range(0, 1_000).Select(all.IsRejected), Is.EqualTo(Enumerable.Range(0, 1_000).Select(one.IsRejected)));
        Assert.That(all.FirstRejection!.Message, Is.EqualTo(one.FirstRejection!.Message));
    }

    [Test]
    public void An_arithmetic_exception_is_a_rejection_too()
    {
        // n = 0 (a quarter of the prior) divides by zero in integer arithmetic.
        var particles = Seed(new Key(13), () => RejectionModels.RatioGen().ImportanceK(400, ChoiceMap.Of(("y", 5.0))));
        Assert.That(particles.Rejected, Is.InRange(60, 140));
        Assert.That(particles.FirstRejection, Is.InstanceOf<DivideByZeroException>());
        for (var i = 0; i < particles.Count; i++)
            if (!particles.IsRejected(i)) Assert.That(particles.Traces[i].Retval, Is.Not.Zero);
    }

    [Test]
    public void Other_exceptions_still_propagate()
    {
        var buggy = new InterpretedFunction<double>("Buggy", () =>
        {
            var x = Gen.Distributions.normal(0, 1).At("x");
            return x > 1 ? throw new InvalidOperationException("a bug in the model") : x;
        });
        var error = Assert.Throws<InvalidOperationException>(() => Seed(new Key(14), () => buggy.ImportanceK(200, ChoiceMap.Empty)))!;
        Assert.That(error.Message, Is.EqualTo("a bug in the model"));
        var (trace, _) = Seed(new Key(15), () => buggy.Importance(ChoiceMap.Of(("x", 0.0))));
        Assert.Throws<InvalidOperationException>(() => Seed(new Key(16), () =>
            Mcmc.Run(trace, 200, t => Mcmc.MetropolisHastings(t, Selection.Of("x")))));
        // A misspelled constraint is still an ArgumentException (not a rejection), as is a proposal of an observed choice.
        Assert.Throws<ArgumentException>(() => RejectionModels.SignedScaleGen(0.5, 1).ImportanceK(50, ChoiceMap.Of(("z", 1.0))));
    }

    // ------------------------------------------------------------------ importance sampling with a proposal, SIR

    [Test]
    public void Importance_sampling_with_a_proposal_rejects_proposals_outside_the_domain()
    {
        // The proposal N(0.8, 1) proposes s < 0 about 21 % of the time; exponential(1) scores that -Infinity, and then
        // normal(0, s) throws.
        var model = RejectionModels.ScaleGen(5);
        var particles = Seed(new Key(20), () => ImportanceSampling.Run(model, Observations(5), RejectionModels.ScaleGuessGen(0.8, 1.0), 500));
        Assert.That(particles.Rejected, Is.InRange(60, 160));
        AssertSigmaReason(particles.FirstRejection);
        for (var i = 0; i < particles.Count; i++)
        {
            var s = particles.Traces[i].Choices.Get<double>("s");
            Assert.That(particles.IsRejected(i), Is.EqualTo(s <= 0), $"particle {i}: the placeholder holds the proposed point");
            Assert.That(double.IsFinite(particles.LogWeights[i]), Is.EqualTo(s > 0));
        }
        Assert.That(particles.Mean(t => t.Retval), Is.GreaterThan(0));
    }

    [Test]
    public void Sir_never_returns_a_rejected_particle_and_reports_the_rejections()
    {
        var model = RejectionModels.SignedScaleGen(0.5, 3);
        var observations = Observations(3);
        Particles<double>? weighted = null;
        var (trace, logEvidence) = Seed(new Key(21), () =>
        {
            var result = ImportanceSampling.Resample(model, observations, 300, out var particles);
            weighted = particles;
            return result;
        });
        Assert.That(weighted!.Rejected, Is.GreaterThan(0));
        AssertSigmaReason(weighted.FirstRejection);
        Assert.That(trace.Retval, Is.GreaterThan(0));
        Assert.That(logEvidence, Is.EqualTo(weighted.LogMarginalLikelihood()));
        var plain = Seed(new Key(21), () => ImportanceSampling.Resample(model, observations, 300));
        Assert.That(plain.LogMarginalLikelihood, Is.EqualTo(logEvidence), "same key, same result with or without the particles");
        Bitwise.SameTrace(trace, plain.Trace, "the drawn trace");
        for (var seed = 0UL; seed < 30; seed++)
        {
            var (drawn, _) = Seed(new Key(100 + seed), () => ImportanceSampling.Resample(model, observations, 20));
            Assert.That(drawn.Retval, Is.GreaterThan(0), $"seed {seed}");
        }
    }

    // ------------------------------------------------------------------ EditK

    [Test]
    public void Edit_keeps_the_previous_trace_of_a_rejected_particle_and_edits_every_other_as_before()
    {
        var model = RejectionModels.SignedScaleGen(0.5, 3);
        var particles = Seed(new Key(30), () => model.ImportanceK(300, Observations(3)));
        var selection = Selection.Of("s");
        var edited = Seed(new Key(31), () => particles.Edit(EditRequest.Regenerate(selection)));
        var batchKey = new Key(31).FoldIn(0);
        var fresh = 0;
        for (var i = 0; i < particles.Count; i++)
        {
            if (particles.IsRejected(i))
            {
                Assert.That(edited.IsRejected(i), $"particle {i} stays rejected");
                Assert.That(edited.Traces[i], Is.SameAs(particles.Traces[i]));
                Assert.That(edited.LogWeights[i], Is.EqualTo(double.NegativeInfinity));
                continue;
            }
            if (!Evaluates(() => Seed(batchKey.FoldIn((uint)i), () => particles.Traces[i].Regenerate(selection)), out var direct))
            {
                fresh++;
                Assert.That(edited.IsRejected(i), $"particle {i}");
                Assert.That(edited.Traces[i], Is.SameAs(particles.Traces[i]), "the previous trace is kept");
                Assert.That(edited.LogWeights[i], Is.EqualTo(double.NegativeInfinity));
            }
            else
            {
                Assert.That(edited.IsRejected(i), Is.False);
                Bitwise.AreEqual(particles.LogWeights[i] + direct.Weight, edited.LogWeights[i], $"particle {i}");
                Bitwise.SameTrace(direct.Trace, edited.Traces[i], $"particle {i}");
            }
        }
        Assert.That(fresh, Is.GreaterThan(20), "the edit itself rejects some particles");
        Assert.That(edited.Rejected, Is.EqualTo(particles.Rejected + fresh));
        AssertSigmaReason(edited.FirstRejection);

        // A collection built from these traces keeps the rejection of a placeholder.
        var rebuilt = new Particles<double>(particles.Traces, particles.LogWeights);
        Assert.That(rebuilt.Rejected, Is.EqualTo(particles.Rejected));
    }

    // ------------------------------------------------------------------ particle filters

    private static readonly double[] SmallYs = [0.5, -0.2, 0.1, 0.05, -0.1, 0.08, 0.3, -0.05, 0.02, 0.1];

    private static ChoiceMap[] VolatilityObservations => SmallYs.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray();

    private static GenerativeFunction<double[]> Volatility(int t) => Scan(RejectionModels.VolatilityStepGen, t + 1, 1.0);

    [Test]
    public void A_bootstrap_particle_filter_completes_with_rejected_extensions_counted()
    {
        // Small observations pull the scale towards zero, and its random walk then crosses it: those extensions throw.
        var result = Seed(new Key(40), () => ParticleFilter.Run(Volatility, VolatilityObservations, 500));
        Assert.That(result.Rejected, Is.GreaterThan(0));
        Assert.That(result.RejectedRejuvenations, Is.Zero);
        AssertSigmaReason(result.FirstRejection);
        Assert.That(double.IsFinite(result.LogMarginalLikelihood));
        Assert.That(result.ResampledBefore, Is.Not.Empty);
        Assert.That(result.EffectiveSampleSizes, Has.Count.EqualTo(SmallYs.Length));

        var one = Seed(new Key(40), () => ParticleFilter.Run(Volatility, VolatilityObservations, 500, new SmcOptions { MaxDegreeOfParallelism = 1 }));
        Assert.That(one.Particles.LogWeights, Is.EqualTo(result.Particles.LogWeights));
        Assert.That(one.Rejected, Is.EqualTo(result.Rejected));
    }

    [Test]
    public void A_particle_filter_with_a_proposal_rejects_proposals_outside_the_domain_from_step_0()
    {
        var result = Seed(new Key(41), () => ParticleFilter.Run(Volatility, VolatilityObservations, 500,
            (trace, t) => RejectionModels.VolatilityProposalGen(t == 0 ? 1.0 : trace!.Retval[t - 1], t)));
        Assert.That(result.Rejected, Is.GreaterThan(0));
        AssertSigmaReason(result.FirstRejection);
        Assert.That(double.IsFinite(result.LogMarginalLikelihood));

        // Step 0 alone: the rejected particles are placeholders, with the proposed (negative) scale.
        var first = Seed(new Key(41), () => ParticleFilter.Run(Volatility, VolatilityObservations.Take(1).ToArray(), 500,
            (trace, t) => RejectionModels.VolatilityProposalGen(1.0, t)));
        Assert.That(first.Rejected, Is.EqualTo(first.Particles.Rejected).And.GreaterThan(0));
        for (var i = 0; i < 500; i++)
            if (first.Particles.IsRejected(i)) Assert.That(first.Particles.Traces[i].Choices.Get<double>((0, "s")), Is.LessThanOrEqualTo(0));
    }

    [Test]
    public void Rejuvenation_moves_rejected_by_an_error_are_counted_and_leave_the_particle_as_it_was()
    {
        var options = new SmcOptions { EssThreshold = 0.9 };
        var mh = Seed(new Key(42), () => ParticleFilter.Run(Volatility, VolatilityObservations, 300, options,
            rejuvenate: (trace, t) => Mcmc.MetropolisHastings(trace, tr => RejectionModels.VolatilityDriftGen(tr, t)).Trace));
        Assert.That(mh.ResampledBefore, Is.Not.Empty);
        Assert.That(mh.RejectedRejuvenations, Is.GreaterThan(0), "the random walk of width 1 crosses zero");
        Assert.That(double.IsFinite(mh.LogMarginalLikelihood));

        // A short chain as the kernel: the moves its MH steps reject reach the filter's count through the chain.
        var chains = Seed(new Key(42), () => ParticleFilter.Run(Volatility, VolatilityObservations, 300, options,
            rejuvenate: (trace, t) => Mcmc.Run(trace, 3, tr => Mcmc.MetropolisHastings(tr, x => RejectionModels.VolatilityDriftGen(x, t))).Last));
        Assert.That(chains.RejectedRejuvenations, Is.GreaterThan(mh.RejectedRejuvenations), "three moves per particle instead of one");

        // A kernel that itself throws (a direct Update at an invalid point) rejects every move: each particle stays.
        var broken = Seed(new Key(43), () => ParticleFilter.Run(Volatility, VolatilityObservations, 300, options,
            rejuvenate: (trace, t) => trace.Update(ChoiceMap.Of(((t, "s"), -1.0))).Trace));
        Assert.That(broken.RejectedRejuvenations, Is.EqualTo(300 * broken.ResampledBefore.Count));
        Assert.That(broken.FirstRejection, Is.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(broken.Particles.Traces.All(t => t.Retval.All(s => s > 0)));
    }

    // ------------------------------------------------------------------ Metropolis–Hastings

    [Test]
    public void A_regenerate_move_that_throws_is_rejected_and_the_direct_regenerate_still_throws()
    {
        var model = RejectionModels.SignedScaleGen(0.5, 3);
        var (trace, _) = model.Importance(With(Observations(3), "s", 1.0));
        var selection = Selection.Of("s");
        var (rejected, moved) = (0, 0);
        for (var seed = 0UL; seed < 40; seed++)
        {
            var step = Seed(new Key(seed), () => Mcmc.MetropolisHastings(trace, selection));
            // The documented rule: the step draws k; Regenerate runs as if under Seed(k), the uniform is k's next key.
            var k = new Key(seed).FoldIn(0);
            if (!Evaluates(() => Seed(k, () => trace.Regenerate(selection)), out var direct))
            {
                rejected++;
                Assert.That(step.Accepted, Is.False);
                Assert.That(step.Trace, Is.SameAs(trace));
                continue;
            }
            var accept = Math.Log(k.FoldIn(1).Uniform()) < direct.Weight;
            Assert.That(step.Accepted, Is.EqualTo(accept));
            if (accept) moved++;
            Assert.That(step.Trace.Retval, Is.EqualTo(accept ? direct.Trace.Retval : trace.Retval));
        }
        Assert.That(rejected, Is.GreaterThan(0));
        Assert.That(moved, Is.GreaterThan(0));

        var chain = Seed(new Key(50), () => Mcmc.Run(trace, 2_000, t => Mcmc.MetropolisHastings(t, selection)));
        Assert.That(chain.RejectedByError, Is.InRange(300, 1_000), "about 31 % of the prior draws are negative");
        AssertSigmaReason(chain.FirstRejection);
        Assert.That(chain.Samples.All(t => t.Retval > 0));
        Assert.That(chain.AcceptanceRate, Is.LessThan(1 - chain.RejectedByError / 2_000.0 + 1e-12));
    }

    [Test]
    public void A_chain_whose_kernel_throws_stays_where_it_was_and_counts_every_step()
    {
        var (trace, _) = RejectionModels.ScaleGen(3).Importance(With(Observations(3), "s", 1.0));
        var chain = Seed(new Key(51), () => Mcmc.Run(trace, 100, t => (t.Update(ChoiceMap.Of(("s", -1.0))).Trace, true),
            new McmcOptions { BurnIn = 10 }));
        Assert.That(chain.RejectedByError, Is.EqualTo(110));
        Assert.That(chain.AcceptanceRate, Is.Zero);
        Assert.That(chain.Samples, Has.All.SameAs(trace));
        AssertSigmaReason(chain.FirstRejection);

        var clean = Seed(new Key(52), () => Mcmc.Run(trace, 100, t => Mcmc.MetropolisHastings(t, tr => RejectionModels.ScaleDriftGen(tr, 0.01))));
        Assert.That(clean.RejectedByError, Is.Zero);
        Assert.That(clean.FirstRejection, Is.Null);
    }

    [Test]
    public void Random_walk_mh_on_a_positive_scale_has_the_exact_posterior_mean()
    {
        // s ~ exponential(1), y_j ~ N(0, s²) for five fixed y's; the random walk N(s, 0.8²) proposes s < 0 about a sixth
        // of the time near the posterior mode (~0.8), and each such move is rejected (the model throws there). MH that
        // rejects those moves targets the posterior exactly, since its density is zero there. Tolerance: 5 batch-means
        // standard errors of the chain mean (batches of about √n samples, longer than the chain's autocorrelation, so
        // their means are nearly independent); for an honest chain a miss is a one-in-a-million event, and the key is
        // fixed, so the test is deterministic. The exact mean is a quadrature, accurate far beyond that tolerance.
        var (initial, _) = RejectionModels.ScaleGen(Ys.Length).Importance(With(Observations(Ys.Length), "s", 1.0));
        var chain = Seed(new Key(60), () => Mcmc.Run(initial, 40_000, t => Mcmc.MetropolisHastings(t, tr => RejectionModels.ScaleDriftGen(tr, 0.8)),
            new McmcOptions { BurnIn = 1_000 }));
        Assert.That(chain.RejectedByError, Is.GreaterThan(1_000));
        AssertSigmaReason(chain.FirstRejection);
        Assert.That(chain.Samples.All(t => t.Retval > 0));

        var exact = ExactPosteriorMeanOfScale(Ys);
        var se = chain.StandardError(t => t.Retval);
        TestContext.Out.WriteLine($"chain mean {chain.Mean(t => t.Retval)}, exact {exact}, batch-means error {se}, rejected by error {chain.RejectedByError}, acceptance {chain.AcceptanceRate}");
        Assert.That(se, Is.GreaterThan(0).And.LessThan(0.01), "batch-means standard error");
        Assert.That(chain.Mean(t => t.Retval), Is.EqualTo(exact).Within(5 * se));
        Assert.That(chain.AcceptanceRate, Is.InRange(0.2, 0.8));
    }

    /// <summary>
    /// E[s | y] for s ~ exponential(1), y_j ~ N(0, s²): p(s | y) ∝ e^(−s) s^(−n) e^(−Σy²/2s²) on s &gt; 0, integrated by
    /// composite Simpson on (0, 40] with 400,000 intervals (the integrand vanishes faster than any power at 0, and
    /// beyond 40 it is below e^(−40)), in log space shifted by the maximum.
    /// </summary>
    internal static double ExactPosteriorMeanOfScale(double[] ys)
    {
        var squares = ys.Sum(y => y * y);
        double LogDensity(double s) => s <= 0 ? double.NegativeInfinity : -s - ys.Length * Math.Log(s) - squares / (2 * s * s);
        const int intervals = 400_000;
        const double upper = 40;
        var h = upper / intervals;
        var max = Enumerable.Range(1, intervals).Max(i => LogDensity(i * h));
        double mass = 0, moment = 0;
        for (var i = 0; i <= intervals; i++)
        {
            var s = i * h;
            var w = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            var p = Math.Exp(LogDensity(s) - max);
            mass += w * p;
            moment += w * p * s;
        }
        return moment / mass;
    }

    [Test]
    public void The_quadrature_agrees_with_MathNet_integration()
    {
        var squares = Ys.Sum(y => y * y);
        double Unnormalised(double s) => Math.Exp(-s - Ys.Length * Math.Log(s) - squares / (2 * s * s));
        var mass = MathNet.Numerics.Integrate.OnClosedInterval(Unnormalised, 1e-6, 60, 1e-12);
        var moment = MathNet.Numerics.Integrate.OnClosedInterval(s => s * Unnormalised(s), 1e-6, 60, 1e-12);
        Assert.That(ExactPosteriorMeanOfScale(Ys), Is.EqualTo(moment / mass).Within(1e-8));
    }

    // ------------------------------------------------------------------ enumeration

    [Test]
    public void Enumeration_gives_an_assignment_that_throws_probability_zero()
    {
        var posterior = Enumeration.Run(RejectionModels.SpreadGen(), ChoiceMap.Of(("y", 0.7)), ("k", new[] { 0, 1, 2, 3 }));
        Assert.That(posterior.Rejected, Is.EqualTo(1));
        AssertSigmaReason(posterior.FirstRejection);
        Assert.That(posterior.Outcomes.Select(o => o.Trace.Retval), Is.EqualTo(new[] { 1, 2, 3 }));
        var joint = new[] { 1.0, 2.0, 3.0 }.Select(k => 0.25 * Math.Exp(Normal.LogDensity(0.7, 0, k))).ToArray();
        Assert.That(posterior.LogMarginalLikelihood, Is.EqualTo(Math.Log(joint.Sum())).Within(1e-12));
        Assert.That(posterior.Outcomes.Select(o => o.Probability), Is.EqualTo(joint.Select(j => j / joint.Sum())).Within(1e-12));

        var ratio = Enumeration.Run(RejectionModels.RatioGen(), ChoiceMap.Of(("y", 5.0)), ("n", new[] { 0, 1, 2, 3 }));
        Assert.That(ratio.Rejected, Is.EqualTo(1));
        Assert.That(ratio.FirstRejection, Is.InstanceOf<DivideByZeroException>());

        var none = Assert.Throws<InvalidOperationException>(() =>
            Enumeration.Run(RejectionModels.SpreadGen(), ChoiceMap.Of(("y", 0.7)), ("k", new[] { 0 })))!;
        Assert.That(none.Message, Does.Contain("probability zero").And.Contain("raised an error").And.Contain("sigma"));
    }

    // ------------------------------------------------------------------ a batch whose every particle is rejected

    [Test]
    public void A_batch_whose_every_particle_is_rejected_names_the_reason()
    {
        // s ~ N(-50, 1): no prior draw is positive.
        var model = RejectionModels.SignedScaleGen(-50, 2);
        var dead = Seed(new Key(70), () => model.ImportanceK(100, Observations(2)));
        Assert.That(dead.Rejected, Is.EqualTo(100));
        Assert.That(dead.LogMarginalLikelihood(), Is.EqualTo(double.NegativeInfinity), "the estimate of a weight-zero batch, never NaN");
        foreach (var use in new Action[] { () => dead.NormalizedWeights(), () => dead.EffectiveSampleSize(), () => dead.Resample(), () => dead.Mean(t => t.Retval) })
        {
            var error = Assert.Throws<InvalidOperationException>(() => use())!;
            Assert.That(error.Message, Does.Contain("weight zero").And.Contain("all 100 particles were rejected")
                .And.Contain("ArgumentOutOfRangeException").And.Contain("sigma"));
        }
        var sir = Assert.Throws<InvalidOperationException>(() => Seed(new Key(71), () => ImportanceSampling.Resample(model, Observations(2), 50)))!;
        Assert.That(sir.Message, Does.Contain("all 50 particles were rejected").And.Contain("sigma"));

        var smc = Assert.Throws<InvalidOperationException>(() => Seed(new Key(72), () => ParticleFilter.Run(
            t => Scan(RejectionModels.VolatilityStepGen, t + 1, -50.0), VolatilityObservations, 100)))!;
        Assert.That(smc.Message, Does.Contain("step 0").And.Contain("all 100 particles were rejected").And.Contain("sigma"));

        // Some rejected, the rest of weight zero for another reason: the message says both.
        var (live, _) = Seed(new Key(73), () => RejectionModels.SignedScaleGen(0.5, 2).Importance(With(Observations(2), "s", 1.0)));
        var mixed = new Particles<double>(dead.Traces.Take(2).Append(live).ToArray(),
            [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity]);
        Assert.That(mixed.Rejected, Is.EqualTo(2));
        var both = Assert.Throws<InvalidOperationException>(() => mixed.Resample())!;
        Assert.That(both.Message, Does.Contain("no particle is consistent").And.Contain("2 of 3 particles were rejected").And.Contain("sigma"));
    }

    // ------------------------------------------------------------------ resampling

    [Test]
    public void Resampling_never_draws_a_trailing_particle_of_weight_zero()
    {
        // The guard against rounding (a uniform just below 1 above the true running sum) lands in the last bucket of
        // positive weight, not in the zero-weight buckets after it.
        Assert.That(Resampling.Cumulative([0.5, 0.5, 0, 0]), Is.EqualTo(new[] { 0.5, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity }));
        Assert.That(Resampling.Cumulative([0, 1, 0]), Is.EqualTo(new[] { 0, double.PositiveInfinity, double.PositiveInfinity }));
        Assert.That(Resampling.Cumulative([0.25, 0.75]), Is.EqualTo(new[] { 0.25, double.PositiveInfinity }));
        var tenths = Enumerable.Repeat(0.1, 10).Append(0.0).ToArray(); // the running sum of ten tenths is 0.9999999999999999
        Assert.That(Resampling.Cumulative(tenths)[^2], Is.EqualTo(double.PositiveInfinity));

        // One live particle among rejected ones: every draw is that particle, whatever the key and method.
        var dead = Seed(new Key(80), () => RejectionModels.SignedScaleGen(-50, 1).ImportanceK(5, Observations(1)));
        var live = Seed(new Key(81), () => RejectionModels.SignedScaleGen(0.5, 1).Importance(With(Observations(1), "s", 1.0)));
        var traces = dead.Traces.Take(2).Append(live.Trace).Concat(dead.Traces.Skip(2)).ToArray();
        var particles = new Particles<double>(traces, [double.NegativeInfinity, double.NegativeInfinity, -700, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity]);
        Assert.That(particles.Rejected, Is.EqualTo(5));
        for (var seed = 0UL; seed < 20; seed++)
            foreach (var method in new[] { ResamplingMethod.Multinomial, ResamplingMethod.Systematic })
            {
                var resampled = Seed(new Key(seed), () => particles.Resample(method));
                Assert.That(resampled.Traces, Has.All.SameAs(live.Trace));
                Assert.That(resampled.Rejected, Is.Zero);
            }
    }
}
