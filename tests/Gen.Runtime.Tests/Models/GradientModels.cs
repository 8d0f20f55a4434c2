using static Gen.Combinators;
using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>Models that exercise the differentiable subset: arithmetic, Math functions, active locals and arrays, loops, branches, casts.</summary>
public static partial class GradientModels
{
    /// <summary>A callee's value in the caller's density: the slope of a traced Line also drives the caller's observations.</summary>
    [Gen]
    public static double SharedSlope(double[] xs)
    {
        var slope = LineModels.LineGen(xs).At("line");
        var scale = half_normal(1).At("scale");
        for (var i = 0; i < xs.Length; i++) normal(slope * xs[i], scale).At("z", i);
        return slope * 2;
    }

    /// <summary>Traced calls at indexed addresses in a loop, their values summed (with a branch inside each callee).</summary>
    [Gen]
    public static double CallsInLoop(double[] xs)
    {
        var total = 0.0;
        for (var i = 0; i < xs.Length; i++) total += CombinatorModels.PointGen(xs[i]).At("p", i);
        normal(total, 1).At("sum");
        return total;
    }

    /// <summary>A traced call of a model that traces calls itself: addresses three deep, values flowing back up.</summary>
    [Gen]
    public static double NestedCalls(double[] xs)
    {
        var shared = SharedSlopeGen(xs).At("shared");
        var loop = CallsInLoopGen(xs).At("loop");
        return normal(shared - loop, 2).At("gap");
    }

    /// <summary>A vector-valued choice beside a scalar one: gradients move the scalar only.</summary>
    [Gen]
    public static double WithVector()
    {
        var point = mv_normal([0.0, 1.0], new double[,] { { 1, 0.5 }, { 0.5, 2 } }).At("point");
        return normal(point.Length, 1).At("x");
    }

    /// <summary>
    /// A line whose two coefficients are one mv_normal choice (prior mean (0.5, −1), covariance [[4, 1], [1, 2]]), each y
    /// observed with sd 0.5: the posterior of theta is Gaussian in closed form.
    /// </summary>
    [Gen]
    public static double VectorLine(double[] xs)
    {
        var theta = mv_normal([0.5, -1.0], new double[,] { { 4, 1 }, { 1, 2 } }).At("theta");
        for (var i = 0; i < xs.Length; i++) normal(theta[0] + theta[1] * xs[i], 0.5).At("y", i);
        return theta[0];
    }

    /// <summary>VectorLine as a traced call, its first coefficient observed once more: the vector's coordinates are full paths, ("line", "theta", k).</summary>
    [Gen]
    public static double VectorLineCall(double[] xs)
    {
        var intercept = VectorLineGen(xs).At("line");
        normal(intercept, 1).At("z");
        return intercept;
    }

    /// <summary>An mv_normal whose covariance is built inline from a continuous choice: the gradient flows into its entries.</summary>
    [Gen]
    public static double VectorOfLatentScale()
    {
        var s = exponential(1).At("s");
        var v = mv_normal(new[] { 0.0, 0.0 }, new double[,] { { s, 0 }, { 0, 1 } }).At("v");
        return v[0];
    }

    /// <summary>An mv_normal whose mean (an explicitly typed array) and covariance (an inline initializer) both depend on choices.</summary>
    [Gen]
    public static double VectorMeanAndScale()
    {
        var mu = normal(0, 1).At("mu");
        var s = gamma(4, 2).At("s");
        var v = mv_normal(new double[] { mu, 2 * mu }, new double[,] { { s, 0.3 * s }, { 0.3 * s, s + 0.5 } }).At("v");
        return v[0] + v[1];
    }

