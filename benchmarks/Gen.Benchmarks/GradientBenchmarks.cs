using BenchmarkDotNet.Attributes;
using Gen.Internal;

namespace Gen.Benchmarks;

/// <summary>
/// The cost of one gradient of Line's log joint (100 points, in slope and intercept) against one Assess of the same
/// trace (the baseline: the cheap-gradient bound asks for at most 4×) and against a hand-written gradient. The
/// generated gradient is timed as NUTS calls it (a target evaluated in place) and through the public
/// <c>trace.Gradients</c>, which also builds its result map.
/// </summary>
[MemoryDiagnoser]
public class GradientBenchmarks
{
    private double[] _xs = [], _ys = [];
    private ChoiceMap _all = ChoiceMap.Empty;
    private Trace<double> _trace = null!;
    private GradientTarget _target = null!;
    private readonly double[] _position = new double[2], _gradient = new double[2];
    private readonly Selection _latent = Selection.Of("slope", "intercept");

    [GlobalSetup]
    public void Setup()
    {
        _xs = Enumerable.Range(0, 100).Select(i => i / 10.0).ToArray();
        _trace = Gfi.Simulate(Models.LineGen(_xs), new Key(42));
        _all = _trace.Choices;
        _ys = _xs.Select((_, i) => _trace.Get<double>(("y", i))).ToArray();
        _target = _trace.Function.Target(_trace, _latent);
        _target.Initial.CopyTo(_position, 0);
    }

    [Benchmark(Baseline = true)] public double Assess() { var used = 0; return Gfi.Assess(Models.LineGen(_xs), _all, ref used).Weight; }
    [Benchmark] public double GradientTarget() => _target.Evaluate(_position, _gradient);
    [Benchmark] public object TraceGradients() => _trace.Gradients(_latent);
    [Benchmark] public double GradientHand() => HandWritten.LineGradient(_xs, _ys, _position[0], _position[1], _gradient);
}
