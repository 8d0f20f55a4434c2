using Gen.Inference;
using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Gradients;

/// <summary>
/// Gradients that flow from observed discrete choices into their continuous parameters (logistic and Poisson
/// regression): against central finite differences, and NUTS against the conjugate gamma–Poisson, beta–Bernoulli,
/// beta–binomial, beta–geometric and beta–negative-binomial posteriors (means 5 MCSE).
/// </summary>
public class DiscreteParameterTests
{
    private static readonly double[] Xs = [-2, -1, -0.5, 0, 0.5, 1, 2, 3];

    public static IEnumerable<TestCaseData> Models()
    {
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => GradientModels.LogisticRegressionGen(Xs)), new[] { "a", "b" }).SetArgDisplayNames("flip of a logistic");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => GradientModels.BernoulliRegressionGen(Xs)), new[] { "a", "b" }).SetArgDisplayNames("bernoulli of a [Differentiable] helper");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => GradientModels.PoissonRateGen(6)), new[] { "rate" }).SetArgDisplayNames("poisson of a rate");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => GradientModels.BinomialRateGen([3, 10, 1, 7])), new[] { "p" }).SetArgDisplayNames("binomial of a beta");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => GradientModels.GeometricRateGen(5)), new[] { "p" }).SetArgDisplayNames("geometric of a beta");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => GradientModels.BinomialRegressionGen(Xs)), new[] { "a", "b" }).SetArgDisplayNames("binomial of a [Differentiable] logistic");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => GradientModels.BinomialOfComputedTrialsGen(4)), new[] { "p" }).SetArgDisplayNames("binomial whose trials are computed from p");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => GradientModels.NegativeBinomialRateGen(5)), new[] { "r", "p" }).SetArgDisplayNames("neg_binom of a gamma r and a beta p");
    }

    [TestCaseSource(nameof(Models))]
    public void Gradients_into_a_discrete_choice_s_parameters_match_central_finite_differences(Func<GenerativeFunction<double>> model, string[] continuous)
    {
        for (ulong seed = 0; seed < 5; seed++)
        {
            var trace = Seed(new Key(500 + seed), () => model().Simulate());
            var gradients = trace.Gradients(Selection.Of(continuous.Select(c => (Address)c).ToArray()));
            foreach (var name in continuous)
            {
                var x = trace.Get<double>(name);
                var h = 1e-6 * Math.Max(1, Math.Abs(x));
                double LogJoint(double value) => model().Assess(ChoiceMap.Of(trace.Choices.Select(c => c.Address.Equals((Address)name) ? (c.Address, (object)value) : c).ToArray())).Weight;
                var numeric = (LogJoint(x + h) - LogJoint(x - h)) / (2 * h);
                Assert.That(gradients.Get<double>(name), Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"seed {seed}, ∂/∂{name}");
            }
        }
    }

    [Test]
    public void Nuts_samples_a_poisson_rate_from_its_conjugate_gamma_posterior()
    {
        int[] counts = [2, 0, 3, 1, 4, 2];
        var observations = ChoiceMap.Of(counts.Select((k, i) => ((Address)("k", i), (object)k)).ToArray());
        var r = Seed(new Key(31), () => Nuts.Run(GradientModels.PoissonRateGen(counts.Length), observations, new NutsOptions { Warmup = 500, Samples = 1000, Chains = 2 }));
        var (shape, scale) = (3.0 + counts.Sum(), 0.5 / (1 + 0.5 * counts.Length));
        Assert.That(r.Mean("rate"), Is.EqualTo(shape * scale).Within(5 * r.McseMean("rate")));
        Assert.That(r.StandardDeviation("rate"), Is.EqualTo(Math.Sqrt(shape) * scale).Within(0.1 * Math.Sqrt(shape) * scale), "sd (10 %: 2,000 draws)");
    }

    [Test]
    public void Nuts_samples_a_beta_bernoulli_posterior()
    {
        bool[] ys = [true, false, true, true, false, true, true];
        var observations = ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var r = Seed(new Key(33), () => Nuts.Run(ConjugateModels.BetaBernoulliGen(ys.Length), observations, new NutsOptions { Warmup = 500, Samples = 1000, Chains = 2 }));
        var (a, b) = (ConjugateModels.PriorA + ys.Count(y => y), ConjugateModels.PriorB + ys.Count(y => !y));
        Assert.That(r.Mean("p"), Is.EqualTo(a / (a + b)).Within(5 * r.McseMean("p")), "the conjugate Beta's mean");
    }

    [Test]
    public void Nuts_samples_a_beta_binomial_posterior()
    {
        int[] trials = [3, 10, 1, 7, 5], counts = [1, 4, 1, 2, 3];
        AssertConjugateBeta(GradientModels.BinomialRateGen(trials), counts, new Key(34), 2.0 + counts.Sum(), 3.0 + trials.Sum() - counts.Sum(), "Beta(2 + Σk, 3 + Σ(n − k))");
    }

    [Test]
    public void Nuts_samples_a_beta_geometric_posterior()
    {
        int[] counts = [0, 3, 1, 0, 5, 2];
        AssertConjugateBeta(GradientModels.GeometricRateGen(counts.Length), counts, new Key(35), 2.0 + counts.Length, 2.0 + counts.Sum(), "Beta(2 + N, 2 + Σk)");
    }

    [Test]
    public void Nuts_samples_a_beta_negative_binomial_posterior()
    {
        int[] counts = [4, 0, 7, 2, 3, 5];
        AssertConjugateBeta(GradientModels.NegativeBinomialOfKnownRGen(counts.Length), counts, new Key(36), 2.0 + 3 * counts.Length, 2.0 + counts.Sum(), "Beta(2 + 3N, 2 + Σk)");
    }

    /// <summary>NUTS (2 chains of 1,000 draws) on a beta prior of p observed through <paramref name="counts"/> at ("k", i): the conjugate Beta(a, b)'s mean within 5 MCSE, its sd within 10 %.</summary>
    private static void AssertConjugateBeta(GenerativeFunction<double> model, int[] counts, Key key, double a, double b, string posterior)
    {
        var observations = ChoiceMap.Of(counts.Select((k, i) => ((Address)("k", i), (object)k)).ToArray());
        var r = Seed(key, () => Nuts.Run(model, observations, new NutsOptions { Warmup = 500, Samples = 1000, Chains = 2 }));
        Assert.That(r.Mean("p"), Is.EqualTo(a / (a + b)).Within(5 * r.McseMean("p")), $"the conjugate {posterior}'s mean");
        var sd = Math.Sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
        Assert.That(r.StandardDeviation("p"), Is.EqualTo(sd).Within(0.1 * sd), "sd (10 %: 2,000 draws)");
    }

    [Test]
    public void Binomial_and_geometric_parameter_gradients_have_their_closed_forms()
    {
        Span<double> d = stackalloc double[2];
        new Binomial.Primitive(10, 0.3).LogDensityParameterGradient(4, d);
        Assert.That(d[0], Is.Zero, "n is an integer: no gradient");
        Assert.That(d[1], Is.EqualTo(4 / 0.3 - 6 / 0.7).Within(1e-12));
        new Binomial.Primitive(10, 1.0).LogDensityParameterGradient(10, d);
        Assert.That(d[1], Is.EqualTo(10.0), "p = 1, all successes: finite");
        new Binomial.Primitive(10, 0.3).LogDensityParameterGradient(11, d);
        Assert.That(d[1], Is.Zero, "outside the support");
        new Geometric.Primitive(0.25).LogDensityParameterGradient(3, d[..1]);
        Assert.That(d[0], Is.EqualTo(4 - 3 / 0.75).Within(1e-12));
        new NegativeBinomial.Primitive(2.5, 0.4).LogDensityParameterGradient(0, d);
        Assert.That(d[0], Is.EqualTo(Math.Log(0.4)).Within(1e-12), "k = 0: ∂/∂r is log p");
        Assert.That(d[1], Is.EqualTo(2.5 / 0.4).Within(1e-12));
        new NegativeBinomial.Primitive(2, 0.4).LogDensityParameterGradient(2, d);
        Assert.That(d[0], Is.EqualTo(1 / 2.0 + 1 / 3.0 + Math.Log(0.4)).Within(1e-12), "ψ(4) − ψ(2) = 1/2 + 1/3");
        Assert.That(d[1], Is.EqualTo(2 / 0.4 - 2 / 0.6).Within(1e-12));
        // Where the density is zero the gradient is 0, never ±∞ (the zeros found without computing the density).
        new NegativeBinomial.Primitive(2, 1).LogDensityParameterGradient(1, d);
        Assert.That(d.ToArray(), Is.EqualTo(new[] { 0.0, 0.0 }), "neg_binom, p = 1: no failures possible");
        new Binomial.Primitive(10, 0).LogDensityParameterGradient(3, d);
        Assert.That(d[1], Is.Zero, "binomial, p = 0, k > 0");
        new Geometric.Primitive(1).LogDensityParameterGradient(2, d[..1]);
        Assert.That(d[0], Is.Zero, "geometric, p = 1, k > 0");
        new Poisson.Primitive(0).LogDensityParameterGradient(2, d[..1]);
        Assert.That(d[0], Is.Zero, "poisson, rate 0, k > 0");
        new Poisson.Primitive(0).LogDensityParameterGradient(0, d[..1]);
        Assert.That(d[0], Is.EqualTo(-1.0), "poisson, rate 0, k = 0: possible, ∂/∂λ = −1");
        new Flip.Primitive(0).LogDensityParameterGradient(true, d[..1]);
        Assert.That(d[0], Is.Zero, "flip, p = 0, true");
        new Flip.Primitive(1).LogDensityParameterGradient(true, d[..1]);
        Assert.That(d[0], Is.EqualTo(1.0), "flip, p = 1, true: 1/p");
        Assert.That(() => default(Binomial.Primitive).Create([2.5, 0.5]), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("non-negative integer"));
    }

    [Test]
    public void Nuts_runs_a_logistic_regression()
    {
        bool[] ys = [false, false, true, false, true, true, true, true];
        var observations = ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var r = Seed(new Key(32), () => Nuts.Run(GradientModels.LogisticRegressionGen(Xs), observations, new NutsOptions { Warmup = 500, Samples = 1000, Chains = 2 }));
        Assert.That(r.Addresses, Is.EqualTo(new Address[] { "a", "b" }));
        Assert.That(r.Divergences, Is.Zero);
        Assert.That(r.RHat("b"), Is.LessThan(1.01));
        // The exact posterior means by quadrature on a 400 × 400 grid over [−8, 8]² (the prior's sd is 2: the tails past
        // 4 sd hold nothing the 5-MCSE tolerance could see).
        double sum = 0, meanA = 0, meanB = 0;
        for (var i = 0; i < 400; i++)
            for (var j = 0; j < 400; j++)
            {
                double a = -8 + (i + 0.5) * 0.04, b = -8 + (j + 0.5) * 0.04;
                var logP = Normal.LogDensity(a, 0, 2) + Normal.LogDensity(b, 0, 2);
                for (var n = 0; n < Xs.Length; n++) logP += Flip.LogDensity(ys[n], 1 / (1 + Math.Exp(-(a + b * Xs[n]))));
                var p = Math.Exp(logP);
                (sum, meanA, meanB) = (sum + p, meanA + p * a, meanB + p * b);
            }
        Assert.That(r.Mean("a"), Is.EqualTo(meanA / sum).Within(5 * r.McseMean("a")), "a: the quadrature's mean");
        Assert.That(r.Mean("b"), Is.EqualTo(meanB / sum).Within(5 * r.McseMean("b")), "b: the quadrature's mean");
    }
}
