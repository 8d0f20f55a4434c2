using BenchmarkDotNet.Attributes;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Benchmarks.Inference;

/// <summary>The model of the batched-particles benchmark: mu ~ N(1, 2), 100 observations y_i ~ N(mu, 1).</summary>
public static partial class Observed
{
    public const int Observations = 100;

    [Gen]
    public static double Mean(int n)
    {
        var mu = normal(1, 2).At("mu");
        for (var i = 0; i < n; i++) normal(mu, 1).At("y", i);
        return mu;
    }

    public static double[] Data() => Enumerable.Range(0, Observations).Select(i => 1.5 + Math.Sin(i)).ToArray();

    public static ChoiceMap Constraints(double[] ys) => ChoiceMap.Of(ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());
}

/// <summary>
/// ImportanceK (K = 20,000, all cores) on the observed-mean model against a hand-written loop doing the same work with
/// the same Threefry keys and samplers: particle i roots its execution at <c>batchKey.FoldIn(i).FoldIn(0)</c> (as
/// <c>Seed(batchKey.FoldIn(i), () =&gt; model.Importance(…))</c> does), samples mu with that stream's key 0, and adds the
/// 100 log densities of the observations (read from an array) to its weight; it keeps mu, the score and the weight of
/// every particle, in parallel over contiguous chunks.
/// </summary>
[MemoryDiagnoser]
public class BatchImportanceBenchmarks
{
    public const int K = 20_000;

    private double[] _ys = [];
    private ChoiceMap _constraints = ChoiceMap.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _ys = Observed.Data();
        _constraints = Observed.Constraints(_ys);
    }

    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        var batchKey = new Key(1).FoldIn(0);
        var mu = new double[K];
        var scores = new double[K];
        var weights = new double[K];
        var ys = _ys;
        Parallel.For(0, (K + 1023) / 1024, c =>
        {
            var end = Math.Min(K, (c + 1) * 1024);
            for (var i = c * 1024; i < end; i++)
            {
                var keys = new KeyStream(batchKey.FoldIn((uint)i).FoldIn(0));
                var m = Normal.Sample(keys.Next(), 1, 2);
                var score = Normal.LogDensity(m, 1, 2);
                var weight = 0.0;
                for (var j = 0; j < ys.Length; j++)
                {
                    keys.Reserve();
                    var s = Normal.LogDensity(ys[j], m, 1);
                    weight += s;
                    score += s;
                }
                mu[i] = m;
                scores[i] = score;
                weights[i] = weight;
            }
        });
        return weights[K - 1] + mu[0] + scores[0];
    }

    [Benchmark]
    public double ImportanceK() =>
        Seed(new Key(1), () => Observed.MeanGen(Observed.Observations).ImportanceK(K, _constraints)).LogWeights[K - 1];
}
