using System;
using System.Collections.Generic;
using System.Linq;

namespace Gen.Inference;

/// <summary>
/// The draws of <see cref="Nuts.Run{R}"/> for every unobserved continuous choice, per chain, with the diagnostics users
/// expect: posterior mean and standard deviation, bulk and tail effective sample size and rank-normalised R-hat (as
/// Stan and ArviZ compute them), divergences, tree depths, step sizes and times.
/// </summary>
/// <typeparam name="R">The model's return type.</typeparam>
public sealed class NutsResult<R>
{
    private readonly ChainResult[] _chains;
    private readonly Dictionary<Address, int> _index = new();

    internal NutsResult(GenerativeFunction<R> model, ChainResult[] chains)
    {
        Model = model;
        _chains = chains;
        for (var k = 0; k < chains[0].Addresses.Length; k++) _index[chains[0].Addresses[k]] = k;
    }

    /// <summary>The model sampled.</summary>
    public GenerativeFunction<R> Model { get; }

    /// <summary>The addresses sampled (every unobserved continuous choice), in the model's visit order.</summary>
    public IReadOnlyList<Address> Addresses => _chains[0].Addresses;

    /// <summary>The number of chains.</summary>
    public int Chains => _chains.Length;

    /// <summary>Draws per chain (after warm-up).</summary>
    public int Samples => _chains[0].Steps.Length;

    /// <summary>Transitions after warm-up whose energy error exceeded 1000 (the trajectory diverged), over all chains.</summary>
    public int Divergences => _chains.Sum(c => c.Steps.Count(s => s.Divergent));

    /// <summary>Transitions after warm-up that stopped at the maximum tree depth, over all chains.</summary>
    public int MaxTreeDepthHits(int maxTreeDepth = 10) => _chains.Sum(c => c.Steps.Count(s => s.TreeDepth >= maxTreeDepth));

    /// <summary>The mean tree depth after warm-up.</summary>
    public double MeanTreeDepth => _chains.SelectMany(c => c.Steps).Average(s => s.TreeDepth);

    /// <summary>The mean acceptance statistic after warm-up.</summary>
    public double MeanAcceptance => _chains.SelectMany(c => c.Steps).Average(s => s.AcceptStat);

    /// <summary>Each chain's adapted step size.</summary>
    public IReadOnlyList<double> StepSizes => _chains.Select(c => c.StepSize).ToArray();

    /// <summary>Leapfrog steps after warm-up, over all chains (the gradient evaluations of sampling).</summary>
    public long Leapfrogs => _chains.Sum(c => c.Steps.Sum(s => (long)s.Leapfrogs));

    /// <summary>Time spent in warm-up, summed over chains (each chain's own time, as Stan reports it).</summary>
    public TimeSpan WarmupTime => TimeSpan.FromTicks(_chains.Sum(c => c.Warmup.Ticks));

    /// <summary>Time spent sampling after warm-up, summed over chains.</summary>
    public TimeSpan SamplingTime => TimeSpan.FromTicks(_chains.Sum(c => c.Sampling.Ticks));

    /// <summary>The draws of the choice at <paramref name="address"/>, all chains one after another.</summary>
    /// <exception cref="ArgumentException">No sampled choice has that address.</exception>
    public IReadOnlyList<T> Draws<T>(Address address)
    {
        var draws = PerChain(address).SelectMany(d => d).ToArray();
        return draws is T[] typed ? typed : draws.Select(d => (T)(object)d).ToArray();
    }

    /// <summary>The draws of <paramref name="address"/> in chain <paramref name="chain"/>.</summary>
    public IReadOnlyList<double> ChainDraws(Address address, int chain) => PerChain(address)[chain];

    /// <summary>The posterior mean of the choice at <paramref name="address"/>.</summary>
    public double Mean(Address address) => PerChain(address).SelectMany(d => d).Average();

    /// <summary>The posterior standard deviation of the choice at <paramref name="address"/>.</summary>
    public double StandardDeviation(Address address)
    {
        var all = PerChain(address).SelectMany(d => d).ToArray();
        var mean = all.Average();
        return Math.Sqrt(all.Sum(x => (x - mean) * (x - mean)) / (all.Length - 1));
    }

    /// <summary>The bulk effective sample size (rank-normalised split chains), as Stan's <c>ess_bulk</c>.</summary>
    public double EssBulk(Address address) => McmcDiagnostics.EssBulk(PerChain(address));

    /// <summary>The tail effective sample size (of the 5 % and 95 % quantiles), as Stan's <c>ess_tail</c>.</summary>
    public double EssTail(Address address) => McmcDiagnostics.EssTail(PerChain(address));

    /// <summary>The rank-normalised split R-hat (the larger of bulk and folded), as Stan's <c>Rhat</c>.</summary>
    public double RHat(Address address) => McmcDiagnostics.RHat(PerChain(address));

    /// <summary>The Monte Carlo standard error of the posterior mean.</summary>
    public double McseMean(Address address) => McmcDiagnostics.McseMean(PerChain(address));

    private double[][] PerChain(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!_index.TryGetValue(address, out var k))
            throw new ArgumentException($"NUTS sampled no choice at '{address}'; it sampled {Address.List(Addresses)}.", nameof(address));
        return _chains.Select(c => c.Draws[k]).ToArray();
    }
}
