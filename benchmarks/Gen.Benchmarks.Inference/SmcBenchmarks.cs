using BenchmarkDotNet.Attributes;
using Gen.Inference;
using Gen.Samples.Hmm;
using static Gen.Transforms;

namespace Gen.Benchmarks.Inference;

/// <summary>The particle-filter benchmark's data: 50 steps of the HMM sample's weather model (samples/Gen.Samples.Hmm).</summary>
public static class SmcData
{
    public const int Steps = 50;

    /// <summary>The model with t + 1 steps, as the filter extends it.</summary>
    public static GenerativeFunction<int[]> Days(int t) => Weather.Days(t + 1);

    /// <summary>50 observations simulated from the model (fixed key).</summary>
    public static int[] Data()
    {
        var trace = Seed(new Key(7), () => Weather.Days(Steps).Simulate());
        return Enumerable.Range(0, Steps).Select(t => trace.Get<int>((t, "y"))).ToArray();
    }
}

/// <summary>
/// The bootstrap particle filter (10,000 particles, 50 steps, resampling before every step: EssThreshold 1, systematic)
/// on the HMM, three ways: (a) a hand-written filter doing the same work with the same Threefry keys, samplers and
/// densities — particle i's step t samples z with key <c>K_t.FoldIn(i).FoldIn(0).FoldIn(t).FoldIn(0)</c> (the keys the
/// Seed / Update / Scan / site structure gives it), adds log p(z) + log p(y | z) to its score and log p(y | z) to its
/// weight, in parallel over contiguous chunks, and keeps every particle's path as a column of states and a column of
/// ancestors per step; the same effective-sample-size rule and systematic resampling, sequentially (the weights' log-sum-exp
/// found once per step and shared by the three, the normalised weights computed in parallel, as the library does); (b)
/// <c>ParticleFilter.Run</c> (the Scan chains); (c) the same filter with one trace edit per particle and step (the path
/// before the chains, kept as the definition they reproduce). All three give the same log marginal likelihood, bit for
/// bit (checked in the set-up).
/// </summary>
[MemoryDiagnoser]
public class SmcBenchmarks
{
    public const int N = 10_000;

    private int[] _ys = [];
    private ChoiceMap[] _observations = [];
    private static readonly SmcOptions Options = new() { EssThreshold = 1 };

    [GlobalSetup]
    public void Setup()
    {
        Prepare();
        Check();
    }

    /// <summary>The data, without the check (for a profiler's run of one filter).</summary>
    public void Prepare()
    {
        _ys = SmcData.Data();
        _observations = _ys.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray();
    }

    /// <summary>Fails unless the three filters give the same estimate, bit for bit.</summary>
    public void Check()
    {
        var hand = HandWritten();
        var chains = ParticleFilter();
        var perParticle = PerParticle();
        if (BitConverter.DoubleToInt64Bits(hand) != BitConverter.DoubleToInt64Bits(chains) || BitConverter.DoubleToInt64Bits(perParticle) != BitConverter.DoubleToInt64Bits(chains))
            throw new InvalidOperationException($"The three filters disagree: hand-written {hand:R}, chains {chains:R}, per particle {perParticle:R}.");
    }

    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        var ys = _ys;
        var stream = new KeyStream(new Key(1).FoldIn(0)); // the key ParticleFilter.Run draws inside Seed(new Key(1))
        var states = new int[SmcData.Steps][];
        var ancestors = new int[SmcData.Steps][];
        var scores = new double[N];
        var weights = new double[N];
        for (var t = 0; t < SmcData.Steps; t++)
        {
            int[]? parents = null;
            // The weights' log-sum-exp once per step: the effective sample size, the normalised weights and the evidence share it.
            var total = t > 0 ? LogSumExp.Of(weights) : 0;
            if (t > 0 && EffectiveSampleSize(weights, total) < N)
            {
                parents = Systematic(weights, total, stream.Next());
                var logMarginal = total - Math.Log(N); // LogSumExp.Mean's arithmetic
                var gathered = new double[N];
                for (var i = 0; i < N; i++) gathered[i] = scores[parents[i]];
                scores = gathered;
                Array.Fill(weights, logMarginal);
            }
            var key = stream.Next();
            var z = states[t] = new int[N];
            var previous = t == 0 ? null : states[t - 1];
            ancestors[t] = parents ?? [];
            var y = ys[t];
            var step = t;
            Parallel.For(0, (N + 255) / 256, c =>
            {
                var end = Math.Min(N, (c + 1) * 256);
                for (var i = c * 256; i < end; i++)
                {
                    var probs = step == 0 ? Weather.Initial : Weather.Transition[previous![parents is null ? i : parents[i]]];
                    var siteKey = key.FoldIn((uint)i).FoldIn(0).FoldIn((uint)step).FoldIn(0);
                    var zi = z[i] = Categorical.Sample(siteKey, probs);
                    var logPy = Categorical.LogDensity(y, Weather.Emission[zi]);
                    scores[i] += Categorical.LogDensity(zi, probs) + logPy;
                    weights[i] += logPy;
                }
            });
        }
        return LogSumExp.Mean(weights);
    }

    [Benchmark]
    public double ParticleFilter() => Seed(new Key(1), () => Gen.Inference.ParticleFilter.Run(SmcData.Days, _observations, N, Options)).LogMarginalLikelihood;

    [Benchmark]
    public double PerParticle() => Seed(new Key(1), () => Gen.Inference.ParticleFilter.Filter(SmcData.Days, _observations, N, Options, null,
        (previous, t, batch) => previous is null
            ? Particles<int[]>.Importance(SmcData.Days(0), N, _observations[0], KeySource.Next(), batch)
            : previous.PerParticleEdit(EditRequest.Update(SmcData.Days(t), _observations[t]), KeySource.Next(), batch))).LogMarginalLikelihood;

    private static double EffectiveSampleSize(double[] logWeights, double total)
    {
        var squares = new double[logWeights.Length];
        for (var i = 0; i < squares.Length; i++) squares[i] = 2 * (logWeights[i] - total);
        return Math.Exp(-LogSumExp.Of(squares));
    }

    /// <summary>
    /// Systematic resampling of the normalised weights (the library's sampler, as the baseline uses its categorical), the
    /// weights normalised in parallel over contiguous chunks.
    /// </summary>
    private static int[] Systematic(double[] logWeights, double total, Key key)
    {
        var normalised = new double[logWeights.Length];
        Parallel.For(0, (normalised.Length + 4095) / 4096, c =>
        {
            var end = Math.Min(normalised.Length, (c + 1) * 4096);
            for (var i = c * 4096; i < end; i++) normalised[i] = Math.Exp(logWeights[i] - total);
        });
        return Resampling.Systematic(normalised, key);
    }
}
