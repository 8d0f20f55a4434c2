using Gen.Inference;
using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Gradients;

/// <summary>
/// HMC and MALA leave conjugate posteriors invariant: chain means within 5 Monte Carlo standard errors (ESS-based MCSE
/// from the chain's draws), on fixed keys. MAP finds the closed-form mode. HMC-within-SIR keeps the evidence estimate.
/// </summary>
public class GradientKernelTests
{
    private static readonly double[] Ys = [1.2, 0.3, 2.1, 0.8, 1.7];
    private static ChoiceMap Observations => ChoiceMap.Of(Ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());

    private static (double Mean, double Sd) Posterior()
    {
        var precision = 1 / (ConjugateModels.PriorSd * ConjugateModels.PriorSd) + Ys.Length;
        return ((ConjugateModels.PriorMean / (ConjugateModels.PriorSd * ConjugateModels.PriorSd) + Ys.Sum()) / precision, Math.Sqrt(1 / precision));
    }

    private static void StationaryAt(Func<Trace<double>, (Trace<double>, bool)> kernel, ulong seed)
    {
        var (mean, _) = Posterior();
        var model = ConjugateModels.NormalNormalGen(Ys.Length);
        var initial = Seed(new Key(seed), () => model.Importance(Observations).Trace);
        var chain = Seed(new Key(seed + 1), () => Mcmc.Run(initial, 4_000, kernel, new McmcOptions { BurnIn = 200 }));
        var draws = chain.Samples.Select(t => t.Get<double>("mu")).ToArray();
        var mcse = McmcDiagnostics.McseMean([draws]);
        Assert.That(draws.Average(), Is.EqualTo(mean).Within(5 * mcse), $"MCSE {mcse}");
    }

    [Test]
    public void Hmc_leaves_the_posterior_invariant() => StationaryAt(t => Mcmc.Hmc(t, Selection.Of("mu"), steps: 8, stepSize: 0.15), 10);

    [Test]
    public void Mala_leaves_the_posterior_invariant() => StationaryAt(t => Mcmc.Mala(t, Selection.Of("mu"), stepSize: 0.5), 20);

    [Test]
    public void Hmc_on_a_positive_parameter_stays_in_its_support()
    {
        double[] ys = [0.4, -1.1, 0.9, 0.2, -0.3, 1.5, -0.7, 0.1];
        var observations = ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var model = GradientModels.PrecisionGen(ys.Length);
        var initial = Seed(new Key(3), () => model.Importance(observations).Trace);
        var chain = Seed(new Key(4), () => Mcmc.Run(initial, 3_000, t => Mcmc.Hmc(t, Selection.Of("tau"), steps: 5, stepSize: 0.3), new McmcOptions { BurnIn = 200 }));
        var draws = chain.Samples.Select(t => t.Get<double>("tau")).ToArray();
        Assert.That(draws.Min(), Is.GreaterThan(0));
        var shape = 3 + ys.Length / 2.0;
        var rate = 2 + ys.Sum(y => y * y) / 2;
        Assert.That(draws.Average(), Is.EqualTo(shape / rate).Within(5 * McmcDiagnostics.McseMean([draws])));
    }

    /// <summary>
    /// HMC on a mixture's value with its component held: given component 1 (N(3, 1.5)) and y = 0.5 observed with sd 1,
    /// the value's posterior is the conjugate normal, precision 1/1.5² + 1 and mean (3/1.5² + 0.5) / precision.
    /// </summary>
    [Test]
    public void Hmc_on_a_mixture_s_value_leaves_its_conditional_posterior_invariant()
    {
        var model = GradientModels.NoisyMixtureGen();
        var observed = ChoiceMap.Of((("x", "component"), 1), ("y", 0.5));
        var initial = Seed(new Key(30), () => model.Importance(observed).Trace);
        var value = Selection.Of(("x", "value"));
        var chain = Seed(new Key(31), () => Mcmc.Run(initial, 4_000, t => Mcmc.Hmc(t, value, steps: 8, stepSize: 0.2), new McmcOptions { BurnIn = 200 }));
        var draws = chain.Samples.Select(t => t.Get<double>(("x", "value"))).ToArray();
        Assert.That(chain.Samples.All(t => t.Get<int>(("x", "component")) == 1), Is.True, "the component is held");
        var precision = 1 / (1.5 * 1.5) + 1;
        var mean = (3 / (1.5 * 1.5) + 0.5) / precision;
        Assert.That(draws.Average(), Is.EqualTo(mean).Within(5 * McmcDiagnostics.McseMean([draws])));
        Assert.That(chain.AcceptanceRate, Is.GreaterThan(0.5), "the gradient leads the leapfrog (a wrong one is rejected)");
    }

    [Test]
    public void Map_finds_the_posterior_mode()
    {
        var model = ConjugateModels.NormalNormalGen(Ys.Length);
        var initial = Seed(new Key(5), () => model.Importance(Observations).Trace);
        var map = Seed(new Key(6), () => Optimize.Map(initial, Selection.Of("mu")));
        Assert.That(map.Get<double>("mu"), Is.EqualTo(Posterior().Mean).Within(1e-6));
        // On a positive scale the mode of the density itself (no Jacobian): Gamma(shape, rate) has mode (shape − 1)/rate.
        double[] ys = [0.4, -1.1, 0.9, 0.2];
        var precision = GradientModels.PrecisionGen(ys.Length);
        var start = Seed(new Key(7), () => precision.Importance(ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray())).Trace);
        var mode = Seed(new Key(8), () => Optimize.Map(start, Selection.Of("tau")));
        Assert.That(mode.Get<double>("tau"), Is.EqualTo((3 + ys.Length / 2.0 - 1) / (2 + ys.Sum(y => y * y) / 2)).Within(1e-6));
    }

    [Test]
    public void Hmc_within_sir_rejuvenates_every_particle_and_keeps_the_weights()
    {
        var model = ConjugateModels.NormalNormalGen(Ys.Length);
        var particles = Seed(new Key(9), () => model.ImportanceK(500, Observations));
        var moved = Seed(new Key(10), () => particles.Rejuvenate(t => Mcmc.Hmc(t, Selection.Of("mu"), steps: 5, stepSize: 0.2).Trace));
        Assert.That(moved.LogWeights, Is.EqualTo(particles.LogWeights));
        Assert.That(Enumerable.Range(0, moved.Count).Count(i => moved.Traces[i].Get<double>("mu") != particles.Traces[i].Get<double>("mu")), Is.GreaterThan(400));
        var (mean, sd) = Posterior();
        Assert.That(moved.Resample().Mean(t => t.Get<double>("mu")), Is.EqualTo(mean).Within(5 * sd / Math.Sqrt(100)));
    }
}
