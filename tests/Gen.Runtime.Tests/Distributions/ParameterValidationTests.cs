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
        });
    }
}
