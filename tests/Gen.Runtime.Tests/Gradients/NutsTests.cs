using Gen.Inference;
using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Gradients;

/// <summary>
/// NUTS against closed-form posteriors: posterior means within 5 Monte Carlo standard errors (MCSE from the bulk ESS,
/// as Stan reports it; 5 MCSE makes a false failure on a fixed key very unlikely while catching a biased sampler),
/// R-hat near 1, and the same draws on any number of cores.
/// </summary>
public class NutsTests
{
    private static readonly NutsOptions Short = new() { Warmup = 500, Samples = 1000, Chains = 4 };

    [Test]
    public void Normal_normal_posterior()
    {
        double[] ys = [1.2, 0.3, 2.1, 0.8, 1.7];
        var observations = ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var r = Seed(new Key(1), () => Nuts.Run(ConjugateModels.NormalNormalGen(ys.Length), observations, Short));
        var precision = 1 / (ConjugateModels.PriorSd * ConjugateModels.PriorSd) + ys.Length / (ConjugateModels.NoiseSd * ConjugateModels.NoiseSd);
        var mean = (ConjugateModels.PriorMean / (ConjugateModels.PriorSd * ConjugateModels.PriorSd) + ys.Sum()) / precision;
        Assert.That(r.Mean("mu"), Is.EqualTo(mean).Within(5 * r.McseMean("mu")));
        Assert.That(r.StandardDeviation("mu"), Is.EqualTo(Math.Sqrt(1 / precision)).Within(0.05 * Math.Sqrt(1 / precision)));
        Assert.That(r.RHat("mu"), Is.LessThan(1.01));
        Assert.That(r.EssBulk("mu"), Is.GreaterThan(1000));
        Assert.That(r.Divergences, Is.EqualTo(0));
        Assert.That(r.Draws<double>("mu").Count, Is.EqualTo(4000));
    }

    [Test]
    public void A_positive_parameter_moves_in_its_unconstrained_space()
    {
        double[] ys = [0.4, -1.1, 0.9, 0.2, -0.3, 1.5, -0.7, 0.1];
        var observations = ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var r = Seed(new Key(2), () => Nuts.Run(GradientModels.PrecisionGen(ys.Length), observations, Short));
        // Gamma(3, rate 2) prior on the precision: the posterior is Gamma(3 + n/2, rate 2 + Σy²/2).
        var shape = 3 + ys.Length / 2.0;
        var rate = 2 + ys.Sum(y => y * y) / 2;
        Assert.That(r.Mean("tau"), Is.EqualTo(shape / rate).Within(5 * r.McseMean("tau")));
        Assert.That(r.Draws<double>("tau").Min(), Is.GreaterThan(0), "never outside the support");
        Assert.That(r.RHat("tau"), Is.LessThan(1.01));
    }

    [Test]
    public void Through_Repeat_of_a_distribution_object_each_draw_s_posterior()
    {
        // Two precisions from Repeat(2, gamma(3, 0.5)), each with its own observations: posterior Gamma(3 + n/2, rate 2 + Σy²/2).
        double[][] ys = [[0.4, -1.1, 0.9, 0.2, -0.3, 1.5], [2.2, -1.8, 0.6, 3.1, -2.5, 1.9]];
        var observations = ChoiceMap.Of(ys.SelectMany((row, k) => row.Select((y, i) => ((Address)("y", k * row.Length + i), (object)y))).ToArray());
        var r = Seed(new Key(10), () => Nuts.Run(GradientModels.RepeatedPrecisionsGen(ys[0].Length), observations, Short));
        for (var k = 0; k < 2; k++)
        {
            var shape = 3 + ys[k].Length / 2.0;
            var rate = 2 + ys[k].Sum(y => y * y) / 2;
            var address = Address.Of("tau", k);
            Assert.That(r.Mean(address), Is.EqualTo(shape / rate).Within(5 * r.McseMean(address)), address.ToString());
            Assert.That(r.StandardDeviation(address), Is.EqualTo(Math.Sqrt(shape) / rate).Within(0.1 * Math.Sqrt(shape) / rate), address.ToString());
            Assert.That(r.Draws<double>(address).Min(), Is.GreaterThan(0), "never outside the support");
            Assert.That(r.RHat(address), Is.LessThan(1.01));
        }
    }

