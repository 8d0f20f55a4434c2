namespace Gen;

/// <summary>
/// The built-in distributions, lower-case as in GenJAX: <c>using static Gen.Distributions;</c> then
/// <c>normal(0, 1).At("x")</c>. Each returns an application usable like any generative function.
/// </summary>
#pragma warning disable IDE1006 // lower-case names are the design's contract
public static partial class Distributions
{
    /// <summary>The normal distribution with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/>.</summary>
    [SamplerFactory]
    public static Normal normal(double mu, double sigma) => new(mu, sigma);

    /// <summary>The continuous uniform distribution on [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    [SamplerFactory]
    public static Uniform uniform(double lo, double hi) => new(lo, hi);

    /// <summary>The beta distribution with shapes <paramref name="a"/> and <paramref name="b"/>.</summary>
    [SamplerFactory]
    public static Beta beta(double a, double b) => new(a, b);

    /// <summary>The gamma distribution with the given shape and <b>scale</b> (mean shape·scale).</summary>
    [SamplerFactory]
    public static Gamma gamma(double shape, double scale) => new(shape, scale);

    /// <summary>The exponential distribution with the given rate (mean 1/rate).</summary>
    [SamplerFactory]
    public static Exponential exponential(double rate) => new(rate);

    /// <summary>A coin flip: <c>true</c> with probability <paramref name="p"/>.</summary>
    [SamplerFactory]
    public static Flip flip(double p) => new(p);

    /// <summary>The Bernoulli distribution: <c>true</c> with probability <paramref name="p"/> (the same law as <see cref="flip"/>).</summary>
    [SamplerFactory]
    public static Bernoulli bernoulli(double p) => new(p);

    /// <summary>The categorical distribution on 0 … n − 1 with the given probabilities (copied; must sum to 1 within 1e-9).</summary>
    [SamplerFactory]
    public static Categorical categorical(double[] probs) => new(probs);

    /// <summary>The Poisson distribution with mean <paramref name="rate"/>.</summary>
    [SamplerFactory]
    public static Poisson poisson(double rate) => new(rate);

    /// <summary>The binomial distribution: successes in <paramref name="n"/> trials of probability <paramref name="p"/>.</summary>
    [SamplerFactory]
    public static Binomial binomial(int n, double p) => new(n, p);

    /// <summary>The Dirichlet distribution with concentrations <paramref name="alpha"/> (copied).</summary>
    [SamplerFactory]
    public static Dirichlet dirichlet(double[] alpha) => new(alpha);

    /// <summary>The multivariate normal distribution with the given mean and symmetric positive definite covariance (both copied).</summary>
    [SamplerFactory]
    public static MvNormal mv_normal(double[] mean, double[,] cov) => new(mean, cov);

    /// <summary>The Laplace distribution with location <paramref name="mu"/> and scale <paramref name="b"/>.</summary>
    [SamplerFactory]
    public static Laplace laplace(double mu, double b) => new(mu, b);

    /// <summary>The Cauchy distribution with location <paramref name="x0"/> and scale <paramref name="gamma"/>.</summary>
    [SamplerFactory]
    public static Cauchy cauchy(double x0, double gamma) => new(x0, gamma);

    /// <summary>Student's t distribution with <paramref name="nu"/> degrees of freedom, location <paramref name="mu"/> and scale <paramref name="sigma"/>.</summary>
    [SamplerFactory]
    public static StudentT student_t(double nu, double mu, double sigma) => new(nu, mu, sigma);

    /// <summary>The inverse-gamma distribution with the given shape and scale (density ∝ x^(−shape−1) e^(−scale/x)).</summary>
    [SamplerFactory]
    public static InverseGamma inverse_gamma(double shape, double scale) => new(shape, scale);

    /// <summary>The geometric distribution: failures before the first success in trials of probability <paramref name="p"/> (support 0, 1, 2, …).</summary>
    [SamplerFactory]
    public static Geometric geometric(double p) => new(p);

    /// <summary>The half-normal distribution: |X| for X normal with mean 0 and standard deviation <paramref name="scale"/> (support x ≥ 0).</summary>
    [SamplerFactory]
    public static HalfNormal half_normal(double scale) => new(scale);

    /// <summary>The half-Cauchy distribution: |X| for X Cauchy with location 0 and scale <paramref name="scale"/> (support x ≥ 0).</summary>
    [SamplerFactory]
    public static HalfCauchy half_cauchy(double scale) => new(scale);

    /// <summary>The log-normal distribution: e^X for X normal with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/>.</summary>
    [SamplerFactory]
    public static LogNormal lognormal(double mu, double sigma) => new(mu, sigma);

    /// <summary>
    /// The normal distribution with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/> truncated to
    /// [<paramref name="lo"/>, <paramref name="hi"/>] (either end may be infinite; far tails are exact).
    /// </summary>
    [SamplerFactory]
    public static TruncatedNormal truncated_normal(double mu, double sigma, double lo, double hi) => new(mu, sigma, lo, hi);

    /// <summary>The discrete uniform distribution on the integers <paramref name="lo"/> … <paramref name="hi"/>, both included.</summary>
    [SamplerFactory]
    public static UniformDiscrete uniform_discrete(int lo, int hi) => new(lo, hi);

    /// <summary>
    /// The piecewise uniform distribution (Gen.jl's): bin i, from <paramref name="bounds"/>[i] to bounds[i + 1], has probability
    /// <paramref name="probs"/>[i] (both copied; bounds strictly increasing, probs one per bin, summing to 1 within 1e-9).
    /// </summary>
    [SamplerFactory]
    public static PiecewiseUniform piecewise_uniform(double[] bounds, double[] probs) => new(bounds, probs);

    /// <summary>
    /// The negative binomial distribution: failures before the <paramref name="r"/>-th success (r &gt; 0 real) in trials of
    /// probability <paramref name="p"/> (support 0, 1, 2, …).
    /// </summary>
    [SamplerFactory]
    public static NegativeBinomial neg_binom(double r, double p) => new(r, p);
}
