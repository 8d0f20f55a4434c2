using BenchmarkDotNet.Attributes;
using Gen.Benchmarks.Nuts;
using Gen.Internal;

namespace Gen.Benchmarks;

/// <summary>
/// One gradient of the regression NUTS samples in benchmarks/Gen.Benchmarks.Nuts (100 observations, 5 predictors; the
/// target in (beta, log sigma) with the log-Jacobian, as NUTS evaluates it) against one Assess of the same trace and
/// against a hand-written gradient of the same target.
/// </summary>
[MemoryDiagnoser]
public class RegressionGradientBenchmarks
{
    private const int D = 5;
    private double[][] _x = [];
    private double[] _y = [];
    private ChoiceMap _all = ChoiceMap.Empty;
    private GradientTarget _target = null!;
    private readonly double[] _position = new double[D + 1], _gradient = new double[D + 1];

    [GlobalSetup]
    public void Setup()
    {
        var keys = new KeyStream(new Key(7));
        _x = Enumerable.Range(0, 100).Select(_ => Enumerable.Range(0, D).Select(_ => Normal.Sample(keys.Next(), 0, 1)).ToArray()).ToArray();
        var trace = Gfi.Simulate(StanModels.RegressionGen(_x, D), new Key(42));
        _all = trace.Choices;
        _y = Enumerable.Range(0, _x.Length).Select(n => trace.Get<double>(("y", n))).ToArray();
        var latent = Selection.Of("beta", "sigma");
        _target = trace.Function.Target(trace, latent);
        _target.Initial.CopyTo(_position, 0);
        // The baselines compute the same function: check before timing.
        var hand = new double[D + 1];
        var (generatedValue, handValue) = (_target.Evaluate(_position, _gradient), HandWritten.RegressionGradient(_x, _y, _position, hand));
        if (Math.Abs(generatedValue - handValue) > 1e-9 * Math.Abs(handValue) || _gradient.Zip(hand).Any(g => Math.Abs(g.First - g.Second) > 1e-9 * (1 + Math.Abs(g.Second))))
            throw new InvalidOperationException($"the hand-written regression gradient disagrees with the generated one: {handValue} vs {generatedValue}, [{string.Join(", ", hand)}] vs [{string.Join(", ", _gradient)}]");
    }

    [Benchmark(Baseline = true)] public double Assess() { var used = 0; return Gfi.Assess(StanModels.RegressionGen(_x, D), _all, ref used).Weight; }
    [Benchmark] public double GradientTarget() => _target.Evaluate(_position, _gradient);
    [Benchmark] public double GradientHand() => HandWritten.RegressionGradient(_x, _y, _position, _gradient);
}
