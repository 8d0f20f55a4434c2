using static Gen.Distributions;

namespace Gen.Tests.Distributions;

/// <summary>
/// Invalid parameters throw <see cref="ArgumentOutOfRangeException"/> naming the parameter — from the factory (and
/// so the constructor) and from the static Sample and LogDensity that generated code calls directly.
/// </summary>
public class ParameterValidationTests
{
    private static readonly Key K = new(1);
    private const double Nan = double.NaN;
    private const double Inf = double.PositiveInfinity;

    private static TestCaseData Case(string name, string param, TestDelegate factory, TestDelegate sample, TestDelegate score) =>
        new TestCaseData(param, factory, sample, score).SetArgDisplayNames(name);

    private static IEnumerable<TestCaseData> Invalid()
    {
        yield return Case("normal sigma 0", "sigma", () => normal(0, 0), () => Normal.Sample(K, 0, 0), () => Normal.LogDensity(0, 0, 0));
        yield return Case("normal mu NaN", "mu", () => normal(Nan, 1), () => Normal.Sample(K, Nan, 1), () => Normal.LogDensity(0, Nan, 1));
        yield return Case("uniform hi = lo", "hi", () => uniform(1, 1), () => Uniform.Sample(K, 1, 1), () => Uniform.LogDensity(0, 1, 1));
        yield return Case("uniform hi < lo", "hi", () => uniform(2, 1), () => Uniform.Sample(K, 2, 1), () => Uniform.LogDensity(0, 2, 1));
        yield return Case("uniform lo -inf", "lo", () => uniform(-Inf, 1), () => Uniform.Sample(K, -Inf, 1), () => Uniform.LogDensity(0, -Inf, 1));
        yield return Case("uniform width overflows", "hi", () => uniform(-1e308, 1e308), () => Uniform.Sample(K, -1e308, 1e308), () => Uniform.LogDensity(0, -1e308, 1e308));
        yield return Case("beta a 0", "a", () => beta(0, 1), () => Beta.Sample(K, 0, 1), () => Beta.LogDensity(0.5, 0, 1));
        yield return Case("beta b -1", "b", () => beta(1, -1), () => Beta.Sample(K, 1, -1), () => Beta.LogDensity(0.5, 1, -1));
        yield return Case("gamma shape 0", "shape", () => gamma(0, 1), () => Gamma.Sample(K, 0, 1), () => Gamma.LogDensity(1, 0, 1));
        yield return Case("gamma scale inf", "scale", () => gamma(1, Inf), () => Gamma.Sample(K, 1, Inf), () => Gamma.LogDensity(1, 1, Inf));
        yield return Case("exponential rate 0", "rate", () => exponential(0), () => Exponential.Sample(K, 0), () => Exponential.LogDensity(1, 0));
        yield return Case("exponential rate NaN", "rate", () => exponential(Nan), () => Exponential.Sample(K, Nan), () => Exponential.LogDensity(1, Nan));
        yield return Case("flip p 1.5", "p", () => flip(1.5), () => Flip.Sample(K, 1.5), () => Flip.LogDensity(true, 1.5));
        yield return Case("flip p NaN", "p", () => flip(Nan), () => Flip.Sample(K, Nan), () => Flip.LogDensity(true, Nan));
        yield return Case("bernoulli p -0.1", "p", () => bernoulli(-0.1), () => Bernoulli.Sample(K, -0.1), () => Bernoulli.LogDensity(true, -0.1));
        yield return Case("categorical empty", "probs", () => categorical([]), () => Categorical.Sample(K, []), () => Categorical.LogDensity(0, []));
        yield return Case("categorical negative", "probs", () => categorical([-0.5, 1.5]), () => Categorical.Sample(K, [-0.5, 1.5]), () => Categorical.LogDensity(0, [-0.5, 1.5]));
        yield return Case("categorical NaN", "probs", () => categorical([Nan, 1]), () => Categorical.Sample(K, [Nan, 1]), () => Categorical.LogDensity(0, [Nan, 1]));
        yield return Case("categorical sum 0.9", "probs", () => categorical([0.4, 0.5]), () => Categorical.Sample(K, [0.4, 0.5]), () => Categorical.LogDensity(0, [0.4, 0.5]));
        yield return Case("categorical sum 1 + 1e-8", "probs", () => categorical([0.5, 0.5 + 1e-8]), () => Categorical.Sample(K, [0.5, 0.5 + 1e-8]), () => Categorical.LogDensity(0, [0.5, 0.5 + 1e-8]));
        yield return Case("poisson rate -1", "rate", () => poisson(-1), () => Poisson.Sample(K, -1), () => Poisson.LogDensity(0, -1));
        yield return Case("poisson rate too large", "rate", () => poisson(2e9), () => Poisson.Sample(K, 2e9), () => Poisson.LogDensity(0, 2e9));
        yield return Case("binomial n -1", "n", () => binomial(-1, 0.5), () => Binomial.Sample(K, -1, 0.5), () => Binomial.LogDensity(0, -1, 0.5));
        yield return Case("binomial p 2", "p", () => binomial(3, 2), () => Binomial.Sample(K, 3, 2), () => Binomial.LogDensity(0, 3, 2));
        yield return Case("dirichlet empty", "alpha", () => dirichlet([]), () => Dirichlet.Sample(K, []), () => Dirichlet.LogDensity([], []));
        yield return Case("dirichlet zero", "alpha", () => dirichlet([1, 0]), () => Dirichlet.Sample(K, [1, 0]), () => Dirichlet.LogDensity([0.5, 0.5], [1, 0]));
        yield return Case("mv_normal mean NaN", "mean", () => mv_normal([Nan], new double[,] { { 1 } }), () => MvNormal.Sample(K, [Nan], new double[,] { { 1 } }), () => MvNormal.LogDensity([0], [Nan], new double[,] { { 1 } }));
        yield return Case("mv_normal empty mean", "mean", () => mv_normal([], new double[0, 0]), () => MvNormal.Sample(K, [], new double[0, 0]), () => MvNormal.LogDensity([], [], new double[0, 0]));
        yield return Case("mv_normal cov wrong shape", "cov", () => mv_normal([0, 0], new double[,] { { 1 } }), () => MvNormal.Sample(K, [0, 0], new double[,] { { 1 } }), () => MvNormal.LogDensity([0, 0], [0, 0], new double[,] { { 1 } }));
        yield return Case("mv_normal cov not symmetric", "cov", () => mv_normal([0, 0], new double[,] { { 1, 0.5 }, { 0.4, 1 } }), () => MvNormal.Sample(K, [0, 0], new double[,] { { 1, 0.5 }, { 0.4, 1 } }), () => MvNormal.LogDensity([0, 0], [0, 0], new double[,] { { 1, 0.5 }, { 0.4, 1 } }));
        yield return Case("mv_normal cov indefinite", "cov", () => mv_normal([0, 0], new double[,] { { 1, 2 }, { 2, 1 } }), () => MvNormal.Sample(K, [0, 0], new double[,] { { 1, 2 }, { 2, 1 } }), () => MvNormal.LogDensity([0, 0], [0, 0], new double[,] { { 1, 2 }, { 2, 1 } }));
        yield return Case("mv_normal cov singular", "cov", () => mv_normal([0, 0], new double[,] { { 1, 1 }, { 1, 1 } }), () => MvNormal.Sample(K, [0, 0], new double[,] { { 1, 1 }, { 1, 1 } }), () => MvNormal.LogDensity([0, 0], [0, 0], new double[,] { { 1, 1 }, { 1, 1 } }));
        yield return Case("mv_normal cov negative diagonal", "cov", () => mv_normal([0], new double[,] { { -1 } }), () => MvNormal.Sample(K, [0], new double[,] { { -1 } }), () => MvNormal.LogDensity([0], [0], new double[,] { { -1 } }));
        yield return Case("mv_normal cov NaN", "cov", () => mv_normal([0, 0], new double[,] { { 1, Nan }, { Nan, 1 } }), () => MvNormal.Sample(K, [0, 0], new double[,] { { 1, Nan }, { Nan, 1 } }), () => MvNormal.LogDensity([0, 0], [0, 0], new double[,] { { 1, Nan }, { Nan, 1 } }));
        yield return Case("laplace b 0", "b", () => laplace(0, 0), () => Laplace.Sample(K, 0, 0), () => Laplace.LogDensity(0, 0, 0));
        yield return Case("laplace mu inf", "mu", () => laplace(Inf, 1), () => Laplace.Sample(K, Inf, 1), () => Laplace.LogDensity(0, Inf, 1));
        yield return Case("cauchy gamma -1", "gamma", () => cauchy(0, -1), () => Cauchy.Sample(K, 0, -1), () => Cauchy.LogDensity(0, 0, -1));
        yield return Case("cauchy x0 NaN", "x0", () => cauchy(Nan, 1), () => Cauchy.Sample(K, Nan, 1), () => Cauchy.LogDensity(0, Nan, 1));
        yield return Case("student_t nu 0", "nu", () => student_t(0, 0, 1), () => StudentT.Sample(K, 0, 0, 1), () => StudentT.LogDensity(0, 0, 0, 1));
        yield return Case("student_t mu NaN", "mu", () => student_t(1, Nan, 1), () => StudentT.Sample(K, 1, Nan, 1), () => StudentT.LogDensity(0, 1, Nan, 1));
        yield return Case("student_t sigma 0", "sigma", () => student_t(1, 0, 0), () => StudentT.Sample(K, 1, 0, 0), () => StudentT.LogDensity(0, 1, 0, 0));
        yield return Case("inverse_gamma shape -2", "shape", () => inverse_gamma(-2, 1), () => InverseGamma.Sample(K, -2, 1), () => InverseGamma.LogDensity(1, -2, 1));
        yield return Case("inverse_gamma scale 0", "scale", () => inverse_gamma(2, 0), () => InverseGamma.Sample(K, 2, 0), () => InverseGamma.LogDensity(1, 2, 0));
        yield return Case("geometric p 0", "p", () => geometric(0), () => Geometric.Sample(K, 0), () => Geometric.LogDensity(0, 0));
        yield return Case("geometric p 1.1", "p", () => geometric(1.1), () => Geometric.Sample(K, 1.1), () => Geometric.LogDensity(0, 1.1));
        yield return Case("geometric p below 2^-24", "p", () => geometric(1e-9), () => Geometric.Sample(K, 1e-9), () => Geometric.LogDensity(0, 1e-9));
        yield return Case("half_normal scale 0", "scale", () => half_normal(0), () => HalfNormal.Sample(K, 0), () => HalfNormal.LogDensity(1, 0));
        yield return Case("half_normal scale NaN", "scale", () => half_normal(Nan), () => HalfNormal.Sample(K, Nan), () => HalfNormal.LogDensity(1, Nan));
        yield return Case("half_cauchy scale -1", "scale", () => half_cauchy(-1), () => HalfCauchy.Sample(K, -1), () => HalfCauchy.LogDensity(1, -1));
        yield return Case("half_cauchy scale inf", "scale", () => half_cauchy(Inf), () => HalfCauchy.Sample(K, Inf), () => HalfCauchy.LogDensity(1, Inf));
        yield return Case("lognormal mu inf", "mu", () => lognormal(Inf, 1), () => LogNormal.Sample(K, Inf, 1), () => LogNormal.LogDensity(1, Inf, 1));
        yield return Case("lognormal sigma 0", "sigma", () => lognormal(0, 0), () => LogNormal.Sample(K, 0, 0), () => LogNormal.LogDensity(1, 0, 0));
        yield return Case("truncated_normal mu NaN", "mu", () => truncated_normal(Nan, 1, 0, 1), () => TruncatedNormal.Sample(K, Nan, 1, 0, 1), () => TruncatedNormal.LogDensity(0.5, Nan, 1, 0, 1));
        yield return Case("truncated_normal sigma 0", "sigma", () => truncated_normal(0, 0, 0, 1), () => TruncatedNormal.Sample(K, 0, 0, 0, 1), () => TruncatedNormal.LogDensity(0.5, 0, 0, 0, 1));
        yield return Case("truncated_normal lo NaN", "lo", () => truncated_normal(0, 1, Nan, 1), () => TruncatedNormal.Sample(K, 0, 1, Nan, 1), () => TruncatedNormal.LogDensity(0.5, 0, 1, Nan, 1));
        yield return Case("truncated_normal lo +inf", "lo", () => truncated_normal(0, 1, Inf, Inf), () => TruncatedNormal.Sample(K, 0, 1, Inf, Inf), () => TruncatedNormal.LogDensity(0.5, 0, 1, Inf, Inf));
        yield return Case("truncated_normal hi NaN", "hi", () => truncated_normal(0, 1, 0, Nan), () => TruncatedNormal.Sample(K, 0, 1, 0, Nan), () => TruncatedNormal.LogDensity(0.5, 0, 1, 0, Nan));
        yield return Case("truncated_normal hi -inf", "hi", () => truncated_normal(0, 1, -Inf, -Inf), () => TruncatedNormal.Sample(K, 0, 1, -Inf, -Inf), () => TruncatedNormal.LogDensity(0.5, 0, 1, -Inf, -Inf));
        yield return Case("truncated_normal hi = lo", "hi", () => truncated_normal(0, 1, 1, 1), () => TruncatedNormal.Sample(K, 0, 1, 1, 1), () => TruncatedNormal.LogDensity(1, 0, 1, 1, 1));
        yield return Case("truncated_normal hi < lo", "hi", () => truncated_normal(0, 1, 2, 1), () => TruncatedNormal.Sample(K, 0, 1, 2, 1), () => TruncatedNormal.LogDensity(1, 0, 1, 2, 1));
        yield return Case("truncated_normal ends equal in units of sigma", "hi", () => truncated_normal(1e16, 1, 0, 1), () => TruncatedNormal.Sample(K, 1e16, 1, 0, 1), () => TruncatedNormal.LogDensity(0.5, 1e16, 1, 0, 1));
        yield return Case("truncated_normal lo infinitely many sigma away", "lo", () => truncated_normal(-1e308, 1, 1e308, Inf), () => TruncatedNormal.Sample(K, -1e308, 1, 1e308, Inf), () => TruncatedNormal.LogDensity(1e308, -1e308, 1, 1e308, Inf));
        yield return Case("uniform_discrete hi < lo", "hi", () => uniform_discrete(3, 2), () => UniformDiscrete.Sample(K, 3, 2), () => UniformDiscrete.LogDensity(2, 3, 2));
        yield return Case("piecewise_uniform one bound", "bounds", () => piecewise_uniform([0], []), () => PiecewiseUniform.Sample(K, [0], []), () => PiecewiseUniform.LogDensity(0, [0], []));
        yield return Case("piecewise_uniform bounds not increasing", "bounds", () => piecewise_uniform([0, 2, 2], [0.5, 0.5]), () => PiecewiseUniform.Sample(K, [0, 2, 2], [0.5, 0.5]), () => PiecewiseUniform.LogDensity(1, [0, 2, 2], [0.5, 0.5]));
        yield return Case("piecewise_uniform bounds decreasing", "bounds", () => piecewise_uniform([1, 0], [1]), () => PiecewiseUniform.Sample(K, [1, 0], [1]), () => PiecewiseUniform.LogDensity(0.5, [1, 0], [1]));
        yield return Case("piecewise_uniform bounds NaN", "bounds", () => piecewise_uniform([0, Nan], [1]), () => PiecewiseUniform.Sample(K, [0, Nan], [1]), () => PiecewiseUniform.LogDensity(0.5, [0, Nan], [1]));
        yield return Case("piecewise_uniform bounds inf", "bounds", () => piecewise_uniform([0, Inf], [1]), () => PiecewiseUniform.Sample(K, [0, Inf], [1]), () => PiecewiseUniform.LogDensity(0.5, [0, Inf], [1]));
        yield return Case("piecewise_uniform bin too wide", "bounds", () => piecewise_uniform([-1e308, 1e308], [1]), () => PiecewiseUniform.Sample(K, [-1e308, 1e308], [1]), () => PiecewiseUniform.LogDensity(0, [-1e308, 1e308], [1]));
        yield return Case("piecewise_uniform probs too short", "probs", () => piecewise_uniform([0, 1, 2], [1]), () => PiecewiseUniform.Sample(K, [0, 1, 2], [1]), () => PiecewiseUniform.LogDensity(0.5, [0, 1, 2], [1]));
        yield return Case("piecewise_uniform probs sum 0.9", "probs", () => piecewise_uniform([0, 1, 2], [0.4, 0.5]), () => PiecewiseUniform.Sample(K, [0, 1, 2], [0.4, 0.5]), () => PiecewiseUniform.LogDensity(0.5, [0, 1, 2], [0.4, 0.5]));
        yield return Case("piecewise_uniform probs negative", "probs", () => piecewise_uniform([0, 1, 2], [-0.5, 1.5]), () => PiecewiseUniform.Sample(K, [0, 1, 2], [-0.5, 1.5]), () => PiecewiseUniform.LogDensity(0.5, [0, 1, 2], [-0.5, 1.5]));
        yield return Case("neg_binom r 0", "r", () => neg_binom(0, 0.5), () => NegativeBinomial.Sample(K, 0, 0.5), () => NegativeBinomial.LogDensity(0, 0, 0.5));
        yield return Case("neg_binom r NaN", "r", () => neg_binom(Nan, 0.5), () => NegativeBinomial.Sample(K, Nan, 0.5), () => NegativeBinomial.LogDensity(0, Nan, 0.5));
        yield return Case("neg_binom p 0", "p", () => neg_binom(2, 0), () => NegativeBinomial.Sample(K, 2, 0), () => NegativeBinomial.LogDensity(0, 2, 0));
        yield return Case("neg_binom p 1.5", "p", () => neg_binom(2, 1.5), () => NegativeBinomial.Sample(K, 2, 1.5), () => NegativeBinomial.LogDensity(0, 2, 1.5));
        yield return Case("neg_binom p below 2^-24", "p", () => neg_binom(2, 1e-9), () => NegativeBinomial.Sample(K, 2, 1e-9), () => NegativeBinomial.LogDensity(0, 2, 1e-9));
        yield return Case("neg_binom mean above 2^24", "r", () => neg_binom(1e9, 0.5), () => NegativeBinomial.Sample(K, 1e9, 0.5), () => NegativeBinomial.LogDensity(0, 1e9, 0.5));
    }

