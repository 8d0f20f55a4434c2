using static Gen.Distributions;

namespace Gen.Samples.EightSchools;

/// <summary>Rubin's eight schools, non-centred (as posteriordb's eight_schools_noncentered and Stan's case study).</summary>
public static partial class Schools
{
    /// <summary>The coaching effects' observed means <c>y</c> and standard errors <c>sigma</c> (Rubin 1981).</summary>
    public static readonly double[] Effects = [28, 8, -3, 7, -1, 1, 18, 12];

    /// <inheritdoc cref="Effects"/>
    public static readonly double[] StandardErrors = [15, 10, 16, 11, 9, 11, 10, 18];

    /// <summary>
    /// mu ~ N(0, 5²), tau ~ Cauchy⁺(0, 5), theta_j = mu + tau · eta_j with eta_j ~ N(0, 1), y_j ~ N(theta_j, sigma_j²).
    /// Writing theta through the standardised eta (non-centred) removes the funnel between tau and the thetas.
    /// </summary>
    [Gen]
    public static double[] Model(double[] sigma)
    {
        var mu = normal(0, 5).At("mu");
        var tau = half_cauchy(5).At("tau");
        var theta = new double[sigma.Length];
        for (var j = 0; j < sigma.Length; j++)
        {
            var eta = normal(0, 1).At("eta", j);
            theta[j] = mu + tau * eta;
            normal(theta[j], sigma[j]).At("y", j);
        }
        return theta;
    }
}
