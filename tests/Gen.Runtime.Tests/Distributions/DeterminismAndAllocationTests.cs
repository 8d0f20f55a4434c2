using static Gen.Distributions;

namespace Gen.Tests.Distributions;

/// <summary>Same key, same sample (bitwise); instance and static samplers agree; scalar samplers allocate nothing.</summary>
public class DeterminismAndAllocationTests
{
    private static IEnumerable<TestCaseData> All()
    {
        yield return new TestCaseData((Func<Key, object>)(k => normal(0, 1).Sample(k)), (Func<Key, object>)(k => Normal.Sample(k, 0, 1))).SetArgDisplayNames("normal");
        yield return new TestCaseData((Func<Key, object>)(k => uniform(-1, 2).Sample(k)), (Func<Key, object>)(k => Uniform.Sample(k, -1, 2))).SetArgDisplayNames("uniform");
        yield return new TestCaseData((Func<Key, object>)(k => beta(0.3, 2).Sample(k)), (Func<Key, object>)(k => Beta.Sample(k, 0.3, 2))).SetArgDisplayNames("beta");
        yield return new TestCaseData((Func<Key, object>)(k => gamma(0.7, 2).Sample(k)), (Func<Key, object>)(k => Gamma.Sample(k, 0.7, 2))).SetArgDisplayNames("gamma");
        yield return new TestCaseData((Func<Key, object>)(k => exponential(3).Sample(k)), (Func<Key, object>)(k => Exponential.Sample(k, 3))).SetArgDisplayNames("exponential");
        yield return new TestCaseData((Func<Key, object>)(k => flip(0.4).Sample(k)), (Func<Key, object>)(k => Flip.Sample(k, 0.4))).SetArgDisplayNames("flip");
        yield return new TestCaseData((Func<Key, object>)(k => bernoulli(0.4).Sample(k)), (Func<Key, object>)(k => Bernoulli.Sample(k, 0.4))).SetArgDisplayNames("bernoulli");
        yield return new TestCaseData((Func<Key, object>)(k => categorical([0.2, 0.8]).Sample(k)), (Func<Key, object>)(k => Categorical.Sample(k, [0.2, 0.8]))).SetArgDisplayNames("categorical");
        yield return new TestCaseData((Func<Key, object>)(k => poisson(40).Sample(k)), (Func<Key, object>)(k => Poisson.Sample(k, 40))).SetArgDisplayNames("poisson");
        yield return new TestCaseData((Func<Key, object>)(k => binomial(100, 0.4).Sample(k)), (Func<Key, object>)(k => Binomial.Sample(k, 100, 0.4))).SetArgDisplayNames("binomial");
        yield return new TestCaseData((Func<Key, object>)(k => dirichlet([1, 2, 3]).Sample(k)), (Func<Key, object>)(k => Dirichlet.Sample(k, [1, 2, 3]))).SetArgDisplayNames("dirichlet");
        yield return new TestCaseData((Func<Key, object>)(k => mv_normal([0, 1], new double[,] { { 1, 0.2 }, { 0.2, 1 } }).Sample(k)), (Func<Key, object>)(k => MvNormal.Sample(k, [0, 1], new double[,] { { 1, 0.2 }, { 0.2, 1 } }))).SetArgDisplayNames("mv_normal");
        yield return new TestCaseData((Func<Key, object>)(k => laplace(0, 1).Sample(k)), (Func<Key, object>)(k => Laplace.Sample(k, 0, 1))).SetArgDisplayNames("laplace");
        yield return new TestCaseData((Func<Key, object>)(k => cauchy(0, 1).Sample(k)), (Func<Key, object>)(k => Cauchy.Sample(k, 0, 1))).SetArgDisplayNames("cauchy");
        yield return new TestCaseData((Func<Key, object>)(k => student_t(3, 0, 1).Sample(k)), (Func<Key, object>)(k => StudentT.Sample(k, 3, 0, 1))).SetArgDisplayNames("student_t");
        yield return new TestCaseData((Func<Key, object>)(k => inverse_gamma(3, 1).Sample(k)), (Func<Key, object>)(k => InverseGamma.Sample(k, 3, 1))).SetArgDisplayNames("inverse_gamma");
        yield return new TestCaseData((Func<Key, object>)(k => geometric(0.2).Sample(k)), (Func<Key, object>)(k => Geometric.Sample(k, 0.2))).SetArgDisplayNames("geometric");
        yield return new TestCaseData((Func<Key, object>)(k => half_normal(2).Sample(k)), (Func<Key, object>)(k => HalfNormal.Sample(k, 2))).SetArgDisplayNames("half_normal");
        yield return new TestCaseData((Func<Key, object>)(k => half_cauchy(2).Sample(k)), (Func<Key, object>)(k => HalfCauchy.Sample(k, 2))).SetArgDisplayNames("half_cauchy");
        yield return new TestCaseData((Func<Key, object>)(k => lognormal(0.5, 1).Sample(k)), (Func<Key, object>)(k => LogNormal.Sample(k, 0.5, 1))).SetArgDisplayNames("lognormal");
        yield return new TestCaseData((Func<Key, object>)(k => truncated_normal(0, 1, -1, 2).Sample(k)), (Func<Key, object>)(k => TruncatedNormal.Sample(k, 0, 1, -1, 2))).SetArgDisplayNames("truncated_normal");
        yield return new TestCaseData((Func<Key, object>)(k => truncated_normal(0, 1, 10, double.PositiveInfinity).Sample(k)), (Func<Key, object>)(k => TruncatedNormal.Sample(k, 0, 1, 10, double.PositiveInfinity))).SetArgDisplayNames("truncated_normal tail");
        yield return new TestCaseData((Func<Key, object>)(k => uniform_discrete(-5, 5).Sample(k)), (Func<Key, object>)(k => UniformDiscrete.Sample(k, -5, 5))).SetArgDisplayNames("uniform_discrete");
        yield return new TestCaseData((Func<Key, object>)(k => piecewise_uniform([0, 1, 3], [0.3, 0.7]).Sample(k)), (Func<Key, object>)(k => PiecewiseUniform.Sample(k, [0, 1, 3], [0.3, 0.7]))).SetArgDisplayNames("piecewise_uniform");
        yield return new TestCaseData((Func<Key, object>)(k => neg_binom(2.5, 0.3).Sample(k)), (Func<Key, object>)(k => NegativeBinomial.Sample(k, 2.5, 0.3))).SetArgDisplayNames("neg_binom");
    }

