using System;
using System.Collections.Generic;
using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Gen.Inference;

/// <summary>
/// The numerical steps behind <see cref="McmcDiagnostics"/>, each as Stan's R code (rstan's monitor.R, posterior's
/// convergence.R) does it, on validated, finite chains of equal length. A matrix of draws is one array per chain.
/// </summary>
internal static class DrawStatistics
{
    /// <summary>Stan's test for constant draws: a range below the machine epsilon (absolute, as in R).</summary>
    private const double ConstantTolerance = 2.220446049250313e-16;

    /// <summary>
    /// Each chain's first and second halves as two chains; of an odd number of draws the middle one is dropped
    /// (R's <c>x[1:floor(n/2)]</c> and <c>x[ceiling(n/2 + 1):n]</c>).
    /// </summary>
    public static double[][] Split(IReadOnlyList<double[]> chains)
    {
        var n = chains[0].Length;
        var half = n / 2;
        var split = new double[2 * chains.Count][];
        for (var c = 0; c < chains.Count; c++)
        {
            split[2 * c] = chains[c].AsSpan(0, half).ToArray();
            split[2 * c + 1] = chains[c].AsSpan(n - half, half).ToArray();
        }
        return split;
    }

    /// <summary>All draws in one array, chain after chain.</summary>
    public static double[] Pool(IReadOnlyList<double[]> chains)
    {
        var pooled = new double[chains.Count * chains[0].Length];
        for (var c = 0; c < chains.Count; c++) chains[c].CopyTo(pooled, c * chains[0].Length);
        return pooled;
    }

