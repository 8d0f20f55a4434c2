using BenchmarkDotNet.Attributes;
using Gen.Internal;

namespace Gen.Benchmarks;

/// <summary>
/// Generated code vs a hand-written loop (the baseline, same keys, samplers and densities) vs the reference
/// interpreter, for each GFI method. All three take the same explicit key (through the GFI's key-explicit
/// entry points), so the comparison is of the same work.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn, GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class LineBenchmarks
{
    private static readonly Key Key = new(42);
    private double[] _xs = [];
    private ChoiceMap _observations = ChoiceMap.Empty;
    private ChoiceMap _all = ChoiceMap.Empty;
    private ChoiceMap _newSlope = ChoiceMap.Empty;
    private Trace<double> _generated = null!, _interpreted = null!;
    private HandWritten.LineTrace _hand = null!;

    [Params(100)] public int Points;

    [GlobalSetup]
    public void Setup()
    {
        _xs = Enumerable.Range(0, Points).Select(i => i / 10.0).ToArray();
        _generated = Gfi.Simulate(Models.LineGen(_xs), Key);
        _interpreted = Gfi.Simulate(Interpreted(), Key);
        _hand = HandWritten.SimulateLine(Key, _xs);
        _all = _generated.Choices;
        _observations = ChoiceMap.Of(_all.Where(c => c.Address.Head.Name == "y").ToArray());
        _newSlope = ChoiceMap.Of(("slope", 0.25));
    }

    private GenerativeFunction<double> Interpreted() => new InterpretedFunction<double>("Line", () => Models.Line(_xs));

    [Benchmark(Baseline = true), BenchmarkCategory("Simulate")] public object SimulateHand() => HandWritten.SimulateLine(Key, _xs);
    [Benchmark, BenchmarkCategory("Simulate")] public object SimulateGenerated() => Gfi.Simulate(Models.LineGen(_xs), Key);
    [Benchmark, BenchmarkCategory("Simulate")] public object SimulateInterpreted() => Gfi.Simulate(Interpreted(), Key);

    [Benchmark(Baseline = true), BenchmarkCategory("Importance")] public object ImportanceHand() => HandWritten.ImportanceLine(Key, _xs, _observations);
    [Benchmark, BenchmarkCategory("Importance")] public object ImportanceGenerated() { var used = 0; return Gfi.Generate(Models.LineGen(_xs), Key, _observations, ref used); }
    [Benchmark, BenchmarkCategory("Importance")] public object ImportanceInterpreted() { var used = 0; return Gfi.Generate(Interpreted(), Key, _observations, ref used); }

    [Benchmark(Baseline = true), BenchmarkCategory("Update")] public object UpdateHand() => HandWritten.UpdateSlope(_hand, _xs, 0.25);
    [Benchmark, BenchmarkCategory("Update")] public object UpdateGenerated() { var used = 0; return Gfi.Update(Models.LineGen(_xs), Key, _generated, _newSlope, ref used)!; }
    [Benchmark, BenchmarkCategory("Update")] public object UpdateInterpreted() { var used = 0; return Gfi.Update(Interpreted(), Key, _interpreted, _newSlope, ref used)!; }

    [Benchmark(Baseline = true), BenchmarkCategory("Assess")] public double AssessHand() => HandWritten.AssessLine(_xs, _all);
    [Benchmark, BenchmarkCategory("Assess")] public double AssessGenerated() { var used = 0; return Gfi.Assess(Models.LineGen(_xs), _all, ref used).Weight; }
    [Benchmark, BenchmarkCategory("Assess")] public double AssessInterpreted() { var used = 0; return Gfi.Assess(Interpreted(), _all, ref used).Weight; }
}

/// <summary>The same comparison for a 1,000-site model (a random walk of 999 steps plus its start).</summary>
[MemoryDiagnoser]
[CategoriesColumn, GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class WalkBenchmarks
{
    private const int Steps = 999;
    private static readonly Key Key = new(7);
    private ChoiceMap _observations = ChoiceMap.Empty;
    private ChoiceMap _all = ChoiceMap.Empty;
    private ChoiceMap _newStart = ChoiceMap.Empty;
    private Trace<double> _generated = null!, _interpreted = null!;
    private HandWritten.WalkTrace _hand = null!;

    [GlobalSetup]
    public void Setup()
    {
        _generated = Gfi.Simulate(Models.WalkGen(Steps), Key);
        _interpreted = Gfi.Simulate(Interpreted(), Key);
        _hand = HandWritten.SimulateWalk(Key, Steps);
        _all = _generated.Choices;
        _observations = ChoiceMap.Of(_all.Where(c => c.Address.Head.Name == "x").ToArray());
        _newStart = ChoiceMap.Of(("x0", 0.5));
    }

    private static GenerativeFunction<double> Interpreted() => new InterpretedFunction<double>("Walk", () => Models.Walk(Steps));

    [Benchmark(Baseline = true), BenchmarkCategory("Simulate")] public object SimulateHand() => HandWritten.SimulateWalk(Key, Steps);
    [Benchmark, BenchmarkCategory("Simulate")] public object SimulateGenerated() => Gfi.Simulate(Models.WalkGen(Steps), Key);
    [Benchmark, BenchmarkCategory("Simulate")] public object SimulateInterpreted() => Gfi.Simulate(Interpreted(), Key);

    [Benchmark(Baseline = true), BenchmarkCategory("Importance")] public object ImportanceHand() => HandWritten.ImportanceWalk(Key, Steps, _observations);
    [Benchmark, BenchmarkCategory("Importance")] public object ImportanceGenerated() { var used = 0; return Gfi.Generate(Models.WalkGen(Steps), Key, _observations, ref used); }
    [Benchmark, BenchmarkCategory("Importance")] public object ImportanceInterpreted() { var used = 0; return Gfi.Generate(Interpreted(), Key, _observations, ref used); }

    [Benchmark(Baseline = true), BenchmarkCategory("Update")] public object UpdateHand() => HandWritten.UpdateX0(_hand, Steps, 0.5);
    [Benchmark, BenchmarkCategory("Update")] public object UpdateGenerated() { var used = 0; return Gfi.Update(Models.WalkGen(Steps), Key, _generated, _newStart, ref used)!; }
    [Benchmark, BenchmarkCategory("Update")] public object UpdateInterpreted() { var used = 0; return Gfi.Update(Interpreted(), Key, _interpreted, _newStart, ref used)!; }

    [Benchmark(Baseline = true), BenchmarkCategory("Assess")] public double AssessHand() => HandWritten.AssessWalk(Steps, _all);
    [Benchmark, BenchmarkCategory("Assess")] public double AssessGenerated() { var used = 0; return Gfi.Assess(Models.WalkGen(Steps), _all, ref used).Weight; }
    [Benchmark, BenchmarkCategory("Assess")] public double AssessInterpreted() { var used = 0; return Gfi.Assess(Interpreted(), _all, ref used).Weight; }
}