    [TestCaseSource(nameof(Invalid))]
    public void Invalid_parameters_throw_naming_the_parameter(string param, TestDelegate factory, TestDelegate sample, TestDelegate score)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(factory)!.ParamName, Is.EqualTo(param), "factory");
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(sample)!.ParamName, Is.EqualTo(param), "static Sample");
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(score)!.ParamName, Is.EqualTo(param), "static LogDensity");
        });
    }

    [Test]
    public void Messages_name_the_parameter_and_the_rule()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => categorical([0.4, 0.5]))!;
        Assert.That(e.Message, Does.Contain("probs").And.Contain("sum to 1"));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => mv_normal([0, 0], new double[,] { { 1, 2 }, { 2, 1 } }))!;
        Assert.That(e.Message, Does.Contain("cov").And.Contain("positive definite"));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => piecewise_uniform([0, 2, 1], [0.5, 0.5]))!;
        Assert.That(e.Message, Does.Contain("bounds").And.Contain("strictly increasing"));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => neg_binom(1e9, 0.5))!;
        Assert.That(e.Message, Does.Contain("'r'").And.Contain("2^24"));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => uniform_discrete(3, 2))!;
        Assert.That(e.Message, Does.Contain("'hi'").And.Contain("at least lo = 3"));
    }

    [Test]
    public void Null_arrays_throw_ArgumentNullException_naming_the_parameter()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentNullException>(() => categorical(null!))!.ParamName, Is.EqualTo("probs"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => dirichlet(null!))!.ParamName, Is.EqualTo("alpha"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => mv_normal(null!, new double[,] { { 1 } }))!.ParamName, Is.EqualTo("mean"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => mv_normal([0], null!))!.ParamName, Is.EqualTo("cov"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => piecewise_uniform(null!, [1]))!.ParamName, Is.EqualTo("bounds"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => piecewise_uniform([0, 1], null!))!.ParamName, Is.EqualTo("probs"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => PiecewiseUniform.Sample(K, [0, 1], null!))!.ParamName, Is.EqualTo("probs"));
        });
    }

    [Test]
    public void Edge_parameters_are_valid()
    {
        Assert.Multiple(() =>
        {
            Assert.That(flip(0).Sample(K), Is.False);
            Assert.That(flip(1).Sample(K), Is.True);
            Assert.That(poisson(0).Sample(K), Is.EqualTo(0));
            Assert.That(binomial(0, 0.5).Sample(K), Is.EqualTo(0));
            Assert.That(binomial(7, 1).Sample(K), Is.EqualTo(7));
            Assert.That(binomial(7, 0).Sample(K), Is.EqualTo(0));
            Assert.That(geometric(1).Sample(K), Is.EqualTo(0));
            Assert.That(categorical([0, 1, 0]).Sample(K), Is.EqualTo(1));
            Assert.That(categorical([0.5, 0.5 + 1e-10]).Sample(K), Is.InRange(0, 1)); // within the documented 1e-9
            Assert.That(dirichlet([3]).Sample(K), Is.EqualTo(new[] { 1.0 }));
            Assert.That(geometric(Geometric.MinP).Sample(K), Is.GreaterThanOrEqualTo(0));
            Assert.That(poisson(Poisson.MaxRate).Sample(K), Is.GreaterThan(0));
            Assert.That(uniform_discrete(-7, -7).Sample(K), Is.EqualTo(-7));
            Assert.That(uniform_discrete(int.MinValue, int.MaxValue).Sample(K), Is.InRange(int.MinValue, int.MaxValue));
            Assert.That(neg_binom(2.5, 1).Sample(K), Is.EqualTo(0));
            Assert.That(neg_binom(1e-3, NegativeBinomial.MinP).Sample(K), Is.GreaterThanOrEqualTo(0));
            Assert.That(neg_binom(NegativeBinomial.MaxMean, 0.5).Sample(K), Is.GreaterThan(0));
            Assert.That(truncated_normal(0, 1, double.NegativeInfinity, double.PositiveInfinity).Sample(K), Is.InRange(-10.0, 10.0));
            Assert.That(truncated_normal(0, 1e-300, 1, 2).Sample(K), Is.EqualTo(1.0).Within(1e-15)); // lo is 1e300 σ above mu: the draw is lo
            Assert.That(piecewise_uniform([2, 3], [1]).Sample(K), Is.InRange(2.0, 3.0));
            Assert.That(half_normal(double.Epsilon).Sample(K), Is.GreaterThanOrEqualTo(0.0));
        });
    }
}
