using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>Models with closed-form posteriors, for checking inference end to end.</summary>
public static partial class ConjugateModels
{
    public const double PriorA = 2, PriorB = 3;
    public const double PriorMean = 0.5, PriorSd = 1.5, NoiseSd = 1.0;

    /// <summary>p ~ Beta(2, 3); y_i ~ Bernoulli(p).</summary>
    [Gen]
    public static double BetaBernoulli(int n)
    {
        var p = beta(PriorA, PriorB).At("p");
        for (var i = 0; i < n; i++) flip(p).At("y", i);
        return p;
    }

    /// <summary>mu ~ N(0, 1); y_0 ~ N(mu, 1), and y_1 ~ N(mu, 1) only where mu ≤ <paramref name="threshold"/> (a rare particle drops it).</summary>
    [Gen]
    public static double RarelyShort(double threshold)
    {
        var mu = normal(0, 1).At("mu");
        normal(mu, 1).At("y", 0);
        if (mu <= threshold) normal(mu, 1).At("y", 1);
        return mu;
    }

    /// <summary>mu ~ N(0.5, 1.5²); y_i ~ N(mu, 1).</summary>
    [Gen]
    public static double NormalNormal(int n)
    {
        var mu = normal(PriorMean, PriorSd).At("mu");
        for (var i = 0; i < n; i++) normal(mu, NoiseSd).At("y", i);
        return mu;
    }
}
