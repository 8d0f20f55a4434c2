using static Gen.Combinators;
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

    /// <summary>
    /// Step t of the same model as a state-space model: on step 0 the bias "p" ~ Beta(2, 2), on every step one flip
    /// "flip" ~ Bernoulli(p); the state carried to the next step is p. Returns p.
    /// </summary>
    [Gen]
    public static double Step(int t, double bias)
    {
        var p = t == 0 ? beta(A, B).At("p") : bias;
        flip(p).At("flip");
        return p;
    }

    /// <summary>
    /// The model over <paramref name="n"/> flips as a Scan of <see cref="Step"/> (choices (0, "p") and (t, "flip")):
    /// the same joint distribution as <see cref="Flips"/>, written so a particle filter extends each particle by one
    /// flip instead of re-running the earlier ones (docs/inference.md, "Scan chains"). Returns p after each flip.
    /// </summary>
    public static GenerativeFunction<double[]> Series(int n) => Scan(StepGen, n, 0.0);
}
