using static Gen.Distributions;

namespace Gen.Benchmarks.Nuts;

/// <summary>The three models of benchmarks/stan, written as [Gen] methods: the same priors, likelihoods and constraints.</summary>
public static partial class StanModels
{
    /// <summary>Eight schools, non-centred (posteriordb eight_schools_noncentered): theta_j = mu + tau · theta_trans_j.</summary>
    [Gen]
    public static double EightSchools(double[] y, double[] sigma)
    {
        var mu = normal(0, 5).At("mu");
        var tau = half_cauchy(5).At("tau");
        for (var j = 0; j < y.Length; j++)
        {
            var thetaTrans = normal(0, 1).At("theta_trans", j);
            normal(mu + tau * thetaTrans, sigma[j]).At("y", j);
        }
        return mu;
    }

    /// <summary>Bayesian linear regression (posteriordb sblri-blr): beta_d ~ N(0, 10²), sigma ~ N⁺(0, 10²), y ~ N(X·beta, sigma²).</summary>
    [Gen]
    public static double Regression(double[][] x, int d)
    {
        var beta = new double[d];
        for (var k = 0; k < d; k++) beta[k] = normal(0, 10).At("beta", k);
        var sigma = half_normal(10).At("sigma");
        for (var n = 0; n < x.Length; n++)
        {
            var mean = 0.0;
            for (var k = 0; k < d; k++) mean += x[n][k] * beta[k];
            normal(mean, sigma).At("y", n);
        }
        return sigma;
    }

    /// <summary>AR(K) (posteriordb arK-arK): y_t ~ N(alpha + Σ_k beta_k · y_{t−k}, sigma²) for t > K, sigma ~ Cauchy⁺(0, 2.5).</summary>
    [Gen]
    public static double Autoregressive(double[] y, int order)
    {
        var alpha = normal(0, 10).At("alpha");
        var beta = new double[order];
        for (var k = 0; k < order; k++) beta[k] = normal(0, 10).At("beta", k);
        var sigma = half_cauchy(2.5).At("sigma");
        for (var t = order; t < y.Length; t++)
        {
            var mean = alpha;
            for (var k = 0; k < order; k++) mean += beta[k] * y[t - k - 1];
            normal(mean, sigma).At("y", t);
        }
        return sigma;
    }
}
