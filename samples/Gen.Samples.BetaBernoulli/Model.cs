using static Gen.Distributions;

namespace Gen.Samples.BetaBernoulli;

public static partial class Coin
{
    /// <summary>The prior Beta(a, b) of the coin's bias.</summary>
    public const double A = 2, B = 2;

    /// <summary>p ~ Beta(2, 2); flip i ~ Bernoulli(p) at ("flip", i). Returns p.</summary>
    [Gen]
    public static double Flips(int n)
    {
        var p = beta(A, B).At("p");
        for (var i = 0; i < n; i++) flip(p).At("flip", i);
        return p;
    }
}