    private static object Bitwise(object x) => x switch
    {
        double d => BitConverter.DoubleToInt64Bits(d),
        double[] a => string.Join(",", a.Select(BitConverter.DoubleToInt64Bits)),
        _ => x,
    };

    [TestCaseSource(nameof(All))]
    public void Same_key_gives_the_same_sample_bitwise_from_instance_and_static_samplers(Func<Key, object> instance, Func<Key, object> stat)
    {
        var root = new Key(77);
        for (uint i = 0; i < 200; i++)
        {
            var key = root.FoldIn(i);
            var a = Bitwise(instance(key));
            Assert.That(Bitwise(instance(new Key(key.Words.K0, key.Words.K1))), Is.EqualTo(a));
            Assert.That(Bitwise(stat(key)), Is.EqualTo(a));
        }
        // Different keys give different values (at least somewhere among 200).
        Assert.That(Enumerable.Range(0, 200).Select(i => Bitwise(instance(root.FoldIn((uint)i))).ToString()).Distinct().Count(), Is.GreaterThan(1));
    }

    [Test]
    public void Factories_name_their_distributions()
    {
        var names = new object[]
        {
            normal(0, 1), uniform(0, 1), beta(1, 1), gamma(1, 1), exponential(1), flip(0.5), bernoulli(0.5),
            categorical([1.0]), poisson(1), binomial(1, 0.5), dirichlet([1, 1]),
            mv_normal([0], new double[,] { { 1 } }), laplace(0, 1), cauchy(0, 1), student_t(1, 0, 1),
            inverse_gamma(1, 1), geometric(0.5), half_normal(1), half_cauchy(1), lognormal(0, 1),
            truncated_normal(0, 1, 0, 1), uniform_discrete(0, 1), piecewise_uniform([0, 1], [1]), neg_binom(1, 0.5),
        }.Select(d => (string)d.GetType().GetProperty("Name")!.GetValue(d)!);
        Assert.That(names, Is.EqualTo(new[]
        {
            "normal", "uniform", "beta", "gamma", "exponential", "flip", "bernoulli", "categorical", "poisson",
            "binomial", "dirichlet", "mv_normal", "laplace", "cauchy", "student_t", "inverse_gamma", "geometric",
            "half_normal", "half_cauchy", "lognormal", "truncated_normal", "uniform_discrete", "piecewise_uniform",
            "neg_binom",
        }));
        Assert.That(gamma(2, 3).ToString(), Is.EqualTo("gamma(2, 3)"));
        Assert.That(categorical([0.25, 0.75]).ToString(), Is.EqualTo("categorical([0.25, 0.75])"));
        Assert.That(truncated_normal(0, 1, 2, double.PositiveInfinity).ToString(), Is.EqualTo("truncated_normal(0, 1, 2, Infinity)"));
        Assert.That(piecewise_uniform([0, 1, 3], [0.25, 0.75]).ToString(), Is.EqualTo("piecewise_uniform([0, 1, 3], [0.25, 0.75])"));
        Assert.That(neg_binom(2.5, 0.5).ToString(), Is.EqualTo("neg_binom(2.5, 0.5)"));
    }

