using System;
using System.Collections.Generic;

namespace Gen.Inference;

/// <summary>
/// Convergence diagnostics and effective sample sizes of MCMC draws, as Stan, the R package posterior and ArviZ
/// compute them (Vehtari, Gelman, Simpson, Carpenter and Bürkner 2021, "Rank-normalization, folding, and
/// localization: an improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2)).
/// </summary>
/// <remarks>
/// <para>
/// Every function takes the draws of one scalar quantity as one array per chain, all of the same length and at least
/// 4 long. Chains are split in half first (the middle draw of an odd-length chain is dropped), so a single chain
/// works too and a trend within a chain shows up as disagreement between its halves.
/// </para>
/// <para>
/// Where Stan returns <c>NA</c> these functions return <see cref="double.NaN"/>: when the draws that a statistic looks
/// at are constant (their range is below 2.2e-16, Stan's test), when an effective sample size has fewer than 3 draws
/// per half-chain (chains of 4 or 5 draws), and, unlike the R functions, when any draw is NaN or infinite.
/// </para>
/// <para>
/// The results agree with <c>posterior::ess_bulk</c>, <c>ess_tail</c>, <c>rhat</c>, <c>ess_mean</c>,
/// <c>mcse_mean</c>, <c>ess_quantile</c> and <c>rhat_basic</c> (posterior 1.4) to rounding. rstan 2.21's R
/// functions differ in two details: they rank-normalise with the offset 1/2 instead of Blom's 3/8, and scale the
/// autocovariance by M/N when the half-chain length N is not a product of 2, 3 and 5 (M being the next such number).
/// </para>
/// </remarks>
/// <example><code>
/// double[][] draws = [chain1, chain2, chain3, chain4];
/// if (McmcDiagnostics.RHat(draws) &gt; 1.01 || McmcDiagnostics.EssBulk(draws) &lt; 400) Console.WriteLine("run longer");
/// </code></example>
public static class McmcDiagnostics
{
    /// <summary>The fewest draws per chain these functions accept.</summary>
    public const int MinimumDraws = 4;

    /// <summary>Blom's offset in the rank normalisation (posterior, ArviZ, the paper): z = Φ⁻¹((r − 3/8) / (S + 1/4)).</summary>
    internal const double BlomOffset = 3.0 / 8;

    /// <summary>rstan 2.21's offset in the rank normalisation: z = Φ⁻¹((r − 1/2) / S).</summary>
    internal const double Rstan221Offset = 0.5;

    /// <summary>
    /// Bulk effective sample size: the effective sample size of the rank-normalised split chains (Stan's
    /// <c>ess_bulk</c>), a measure of how well the centre of the distribution is explored that needs no finite
    /// variance. Stan's advice: at least 100 per chain.
    /// </summary>
    /// <param name="chains">The draws of one quantity, one array per chain.</param>
    /// <returns>The effective sample size, at most S log10(S) for S draws in all; NaN as described in the remarks of <see cref="McmcDiagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chains"/> or one of its chains is null.</exception>
    /// <exception cref="ArgumentException">No chains, chains of unequal length, or fewer than 4 draws per chain.</exception>
    public static double EssBulk(IReadOnlyList<double[]> chains) => EssBulk(chains, BlomOffset);

    internal static double EssBulk(IReadOnlyList<double[]> chains, double rankOffset)
    {
        Validate(chains);
        if (!AllFinite(chains)) return double.NaN;
        return DrawStatistics.EffectiveSampleSize(DrawStatistics.RankNormalize(DrawStatistics.Split(chains), rankOffset));
    }

    /// <summary>
    /// Tail effective sample size: the smaller of the effective sample sizes of the 5 % and 95 % quantiles
    /// (Stan's <c>ess_tail</c>), a measure of how well the tails are explored.
    /// </summary>
    /// <param name="chains">The draws of one quantity, one array per chain.</param>
    /// <returns>The effective sample size; NaN as described in the remarks of <see cref="McmcDiagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chains"/> or one of its chains is null.</exception>
    /// <exception cref="ArgumentException">No chains, chains of unequal length, or fewer than 4 draws per chain.</exception>
    public static double EssTail(IReadOnlyList<double[]> chains) =>
        Math.Min(EssQuantile(chains, 0.05), EssQuantile(chains, 0.95));

    /// <summary>
    /// Effective sample size of the <paramref name="probability"/> quantile: that of the indicator draws
    /// <c>x &lt;= q</c>, with q the empirical quantile of all draws (R's type 7), split (Stan's <c>ess_quantile</c>).
    /// </summary>
    /// <param name="chains">The draws of one quantity, one array per chain.</param>
    /// <param name="probability">The quantile's probability, in [0, 1].</param>
    /// <returns>The effective sample size; NaN as described in the remarks of <see cref="McmcDiagnostics"/>, and when
    /// every indicator is the same (e.g. <paramref name="probability"/> 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chains"/> or one of its chains is null.</exception>
    /// <exception cref="ArgumentException">No chains, chains of unequal length, or fewer than 4 draws per chain.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1] or NaN.</exception>
    public static double EssQuantile(IReadOnlyList<double[]> chains, double probability)
    {
        Validate(chains);
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must lie in [0, 1].");
        if (!AllFinite(chains)) return double.NaN;
        var q = DrawStatistics.Quantile(DrawStatistics.Pool(chains), probability);
        var indicators = new double[chains.Count][];
        for (var c = 0; c < chains.Count; c++)
        {
            indicators[c] = new double[chains[c].Length];
            for (var i = 0; i < indicators[c].Length; i++) indicators[c][i] = chains[c][i] <= q ? 1 : 0;
        }
        return DrawStatistics.EffectiveSampleSize(DrawStatistics.Split(indicators));
    }