    [Test]
    public void Through_traced_calls_each_callee_s_posterior()
    {
        // TwoLines traces Line twice; each Line is a Bayesian linear regression (slope ~ N(0, 1), intercept ~ N(0, 2²),
        // y_i ~ N(slope·x_i + intercept, 0.5²)) with a Gaussian posterior in closed form.
        double[] xs = [-1, 0, 1, 2];
        var data = new Dictionary<string, double[]> { ["first"] = [-1.9, -0.2, 1.1, 2.8], ["second"] = [1.4, 0.9, 0.6, -0.1] };
        var observations = ChoiceMap.Of(data.SelectMany(d => d.Value.Select((y, i) => (Address.Of(d.Key, "y", i), (object)y))).ToArray());
        var r = Seed(new Key(6), () => Nuts.Run(LineModels.TwoLinesGen(xs), observations, Short));
        foreach (var (line, ys) in data)
        {
            // Posterior precision Λ = diag(1, 1/4) + XᵀX / 0.25 with X = [x, 1]; mean Λ⁻¹ Xᵀy / 0.25.
            double a = 1 + xs.Sum(x => x * x) / 0.25, b = xs.Sum() / 0.25, c = 0.25 + xs.Length / 0.25;
            double u = xs.Zip(ys, (x, y) => x * y).Sum() / 0.25, v = ys.Sum() / 0.25;
            var det = a * c - b * b;
            var slope = (c * u - b * v) / det;
            var intercept = (a * v - b * u) / det;
            Assert.That(r.Mean(Address.Of(line, "slope")), Is.EqualTo(slope).Within(5 * r.McseMean(Address.Of(line, "slope"))), line);
            Assert.That(r.Mean(Address.Of(line, "intercept")), Is.EqualTo(intercept).Within(5 * r.McseMean(Address.Of(line, "intercept"))), line);
            Assert.That(r.StandardDeviation(Address.Of(line, "slope")), Is.EqualTo(Math.Sqrt(c / det)).Within(0.05 * Math.Sqrt(c / det)), line);
        }
        Assert.That(r.Divergences, Is.EqualTo(0));
    }

    [Test]
    public void Continuous_arguments_of_traced_calls_move_with_the_callees()
    {
        // Eight schools written as traced calls (mu, tau passed to each school) and written flat: the same posterior.
        // Two independent runs: their means agree within 5 combined MCSE.
        double[] ys = [28, 8, -3, 7, -1, 1, 18, 12];
        double[] sigmas = [15, 10, 16, 11, 9, 11, 10, 18];
        var calls = Seed(new Key(7), () => Nuts.Run(GradientModels.SchoolsGen(sigmas),
            ChoiceMap.Of(ys.Select((y, j) => (Address.Of("school", j, "y"), (object)y)).ToArray()), Short));
        var flat = Seed(new Key(8), () => Nuts.Run(GradientModels.HierarchicalGen(ys, sigmas),
            ChoiceMap.Of(ys.Select((y, j) => ((Address)("y", j), (object)y)).ToArray()), Short));
        foreach (var (inCalls, inFlat) in new (Address, Address)[] { ("mu", "mu"), ("tau", "tau"), (Address.Of("school", 0, "eta"), ("eta", 0)) })
        {
            var mcse = Math.Sqrt(Math.Pow(calls.McseMean(inCalls), 2) + Math.Pow(flat.McseMean(inFlat), 2));
            Assert.That(calls.Mean(inCalls), Is.EqualTo(flat.Mean(inFlat)).Within(5 * mcse), inCalls.ToString());
            Assert.That(calls.RHat(inCalls), Is.LessThan(1.02), inCalls.ToString());
        }
    }