    [Test]
    public void Scalar_samplers_allocate_nothing()
    {
        double[] probs = [0.1, 0.2, 0.3, 0.4];
        double[] bounds = [0, 1, 2, 4, 8];
        var root = new Key(5);
        double sink = 0;
        void Run(int n)
        {
            for (uint i = 0; i < n; i++)
            {
                var k = root.FoldIn(i);
                sink += Normal.Sample(k, 0, 1) + Uniform.Sample(k, 0, 1) + Beta.Sample(k, 0.5, 2) + Gamma.Sample(k, 0.3, 1)
                    + Gamma.Sample(k, 3, 1) + Exponential.Sample(k, 1) + (Flip.Sample(k, 0.5) ? 1 : 0)
                    + (Bernoulli.Sample(k, 0.5) ? 1 : 0) + Categorical.Sample(k, probs) + Poisson.Sample(k, 3)
                    + Poisson.Sample(k, 300) + Binomial.Sample(k, 10, 0.3) + Binomial.Sample(k, 1000, 0.3)
                    + Laplace.Sample(k, 0, 1) + Cauchy.Sample(k, 0, 1) + StudentT.Sample(k, 3, 0, 1)
                    + InverseGamma.Sample(k, 3, 1) + Geometric.Sample(k, 0.3);
                sink += HalfNormal.Sample(k, 1) + HalfCauchy.Sample(k, 1) + LogNormal.Sample(k, 0, 1)
                    + TruncatedNormal.Sample(k, 0, 1, -0.5, 1) + TruncatedNormal.Sample(k, 0, 1, -1, 2)
                    + TruncatedNormal.Sample(k, 0, 1, 10, double.PositiveInfinity) + TruncatedNormal.Sample(k, 0, 1, 3, 3.2)
                    + TruncatedNormal.Sample(k, 0, 1, double.NegativeInfinity, -2) + UniformDiscrete.Sample(k, -3, 9)
                    + PiecewiseUniform.Sample(k, bounds, probs) + NegativeBinomial.Sample(k, 2.5, 0.3)
                    + NegativeBinomial.Sample(k, 0.5, 0.01);
                sink += Normal.LogDensity(0.5, 0, 1) + Beta.LogDensity(0.5, 2, 2) + Gamma.LogDensity(1, 2, 1)
                    + Poisson.LogDensity(3, 2) + Binomial.LogDensity(3, 10, 0.3) + Categorical.LogDensity(2, probs)
                    + StudentT.LogDensity(1, 3, 0, 1) + InverseGamma.LogDensity(1, 2, 1) + Geometric.LogDensity(2, 0.3);
                sink += HalfNormal.LogDensity(1, 2) + HalfCauchy.LogDensity(1, 2) + LogNormal.LogDensity(1, 0, 1)
                    + TruncatedNormal.LogDensity(0.5, 0, 1, -1, 2) + TruncatedNormal.LogDensity(40.1, 0, 1, 40, double.PositiveInfinity)
                    + TruncatedNormal.LogDensity(1, 0, 1, 1, 1.0001) + UniformDiscrete.LogDensity(3, -3, 9)
                    + PiecewiseUniform.LogDensity(3, bounds, probs) + NegativeBinomial.LogDensity(4, 2.5, 0.3);
            }
        }
        Run(1_000); // warm up (JIT)
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(10_000);
        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(after - before, Is.EqualTo(0), "bytes allocated by 10,000 rounds of scalar Sample and LogDensity calls");
        Assert.That(double.IsNaN(sink), Is.False);
    }
}