    /// <summary>
    /// R-hat: the larger of the rank-normalised split R-hat of the draws and of the draws folded about their median
    /// (Stan's <c>Rhat</c>), so that chains which disagree in location or in scale both raise it. Stan's advice: use
    /// the draws only when it is below 1.01.
    /// </summary>
    /// <param name="chains">The draws of one quantity, one array per chain.</param>
    /// <returns>R-hat, near 1 for chains that agree; NaN as described in the remarks of <see cref="McmcDiagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chains"/> or one of its chains is null.</exception>
    /// <exception cref="ArgumentException">No chains, chains of unequal length, or fewer than 4 draws per chain.</exception>
    public static double RHat(IReadOnlyList<double[]> chains) => RHat(chains, BlomOffset);

    internal static double RHat(IReadOnlyList<double[]> chains, double rankOffset)
    {
        Validate(chains);
        if (!AllFinite(chains)) return double.NaN;
        var bulk = DrawStatistics.PotentialScaleReduction(DrawStatistics.RankNormalize(DrawStatistics.Split(chains), rankOffset));
        var median = DrawStatistics.Quantile(DrawStatistics.Pool(chains), 0.5);
        var folded = new double[chains.Count][];
        for (var c = 0; c < chains.Count; c++)
        {
            folded[c] = new double[chains[c].Length];
            for (var i = 0; i < folded[c].Length; i++) folded[c][i] = Math.Abs(chains[c][i] - median);
        }
        var tail = DrawStatistics.PotentialScaleReduction(DrawStatistics.RankNormalize(DrawStatistics.Split(folded), rankOffset));
        return Math.Max(bulk, tail);
    }

    /// <summary>
    /// The classic split R-hat of Gelman et al. (2013, BDA3), on the draws themselves, not their ranks
    /// (posterior's <c>rhat_basic</c>). Prefer <see cref="RHat(IReadOnlyList{double[]})"/>; this one needs finite variance.
    /// </summary>
    /// <param name="chains">The draws of one quantity, one array per chain.</param>
    /// <returns>Split R-hat; NaN as described in the remarks of <see cref="McmcDiagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chains"/> or one of its chains is null.</exception>
    /// <exception cref="ArgumentException">No chains, chains of unequal length, or fewer than 4 draws per chain.</exception>
    public static double RHatBasic(IReadOnlyList<double[]> chains)
    {
        Validate(chains);
        if (!AllFinite(chains)) return double.NaN;
        return DrawStatistics.PotentialScaleReduction(DrawStatistics.Split(chains));
    }

    /// <summary>
    /// Effective sample size for the mean: that of the split chains themselves, not their ranks (Stan's
    /// <c>ess_mean</c>, the ESS of Gelman et al. 2013 with Geyer's initial monotone sequence). It assumes a finite
    /// variance; <see cref="EssBulk(IReadOnlyList{double[]})"/> does not.
    /// </summary>
    /// <param name="chains">The draws of one quantity, one array per chain.</param>
    /// <returns>The effective sample size, at most S log10(S) for S draws in all; NaN as described in the remarks of <see cref="McmcDiagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chains"/> or one of its chains is null.</exception>
    /// <exception cref="ArgumentException">No chains, chains of unequal length, or fewer than 4 draws per chain.</exception>
    public static double EssMean(IReadOnlyList<double[]> chains)
    {
        Validate(chains);
        if (!AllFinite(chains)) return double.NaN;
        return DrawStatistics.EffectiveSampleSize(DrawStatistics.Split(chains));
    }

    /// <summary>
    /// Monte Carlo standard error of the mean: the standard deviation of all draws over √<see cref="EssMean"/>
    /// (Stan's <c>mcse_mean</c>). The posterior mean is known to about ± 2 of these.
    /// </summary>
    /// <param name="chains">The draws of one quantity, one array per chain.</param>
    /// <returns>The standard error; NaN as described in the remarks of <see cref="McmcDiagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chains"/> or one of its chains is null.</exception>
    /// <exception cref="ArgumentException">No chains, chains of unequal length, or fewer than 4 draws per chain.</exception>
    public static double McseMean(IReadOnlyList<double[]> chains)
    {
        var ess = EssMean(chains);
        return double.IsNaN(ess) ? double.NaN : Math.Sqrt(DrawStatistics.Variance(DrawStatistics.Pool(chains)) / ess);
    }

    private static void Validate(IReadOnlyList<double[]> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        if (chains.Count == 0) throw new ArgumentException("There must be at least one chain.", nameof(chains));
        for (var c = 0; c < chains.Count; c++)
            if (chains[c] is null) throw new ArgumentNullException(nameof(chains), $"Chain {c} is null.");
        var length = chains[0].Length;
        for (var c = 1; c < chains.Count; c++)
            if (chains[c].Length != length)
                throw new ArgumentException(
                    $"All chains must have the same number of draws: chain 0 has {length}, chain {c} has {chains[c].Length}.",
                    nameof(chains));
        if (length < MinimumDraws)
            throw new ArgumentException(
                $"Each chain must have at least {MinimumDraws} draws (two per half-chain); these have {length}.", nameof(chains));
    }

    private static bool AllFinite(IReadOnlyList<double[]> chains)
    {
        foreach (var chain in chains)
            foreach (var x in chain)
                if (!double.IsFinite(x)) return false;
        return true;
    }
}