    [Test]
    public void Through_Scan_a_state_space_posterior_matches_the_closed_form()
    {
        // StateSpace: init ~ N(0, 2²), x_t ~ N(0.9 x_{t−1} + 0.1 t, 1) (x_{−1} = init), y_t ~ N(x_t, 0.5²), last ~ N(x_{T−1}, 1),
        // the states in a Scan. Everything is linear-Gaussian: the posterior of (init, x_0 … x_{T−1}) given the y's and
        // last is Gaussian with precision Λ = Σ a aᵀ / v and mean Λ⁻¹ Σ a c / v over the factors (a·z − c)² / v.
        const int T = 5;
        double[] ys = [0.8, 1.9, 1.2, 2.4, 2.9];
        const double last = 3.3;
        var observations = new ChoiceMapBuilder();
        for (var t = 0; t < T; t++) observations[Address.Of("chain", t, "y")] = ys[t];
        observations["last"] = last;
        var r = Seed(new Key(9), () => Nuts.Run(GradientModels.StateSpaceGen(T), observations.Build(), Short));

        var n = T + 1; // z = (init, x_0, …, x_{T−1})
        var precision = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
        var linear = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(n);
        void Factor((int Index, double Coefficient)[] a, double c, double variance)
        {
            foreach (var (i, ai) in a)
            {
                linear[i] += ai * c / variance;
                foreach (var (j, aj) in a) precision[i, j] += ai * aj / variance;
            }
        }
        Factor([(0, 1)], 0, 4);
        for (var t = 0; t < T; t++)
        {
            Factor([(t + 1, 1), (t, -0.9)], 0.1 * t, 1);
            Factor([(t + 1, 1)], ys[t], 0.25);
        }
        Factor([(T, 1)], last, 1);
        var covariance = precision.Inverse();
        var mean = covariance * linear;

        var addresses = new[] { (Address)"init" }.Concat(Enumerable.Range(0, T).Select(t => Address.Of("chain", t, "x"))).ToArray();
        for (var k = 0; k < n; k++)
        {
            Assert.That(r.Mean(addresses[k]), Is.EqualTo(mean[k]).Within(5 * r.McseMean(addresses[k])), addresses[k].ToString());
            Assert.That(r.StandardDeviation(addresses[k]), Is.EqualTo(Math.Sqrt(covariance[k, k])).Within(0.1 * Math.Sqrt(covariance[k, k])), addresses[k].ToString());
        }
        Assert.That(r.Divergences, Is.EqualTo(0));
    }