    /// <summary>
    /// A covariance scaled by an inverse-gamma choice: s ~ InvGamma(3, 2), x ~ mv_normal(0, s·K). Observed x, the
    /// posterior of s is InvGamma(3 + n/2, 2 + xᵀK⁻¹x/2), conjugate.
    /// </summary>
    [Gen]
    public static double ScaledCovariance(double[,] k)
    {
        var s = inverse_gamma(3, 2).At("s");
        var n = k.GetLength(0);
        var cov = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) cov[i, j] = s * k[i, j];
        mv_normal(new double[n], cov).At("x");
        return s;
    }

    /// <summary>
    /// A hierarchical mean: mu ~ N(0, 2²), theta ~ mv_normal((mu, mu), [[1, 0.3], [0.3, 0.5]]), y_i ~ N(theta_0 +
    /// theta_1 x_i, 0.5²). The gradient reaches mu through the mv_normal's mean; the posterior of (mu, theta) is Gaussian.
    /// </summary>
    [Gen]
    public static double VectorAroundMean(double[] xs)
    {
        var mu = normal(0, 2).At("mu");
        var theta = mv_normal(new[] { mu, mu }, new double[,] { { 1, 0.3 }, { 0.3, 0.5 } }).At("theta");
        for (var i = 0; i < xs.Length; i++) normal(theta[0] + theta[1] * xs[i], 0.5).At("y", i);
        return mu;
    }

    /// <summary>VectorLine with its prior's mean and covariance given as data (no array made in the body).</summary>
    [Gen]
    public static double VectorOfData(double[] mean, double[,] cov, double[] xs)
    {
        var theta = mv_normal(mean, cov).At("theta");
        for (var i = 0; i < xs.Length; i++) normal(theta[0] + theta[1] * xs[i], 0.5).At("y", i);
        return theta[0];
    }

    /// <summary>A double[] choice from a distribution object beside a scalar one: an object's density gives no gradient in its value.</summary>
    [Gen]
    public static double WithVectorObject()
    {
        var weights = new Dirichlet([1.0, 2.0]).At("weights");
        return normal(weights.Length, 1).At("x");
    }

    /// <summary>A dirichlet(2, 3, 5) choice alone: NUTS moves it through the stick-breaking transform.</summary>
    [Gen]
    public static double SimplexPrior()
    {
        var w = dirichlet([2.0, 3.0, 5.0]).At("w");
        return w[0];
    }

    /// <summary>A hierarchical dirichlet: its concentrations (s, 2s, 1) scale with a continuous choice s ~ gamma(2, 1).</summary>
    [Gen]
    public static double ScaledDirichlet()
    {
        var s = gamma(2, 1).At("s");
        var w = dirichlet(new[] { s, 2 * s, 1.0 }).At("w");
        return w[0];
    }

    /// <summary>Dirichlet weights and n categorical draws from them: observed, the posterior is Dirichlet(alpha + counts).</summary>
    [Gen]
    public static double DirichletCounts(int n)
    {
        var w = dirichlet([1.0, 2.0, 1.5]).At("w");
        for (var i = 0; i < n; i++) categorical(w).At("c", i);
        return w[0];
    }

    /// <summary>Bayesian logistic regression: y_i ~ flip(logistic(a + b x_i)); the gradient flows from each observed flip into a and b.</summary>
    [Gen]
    public static double LogisticRegression(double[] xs)
    {
        var a = normal(0, 2).At("a");
        var b = normal(0, 2).At("b");
        for (var i = 0; i < xs.Length; i++) flip(1 / (1 + Math.Exp(-(a + b * xs[i])))).At("y", i);
        return b;
    }

    /// <summary>A Poisson rate with a gamma(3, 0.5) prior and n counts: observed, the posterior is gamma(3 + Σk, 0.5/(1 + 0.5 n)).</summary>
    [Gen]
    public static double PoissonRate(int n)
    {
        var rate = gamma(3, 0.5).At("rate");
        for (var i = 0; i < n; i++) poisson(rate).At("k", i);
        return rate;
    }

    /// <summary>A beta prior on the probability of binomial counts (trials per observation in <paramref name="trials"/>): conjugate.</summary>
    [Gen]
    public static double BinomialRate(int[] trials)
    {
        var p = beta(2, 3).At("p");
        for (var i = 0; i < trials.Length; i++) binomial(trials[i], p).At("k", i);
        return p;
    }

    /// <summary>Binomial counts whose number of trials is computed from the continuous p (an int: no gradient flows into it).</summary>
    [Gen]
    public static double BinomialOfComputedTrials(int n)
    {
        var p = beta(2, 3).At("p");
        for (var i = 0; i < n; i++) binomial((int)(10 * p) + i, p).At("k", i);
        return p;
    }

    /// <summary>Negative binomial counts with a gamma prior on r and a beta prior on p.</summary>
    [Gen]
    public static double NegativeBinomialRate(int n)
    {
        var r = gamma(4, 1).At("r");
        var p = beta(2, 2).At("p");
        for (var i = 0; i < n; i++) neg_binom(r, p).At("k", i);
        return p;
    }

    /// <summary>Negative binomial counts of a known r = 3 with a beta prior on p: conjugate, Beta(a + N·r, b + Σk).</summary>
    [Gen]
    public static double NegativeBinomialOfKnownR(int n)
    {
        var p = beta(2, 2).At("p");
        for (var i = 0; i < n; i++) neg_binom(3, p).At("k", i);
        return p;
    }

    /// <summary>A beta prior on the success probability of geometric counts (failures before a success): conjugate.</summary>
    [Gen]
    public static double GeometricRate(int n)
    {
        var p = beta(2, 2).At("p");
        for (var i = 0; i < n; i++) geometric(p).At("k", i);
        return p;
    }

    /// <summary>A binomial logistic regression: k_i successes of 10 trials with probability logistic(a + b·x_i).</summary>
    [Gen]
    public static double BinomialRegression(double[] xs)
    {
        var a = normal(0, 2).At("a");
        var b = normal(0, 2).At("b");
        for (var i = 0; i < xs.Length; i++) binomial(10, Logistic(a + b * xs[i])).At("k", i);
        return b;
    }

    /// <summary>The same regression through bernoulli and the [Differentiable] Logistic helper.</summary>
    [Gen]
    public static double BernoulliRegression(double[] xs)
    {
        var a = normal(0, 2).At("a");
        var b = normal(0, 2).At("b");
        for (var i = 0; i < xs.Length; i++) bernoulli(Logistic(a + b * xs[i])).At("y", i);
        return b;
    }

    /// <summary>A [Differentiable] helper: its Real overload is compiled from this body.</summary>
    [Differentiable]
    public static double Logistic(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>A helper with a loop, a local, an int parameter and a call of another helper.</summary>
    [Differentiable]
    public static double SoftPlusMean(double a, double b, int n)
    {
        var total = 0.0;
        for (var i = 0; i < n; i++) total += Math.Log(1 + Math.Exp(a * i - b));
        return total / n + Logistic(a);
    }

    /// <summary>Continuous choices through [Differentiable] helpers.</summary>
    [Gen]
    public static double WithHelpers(double[] xs)
    {
        var a = normal(0, 1).At("a");
        var b = normal(0, 1).At("b");
        var s = half_normal(1).At("s");
        for (var i = 0; i < xs.Length; i++) normal(Logistic(a * xs[i] + b), s).At("y", i);
        return normal(SoftPlusMean(a, b, 3), 1).At("z");
    }

    /// <summary>One school of eight schools, given the population's location and scale as arguments (non-centred).</summary>
    [Gen]
    public static double School(double mu, double tau, double sigma)
    {
        var eta = normal(0, 1).At("eta");
        var theta = mu + tau * eta;
        normal(theta, sigma).At("y");
        return theta;
    }

    /// <summary><see cref="Hierarchical"/> as a model of calls: the population's choices flow into each school's arguments.</summary>
    [Gen]
    public static double Schools(double[] sigma)
    {
        var mu = normal(0, 5).At("mu");
        var tau = half_cauchy(5).At("tau");
        var total = 0.0;
        for (var j = 0; j < sigma.Length; j++) total += SchoolGen(mu, tau, sigma[j]).At("school", j);
        return total / sigma.Length;
    }

    /// <summary>The schools' effects as one traced call returning a double[] (its elements carry their gradients).</summary>
    [Gen]
    public static double[] Thetas(int n, double mu, double tau)
    {
        var thetas = new double[n];
        for (var j = 0; j < n; j++) thetas[j] = mu + tau * normal(0, 1).At("eta", j);
        return thetas;
    }

    /// <summary><see cref="Hierarchical"/> again: the effects from <see cref="Thetas"/>, the observations here.</summary>
    [Gen]
    public static double SchoolsArray(double[] sigma)
    {
        var mu = normal(0, 5).At("mu");
        var tau = half_cauchy(5).At("tau");
        var thetas = ThetasGen(sigma.Length, mu, tau).At("thetas");
        for (var j = 0; j < sigma.Length; j++) normal(thetas[j], sigma[j]).At("y", j);
        return thetas.Length > 0 ? thetas[0] : mu;
    }

    /// <summary>A kernel for Vmap: a continuous choice, and a value computed from it.</summary>
    [Gen]
    public static double Squared(double x)
    {
        var z = normal(x, 1).At("z");
        return z * z;
    }

    /// <summary>Vmap of a [Gen] kernel: each call's choices and value carry their gradients through the combinator.</summary>
    [Gen]
    public static double Mapped(double[] xs)
    {
        var zs = Vmap(SquaredGen, xs).At("m");
        var total = 0.0;
        for (var i = 0; i < zs.Length; i++) total += zs[i];
        return normal(total, 1).At("sum");
    }

    /// <summary>A branch of <see cref="Switched"/>: a location and its square.</summary>
    [Gen]
    public static double Near(double at) => Math.Pow(normal(at, 1).At("v"), 2);

    /// <summary>The other branch: a scale, at another address.</summary>
    [Gen]
    public static double Far(double at) => gamma(2, 1).At("w") + at;

    /// <summary>Switch between two [Gen] branches: the taken branch's choices and value carry their gradients.</summary>
    [Gen]
    public static double Switched(int which)
    {
        var value = Switch(which, NearGen(1.5), FarGen(-0.5)).At("s");
        return normal(value, 1).At("obs");
    }

    /// <summary>Repeat of a [Gen] kernel given a constant: every call's choice and value carry their gradients.</summary>
    [Gen]
    public static double Repeated(int n)
    {
        var draws = Repeat(n, SquaredGen(0.5)).At("r");
        var total = 0.0;
        foreach (var draw in draws) total += draw;
        return normal(total, 1).At("sum");
    }

    /// <summary>
    /// Repeat of a distribution object (the non-centred parametrisation's standard normals): each draw a choice at
    /// ("eta", i), its value carrying its gradient into the observations' means.
    /// </summary>
    [Gen]
    public static double RepeatedDraws(int n)
    {
        var eta = Repeat(n, normal(0, 1)).At("eta");
        var mu = normal(0, 5).At("mu");
        var tau = half_normal(2).At("tau");
        var total = 0.0;
        for (var i = 0; i < n; i++) total += normal(mu + tau * eta[i], 1.5).At("y", i);
        return total;
    }

    /// <summary>Switch between two distribution objects: the taken one's choice at "s" carries its gradient.</summary>
    [Gen]
    public static double SwitchedDraws(int which)
    {
        var value = Switch(which, normal(-1, 1), lognormal(0.5, 0.3)).At("s");
        return normal(value * value, 1).At("obs");
    }

    /// <summary>A mixture of distribution objects: the component's choice at ("m", "value") carries its gradient into "obs".</summary>
    [Gen]
    public static double MixedDraws()
    {
        var value = Mix([0.4, 0.6], normal(-1, 1), lognormal(0.5, 0.3)).At("m");
        return normal(value * value, 1).At("obs");
    }

    /// <summary>A mixture's value observed with noise: ("x", "value") ~ Mix(0.3 N(−2, 1), 0.7 N(3, 1.5)), "y" ~ N(x, 1).</summary>
    [Gen]
    public static double NoisyMixture()
    {
        var x = Mix([0.3, 0.7], normal(-2, 1), normal(3, 1.5)).At("x");
        normal(x, 1).At("y");
        return x;
    }

    /// <summary>Repeat of a distribution object whose parameter is a continuous choice: the object's parameter is a constant to the gradient body.</summary>
    [Gen]
    public static double RepeatedAroundChoice(int n)
    {
        var mu = normal(0, 1).At("mu");
        var draws = Repeat(n, normal(mu, 1)).At("d");
        return draws.Sum();
    }

    /// <summary>Vmap of a lambda over a generated factory: its value type is inferred from code not generated yet (no gradient body).</summary>
    [Gen]
    public static double[] MappedByLambda(double[] xs) => Vmap((double x) => SquaredGen(x), xs).At("m");

    /// <summary>Scan over a random initial state: the state carries its gradient from step to step, and into the first.</summary>
    [Gen]
    public static double StateSpace(int steps)
    {
        var init = normal(0, 2).At("init");
        var states = Scan(CombinatorModels.StepGen, steps, init).At("chain"); // x_t ~ N(0.9 x_{t−1} + 0.1 t, 1), y_t ~ N(x_t, 0.5²)
        return normal(states[steps - 1], 1).At("last");
    }

    /// <summary>A pair of continuous values: a traced call's value the gradient cannot follow.</summary>
    [Gen]
    public static (double, double) Pair() => (normal(0, 1).At("a"), normal(0, 1).At("b"));

    /// <summary>A caller of <see cref="Pair"/>: outside the differentiable subset.</summary>
    [Gen]
    public static double OfPair()
    {
        var pair = PairGen().At("pair");
        return normal(pair.Item1 + pair.Item2, 1).At("y");
    }

    /// <summary>A count whose bound is an argument: differentiable in nothing it is given (uniform_discrete has no gradient in its parameters).</summary>
    [Gen]
    public static int Count(double rate) => uniform_discrete(0, (int)rate).At("k");

    /// <summary>A continuous rate passed to <see cref="Count"/>: its gradient cannot flow in.</summary>
    [Gen]
    public static int CountOfRate()
    {
        var rate = gamma(2, 1).At("rate");
        return CountGen(rate).At("count");
    }

    /// <summary>
    /// foreach over choices with a declared double variable, site-free and around sites: foreach converts explicitly, so
    /// the gradient body must declare the variable a Real (a double would compile and drop the gradient).
    /// </summary>
    [Gen]
    public static double ForeachOverChoices(int n)
    {
        var zs = new double[n];
        for (var i = 0; i < n; i++) zs[i] = normal(0, 1).At("z", i);
        var total = 0.0;
        foreach (double z in zs) total += z * z;
        var k = 0;
        foreach (double z in zs)
        {
            normal(0.5 * z + 0.1 * total, 1).At("y", k);
            k++;
        }
        return total;
    }

    /// <summary>A scale on the log scale, a location, and observations: the eight-schools-like shape (non-centred).</summary>
    [Gen]
    public static double Hierarchical(double[] y, double[] sigma)
    {
        var mu = normal(0, 5).At("mu");
        var tau = half_cauchy(5).At("tau");
        var total = 0.0;
        for (var j = 0; j < y.Length; j++)
        {
            var eta = normal(0, 1).At("eta", j);
            double theta = mu + tau * eta;
            normal(theta, sigma[j]).At("y", j);
            total += theta;
        }
        return total / y.Length;
    }

    /// <summary>Math functions, an active array, a ternary on a value, a cast that cuts the gradient, compound assignment.</summary>
    [Gen]
    public static double Functions(int n)
    {
        var a = normal(0, 1).At("a");
        var b = gamma(2, 0.5).At("b");
        var c = beta(2, 3).At("c");
        var d = lognormal(0, 0.5).At("d");
        double[] values = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            values[i] = Math.Exp(a * 0.1 * i) + Math.Log(b + i) * Math.Sqrt(c) - Math.Pow(d, 1.5);
            sum += values[i] > 0 ? Math.Tanh(values[i]) : Math.Sin(values[i]);
        }
        var count = (int)Math.Abs(a * 3); // a step: no gradient through it
        var scaled = Math.Max(sum, -1.0) * (1 + count % 2);
        normal(scaled, 1 + c).At("obs");
        student_t(4, a - b, Math.Exp(d / 4)).At("t");
        return scaled;
    }

    /// <summary>
    /// A linear predictor in every form the generator fuses into one tape node (x + y·z, x − y·z, y·z + x, y·z − x,
    /// x += y·z, x −= y·z, a product of a value with itself), over an active array made with <c>new double[d]</c>.
    /// </summary>
    [Gen]
    public static double LinearPredictor(double[][] x)
    {
        var d = x[0].Length;
        var beta = new double[d];
        for (var k = 0; k < d; k++) beta[k] = normal(0, 2).At("beta", k);
        var b0 = normal(0, 1).At("b0");
        var sigma = half_normal(1).At("sigma");
        for (var n = 0; n < x.Length; n++)
        {
            var mean = b0;
            for (var k = 0; k < d; k++) mean += x[n][k] * beta[k];
            var other = beta[0] * x[n][0] - b0;
            mean -= 0.5 * (other);
            var shifted = mean - sigma * 0.1;
            var curved = b0 * b0 + shifted + other * other;
            normal(curved, sigma).At("y", n);
        }
        return sigma;
    }

    /// <summary>Every differentiable built-in once, parameters depending on earlier choices.</summary>
    [Gen]
    public static double Zoo()
    {
        var x = normal(0.5, 2).At("x");
        var s = exponential(1.5).At("s");
        var u = uniform(-1, 3).At("u");
        var l = laplace(x, s + 0.5).At("l");
        var k = cauchy(u, 1 + s).At("k");
        var g = inverse_gamma(3, 2 + s).At("g");
        var h = half_normal(1 + g).At("h");
        var t = truncated_normal(x, 1 + h, -2, 4).At("t");
        var q = beta(1 + s, 2 + h).At("q");
        return x + s + u + l + k + g + h + t + q;
    }
}