    /// <summary>
    /// Replaces each draw by the normal quantile of its fractional rank among all S draws,
    /// z = Φ⁻¹((r − c) / (S − 2c + 1)), ties taking their average rank (R's <c>rank(ties.method = "average")</c>).
    /// </summary>
    public static double[][] RankNormalize(double[][] chains, double offset)
    {
        var pooled = Pool(chains);
        var s = pooled.Length;
        var order = new int[s];
        for (var i = 0; i < s; i++) order[i] = i;
        var keys = (double[])pooled.Clone();
        Array.Sort(keys, order);
        var z = new double[s];
        for (var start = 0; start < s;)
        {
            var end = start + 1;
            while (end < s && keys[end] == keys[start]) end++;
            var rank = (start + 1 + end) / 2.0;   // average of the 1-based ranks start+1 … end
            var value = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (rank - offset) / (s - 2 * offset + 1));
            for (var k = start; k < end; k++) z[order[k]] = value;
            start = end;
        }
        var n = chains[0].Length;
        var result = new double[chains.Length][];
        for (var c = 0; c < chains.Length; c++) result[c] = z.AsSpan(c * n, n).ToArray();
        return result;
    }

    /// <summary>The empirical <paramref name="p"/> quantile, R's default (type 7): linear between order statistics.</summary>
    public static double Quantile(double[] draws, double p)
    {
        var sorted = (double[])draws.Clone();
        Array.Sort(sorted);
        // R's arithmetic to the last bit: the 1-based index 1 + (n - 1) p, and (1 - h) x[lo] + h x[hi] only where it
        // changes anything, so that the indicator x <= q of a draw at the quantile is the same as in R.
        var index = 1 + (sorted.Length - 1) * p;
        var lo = Math.Floor(index);
        var hi = Math.Ceiling(index);
        var q = sorted[(int)lo - 1];
        var upper = sorted[(int)hi - 1];
        var h = index - lo;
        return index > lo && upper != q ? (1 - h) * q + h * upper : q;
    }

    public static double Mean(double[] x)
    {
        var sum = 0.0;
        foreach (var v in x) sum += v;
        return sum / x.Length;
    }

    /// <summary>The sample variance (denominator n − 1), in two passes.</summary>
    public static double Variance(double[] x)
    {
        var mean = Mean(x);
        var sum = 0.0;
        foreach (var v in x) sum += (v - mean) * (v - mean);
        return sum / (x.Length - 1);
    }

    /// <summary>
    /// The potential scale reduction of Gelman et al. (2013): √((n − 1)/n + B/(n W)) with B/n the variance of the chain
    /// means and W the mean within-chain variance. NaN for constant draws.
    /// </summary>
    public static double PotentialScaleReduction(double[][] chains)
    {
        if (IsConstant(chains)) return double.NaN;
        var n = chains[0].Length;
        var means = new double[chains.Length];
        var within = 0.0;
        for (var c = 0; c < chains.Length; c++)
        {
            means[c] = Mean(chains[c]);
            within += Variance(chains[c]);
        }
        within /= chains.Length;
        var between = n * Variance(means);
        return Math.Sqrt((between / within + n - 1) / n);
    }

    /// <summary>
    /// The effective sample size of Stan's <c>ess_rfun</c> (posterior's <c>.ess</c>): autocorrelations pooled over
    /// chains through the variance estimate var⁺ (Gelman et al. 2013), summed by Geyer's initial positive sequence,
    /// made monotone, with the last positive even lag added (Vehtari et al. 2021, which reduces the variance for
    /// antithetic chains); the integrated autocorrelation time is bounded below by 1/log10(S). NaN for constant draws
    /// and for fewer than 3 draws per chain.
    /// </summary>
    public static double EffectiveSampleSize(double[][] chains)
    {
        var m = chains.Length;
        var n = chains[0].Length;
        if (n < 3 || IsConstant(chains)) return double.NaN;

        var acov = new double[n];   // the mean over chains of each chain's autocovariance at each lag
        var means = new double[m];
        for (var c = 0; c < m; c++)
        {
            var ac = Autocovariance(chains[c]);
            for (var t = 0; t < n; t++) acov[t] += ac[t] / m;
            means[c] = Mean(chains[c]);
        }
        var meanVar = acov[0] * n / (n - 1);
        var varPlus = meanVar * (n - 1) / n;
        if (m > 1) varPlus += Variance(means);
        double Rho(int lag) => 1 - (meanVar - acov[lag]) / varPlus;

        // Geyer's initial positive sequence: sum pairs (rho[t], rho[t+1]) of even t while their sum is positive.
        var rho = new double[n];
        rho[0] = 1;
        rho[1] = Rho(1);
        double even = 1, odd = rho[1];
        var last = 0;   // Stan's max_t
        while (last < n - 5 && !double.IsNaN(even + odd) && even + odd > 0)
        {
            last += 2;
            even = Rho(last);
            odd = Rho(last + 1);
            if (even + odd >= 0)
            {
                rho[last] = even;
                rho[last + 1] = odd;
            }
        }
        if (even > 0) rho[last] = even;

        // Geyer's initial monotone sequence: no pair sum may exceed the one before it.
        for (var t = 2; t <= last - 2; t += 2)
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1])
                rho[t] = rho[t + 1] = (rho[t - 2] + rho[t - 1]) / 2;

        // tau = -1 + 2 (rho[0] + … + rho[last - 1]) + rho[last]. When no pair was summed (last = 0) the R code's
        // sum(rho_hat_t[1:max_t]) is sum(rho_hat_t[1:0]) = rho[0], not an empty sum; kept so as to agree with Stan.
        var sum = 0.0;
        for (var t = 0; t < Math.Max(last, 1); t++) sum += rho[t];
        var tau = -1 + 2 * sum + rho[last];
        var total = (double)m * n;
        return total / Math.Max(tau, 1 / Math.Log10(total));
    }

    /// <summary>
    /// The biased autocovariance (denominator n, as Geyer 1992 recommends) at lags 0 … n − 1, through an FFT of the
    /// centred draws padded with zeros to a power of two at least 2n, so that the circular correlation is the linear one.
    /// </summary>
    public static double[] Autocovariance(double[] x)
    {
        var n = x.Length;
        var mean = Mean(x);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n));
        var spectrum = new Complex[size];
        for (var i = 0; i < n; i++) spectrum[i] = new Complex(x[i] - mean, 0);
        Fourier.Forward(spectrum, FourierOptions.NoScaling);
        for (var k = 0; k < size; k++)
        {
            var f = spectrum[k];
            spectrum[k] = new Complex(f.Real * f.Real + f.Imaginary * f.Imaginary, 0);
        }
        Fourier.Inverse(spectrum, FourierOptions.NoScaling);
        var acov = new double[n];
        for (var t = 0; t < n; t++) acov[t] = spectrum[t].Real / ((double)size * n);
        return acov;
    }

    private static bool IsConstant(double[][] chains)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var chain in chains)
            foreach (var v in chain)
            {
                if (v < min) min = v;
                if (v > max) max = v;
            }
        return Math.Abs(max - min) < ConstantTolerance;
    }
}
