using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Gen.Samples.CurveFitting;
using static Gen.Transforms;

namespace Gen.Benchmarks.Inference;

/// <summary>
/// ImportanceK throughput on the curve-fitting model (20 points, Vmap, 45 choices per particle) at K = 100,000:
/// all cores against one core. Each invocation is one whole ImportanceK call.
/// </summary>
[Config(typeof(Config))]
public class ImportanceKBenchmarks
{
    public const int K = 100_000;

    private double[] _xs = [];
    private ChoiceMap _observations = ChoiceMap.Empty;

    /// <summary>Cores used: 1, or 0 for all of them.</summary>
    [Params(0, 1)]
    public int Cores { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_xs, _observations) = CurveData.Make();
    }

    [Benchmark]
    public double ImportanceK()
    {
        var options = new InferenceOptions { MaxDegreeOfParallelism = Cores == 0 ? null : Cores };
        return Seed(new Key(1), () => Curve.ModelGen(_xs).ImportanceK(K, _observations, options)).LogMarginalLikelihood();
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // One whole ImportanceK per invocation; workstation GC (the .NET default for console apps) and server GC,
            // which serves allocation-heavy parallel work far better.
            var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1);
            AddJob(job.WithGcServer(false).WithId("workstation GC"));
            AddJob(job.WithGcServer(true).WithId("server GC"));
            AddColumn(new ParticlesPerSecond());
        }
    }

    /// <summary>K divided by the mean time of one ImportanceK call.</summary>
    private sealed class ParticlesPerSecond : IColumn
    {
        public string Id => nameof(ParticlesPerSecond);
        public string ColumnName => "Particles/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "ImportanceK particles per second (K / mean)";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics ? (K / (statistics.Mean / 1e9)).ToString("N0") : "-";
    }
}

/// <summary>The curve-fitting sample's data: 20 points, 5 outliers, simulated on a fixed key.</summary>
public static class CurveData
{
    public static (double[] Xs, ChoiceMap Observations) Make()
    {
        var xs = Enumerable.Range(0, 20).Select(i => -2 + 4.0 * i / 19).ToArray();
        var truth = Seed(new Key(2024), () => Curve.ModelGen(xs).Importance(ChoiceMap.Of(
            ("c0", 0.5), ("c1", 1.0), ("c2", -0.6), ("prob_outlier", 0.2), ("noise", 0.3))).Trace);
        return (xs, ChoiceMap.Of(truth.Retval.Select((y, i) => ((Address)("data", i, "y"), (object)y)).ToArray()));
    }
}