public static partial class GradientModels
{
    /// <summary>tau ~ Gamma(3, scale 0.5); y_i ~ N(0, 1/√tau): a precision, conjugate to the observations.</summary>
    [Gen]
    public static double Precision(int n)
    {
        var tau = gamma(3, 0.5).At("tau");
        for (var i = 0; i < n; i++) normal(0, 1 / Math.Sqrt(tau)).At("y", i);
        return tau;
    }

    /// <summary>
    /// Two precisions drawn by Repeat of a distribution object, tau_k ~ Gamma(3, scale 0.5), and y_(k, i) ~ N(0, 1/√tau_k):
    /// each conjugate to its own observations, and positive (NUTS moves them in log space).
    /// </summary>
    [Gen]
    public static double[] RepeatedPrecisions(int n)
    {
        var taus = Repeat(2, gamma(3, 0.5)).At("tau");
        for (var k = 0; k < 2; k++)
            for (var i = 0; i < n; i++) normal(0, 1 / Math.Sqrt(taus[k])).At("y", k * n + i);
        return taus;
    }

    /// <summary>Neal's funnel: v ~ N(0, 3²), x_i ~ N(0, e^{v/2})², whose neck makes trajectories diverge.</summary>
    [Gen]
    public static double Funnel(int n)
    {
        var v = normal(0, 3).At("v");
        for (var i = 0; i < n; i++) normal(0, Math.Exp(v / 2)).At("x", i);
        return v;
    }
}