    [Test]
    public void Draws_do_not_depend_on_the_core_count()
    {
        var observations = ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.1));
        var one = Seed(new Key(3), () => Nuts.Run(ConjugateModels.NormalNormalGen(2), observations, new NutsOptions { Warmup = 100, Samples = 50, Chains = 3, MaxDegreeOfParallelism = 1 }));
        var all = Seed(new Key(3), () => Nuts.Run(ConjugateModels.NormalNormalGen(2), observations, new NutsOptions { Warmup = 100, Samples = 50, Chains = 3 }));
        Assert.That(all.Draws<double>("mu"), Is.EqualTo(one.Draws<double>("mu")));
        var other = Seed(new Key(4), () => Nuts.Run(ConjugateModels.NormalNormalGen(2), observations, new NutsOptions { Warmup = 100, Samples = 50, Chains = 3 }));
        Assert.That(other.Draws<double>("mu"), Is.Not.EqualTo(one.Draws<double>("mu")));
    }

    [Test]
    public void A_funnel_s_neck_is_reported_as_divergences()
    {
        var r = Seed(new Key(5), () => Nuts.Run(GradientModels.FunnelGen(9), ChoiceMap.Empty, new NutsOptions { Warmup = 200, Samples = 500, Chains = 2 }));
        Assert.That(r.Divergences, Is.GreaterThan(0));
    }

    [Test]
    public void Progress_reaches_the_total_and_cancellation_stops_the_chains()
    {
        var observations = ChoiceMap.Of((("y", 0), 0.3), (("y", 1), 1.1));
        var reports = new List<InferenceProgress>();
        var progress = new Synchronous(p => { lock (reports) reports.Add(p); });
        Seed(new Key(6), () => Nuts.Run(ConjugateModels.NormalNormalGen(2), observations, new NutsOptions { Warmup = 200, Samples = 300, Chains = 2, Progress = progress }));
        Assert.That(reports, Is.Not.Empty);
        Assert.That(reports[^1], Is.EqualTo(new InferenceProgress("NUTS", 1000, 1000)));
        Assert.That(reports.Select(r => r.Completed), Is.Ordered);

        using var cancelled = new System.Threading.CancellationTokenSource();
        cancelled.Cancel();
        Assert.Catch<OperationCanceledException>(() => Seed(new Key(7), () =>
            Nuts.Run(ConjugateModels.NormalNormalGen(2), observations, new NutsOptions { Cancellation = cancelled.Token })));
        // Cancelled while running: a run of ten million iterations stops at the first report after the token is set.
        using var midway = new System.Threading.CancellationTokenSource();
        var stopping = new Synchronous(p => { if (p.Completed > 0) midway.Cancel(); });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Catch<OperationCanceledException>(() => Seed(new Key(8), () => Nuts.Run(ConjugateModels.NormalNormalGen(2), observations,
            new NutsOptions { Warmup = 5_000_000, Samples = 5_000_000, Chains = 2, Cancellation = midway.Token, Progress = stopping })));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)), "cancelled long before the end (the whole run would take hours)");
    }

    [Test]
    public void A_chain_s_error_is_thrown_as_it_is_with_or_without_progress()
    {
        // OfPair has no gradient body: the chains' NotSupportedException, not wrapped in an AggregateException.
        var plain = new NutsOptions { Warmup = 10, Samples = 10, Chains = 2 };
        Assert.Throws<NotSupportedException>(() => Seed(new Key(11), () => Nuts.Run(GradientModels.OfPairGen(), ChoiceMap.Empty, plain)));
        Assert.Throws<NotSupportedException>(() => Seed(new Key(11), () => Nuts.Run(GradientModels.OfPairGen(), ChoiceMap.Empty, plain with { Progress = new Synchronous(_ => { }) })));
    }

    [Test]
    public void Map_reports_progress_and_can_be_cancelled()
    {
        double[] ys = [1.2, 0.3, 2.1];
        var observations = ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var initial = Seed(new Key(9), () => ConjugateModels.NormalNormalGen(ys.Length).Importance(observations).Trace);
        var reports = new List<InferenceProgress>();
        var map = Seed(new Key(10), () => Optimize.Map(initial, Selection.Of("mu"), new InferenceOptions { Progress = new Synchronous(reports.Add) }));
        Assert.That(map.Get<double>("mu"), Is.EqualTo(Optimize.Map(initial, Selection.Of("mu")).Get<double>("mu")), "the same mode with options");
        Assert.That(reports.Count, Is.GreaterThan(1));
        Assert.That(reports[^1], Is.EqualTo(new InferenceProgress("MAP", 1000, 1000)));
        using var midway = new System.Threading.CancellationTokenSource();
        var stopping = new Synchronous(p => { if (p.Completed >= 2) midway.Cancel(); });
        Assert.Catch<OperationCanceledException>(() => Optimize.Map(initial, Selection.Of("mu"), new InferenceOptions { Cancellation = midway.Token, Progress = stopping }));
        Assert.Throws<ArgumentNullException>(() => Optimize.Map(initial, Selection.Of("mu"), null!));
    }

    /// <summary>An IProgress that reports on the reporting thread (Progress&lt;T&gt; posts to the thread pool, too late for a test).</summary>
    private sealed class Synchronous(Action<InferenceProgress> report) : IProgress<InferenceProgress>
    {
        public void Report(InferenceProgress value) => report(value);
    }

    [Test]
    public void Bad_input_is_a_clear_error()
    {
        double[] xs = [0, 1];
        Assert.Throws<NotSupportedException>(() => Seed(new Key(1), () => Nuts.Run(CombinatorModels.PointsGen(xs), ChoiceMap.Empty, Short)));
        // Unobserved flips are discrete latent choices: refused, naming the first (observed, they carry p's gradient: DiscreteParameterTests).
        Assert.That(Assert.Throws<NotSupportedException>(() => Seed(new Key(1), () => Nuts.Run(ConjugateModels.BetaBernoulliGen(2), ChoiceMap.Empty, Short)))!.Message,
            Does.Contain("'y[0]' is discrete (Boolean)"));
        // A vector with no gradient in its value (a distribution object's) is refused by name; mv_normal's and dirichlet's elements move (VectorChoiceTests).
        Assert.That(Assert.Throws<NotSupportedException>(() => Seed(new Key(1), () => Nuts.Run(GradientModels.WithVectorObjectGen(), ChoiceMap.Empty, Short)))!.Message,
            Does.Contain("'weights' is a vector (double[])").And.Contain("mv_normal"));
        var vector = Seed(new Key(1), () => Nuts.Run(GradientModels.WithVectorGen(), ChoiceMap.Of(("point", (object)new[] { 0.5, 1.5 })), Short));
        Assert.That(vector.Mean("x"), Is.EqualTo(2).Within(5 * vector.McseMean("x")), "the vector observed, the scalar moves");
        var observed = ChoiceMap.Of(("mu", 0.2), (("y", 0), 0.1));
        Assert.Throws<ArgumentException>(() => Seed(new Key(1), () => Nuts.Run(ConjugateModels.NormalNormalGen(1), observed, Short)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nuts.Run(ConjugateModels.NormalNormalGen(1), ChoiceMap.Empty, new NutsOptions { Chains = 0 }));
    }
}
