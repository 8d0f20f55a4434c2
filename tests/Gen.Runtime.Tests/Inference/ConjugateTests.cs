using Gen.Tests.Models;
using MathNet.Numerics;
using static Gen.Transforms;

namespace Gen.Tests.Inference;

/// <summary>
/// Importance sampling with the prior as proposal against closed-form posteriors and evidence, through the
/// reference interpreter and through the generated code. K = 10,000 particles, fixed keys.
/// </summary>
public class ConjugateTests
{
    private const int K = 10_000;
    private static readonly bool[] Flips = [true, false, true, true, false, true, true, true, false, true];
    private static readonly double[] Ys = [1.2, 0.4, 2.1, 1.7, 0.9];

    public static IEnumerable<TestCaseData> BetaBernoulliFunctions()
    {
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => ConjugateModels.BetaBernoulliGen(Flips.Length))).SetArgDisplayNames("generated");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() =>
            new InterpretedFunction<double>("BetaBernoulli", () => ConjugateModels.BetaBernoulli(Flips.Length)))).SetArgDisplayNames("interpreted");
    }

    public static IEnumerable<TestCaseData> NormalNormalFunctions()
    {
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => ConjugateModels.NormalNormalGen(Ys.Length))).SetArgDisplayNames("generated");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() =>
            new InterpretedFunction<double>("NormalNormal", () => ConjugateModels.NormalNormal(Ys.Length)))).SetArgDisplayNames("interpreted");
    }

    [TestCaseSource(nameof(BetaBernoulliFunctions))]
    public void Beta_bernoulli_posterior_mean_and_evidence(Func<GenerativeFunction<double>> model)
    {
        var observations = ChoiceMap.Of(Flips.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var particles = Seed(new Key(11), () => model().ImportanceK(K, observations));

        var heads = Flips.Count(f => f);
        var a = ConjugateModels.PriorA + heads;
        var b = ConjugateModels.PriorB + Flips.Length - heads;
        var exactMean = a / (a + b);
        var exactLogEvidence = SpecialFunctions.BetaLn(a, b) - SpecialFunctions.BetaLn(ConjugateModels.PriorA, ConjugateModels.PriorB);

        AssertPosteriorMean(particles, t => t.Retval, exactMean);
        Assert.That(particles.LogMarginalLikelihood(), Is.EqualTo(exactLogEvidence).Within(0.05));
    }

    [TestCaseSource(nameof(NormalNormalFunctions))]
    public void Normal_normal_posterior_mean_and_evidence(Func<GenerativeFunction<double>> model)
    {
        var observations = ChoiceMap.Of(Ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
        var particles = Seed(new Key(12), () => model().ImportanceK(K, observations));

        double s0 = ConjugateModels.PriorSd, s = ConjugateModels.NoiseSd, m0 = ConjugateModels.PriorMean;
        var n = Ys.Length;
        var precision = 1 / (s0 * s0) + n / (s * s);
        var exactMean = (m0 / (s0 * s0) + Ys.Sum() / (s * s)) / precision;
        AssertPosteriorMean(particles, t => t.Retval, exactMean);
        Assert.That(particles.LogMarginalLikelihood(), Is.EqualTo(NormalNormalLogEvidence(Ys, m0, s0, s)).Within(0.05));
    }

    /// <summary>
    /// Self-normalised importance sampling: the estimate's standard error is sqrt(Σ w̄ᵢ² (xᵢ − x̂)²) (delta method);
    /// the estimate must lie within 5 of them of the exact posterior mean.
    /// </summary>
    private static void AssertPosteriorMean(Particles<double> particles, Func<Trace<double>, double> f, double exact)
    {
        var weights = particles.NormalizedWeights();
        var estimate = particles.Mean(f);
        var se = Math.Sqrt(particles.Traces.Select((t, i) => weights[i] * weights[i] * Math.Pow(f(t) - estimate, 2)).Sum());
        Assert.That(se, Is.GreaterThan(0).And.LessThan(0.05), "standard error");
        Assert.That(estimate, Is.EqualTo(exact).Within(5 * se));
    }

    /// <summary>log N(y; m0·1, s²I + s0²·11ᵀ), by Sherman–Morrison and the matrix determinant lemma.</summary>
    public static double NormalNormalLogEvidence(double[] y, double m0, double s0, double s)
    {
        var n = y.Length;
        var d = y.Select(v => v - m0).ToArray();
        var sum = d.Sum();
        var c = s0 * s0 / (s * s + n * s0 * s0);
        var quadratic = (d.Sum(v => v * v) - c * sum * sum) / (s * s);
        var logDet = 2 * n * Math.Log(s) + Math.Log(1 + n * s0 * s0 / (s * s));
        return -0.5 * (n * Math.Log(2 * Math.PI) + logDet + quadratic);
    }
}
