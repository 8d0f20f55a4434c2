namespace Gen;

/// <summary>
/// The built-in distributions, lower-case as in GenJAX: <c>using static Gen.Distributions;</c> then
/// <c>normal(0, 1).At("x")</c>. Each returns an application usable like any generative function.
/// </summary>
#pragma warning disable IDE1006 // lower-case names are the design's contract
public static partial class Distributions
{
    /// <summary>The normal distribution with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/>.</summary>
    public static Normal normal(double mu, double sigma) => new(mu, sigma);
}
