using System;
using System.Collections.Generic;

namespace Gen.Internal;

/// <summary>
/// The log density of a model's trace as a function of its selected continuous choices, in the unconstrained space of
/// their supports (Stan's): log p(x(y)) + Σ log |dx/dy|, with its gradient in y. What HMC, MALA and NUTS move on. One
/// target is used by one thread; it evaluates without allocating.
/// </summary>
internal sealed class GradientTarget
{
    private readonly Gradient _gradient;
    private readonly Action<Gradient> _run;
    private static readonly Action<Gradient, Action<Gradient>> Invoke = (gradient, run) => run(gradient);
    private readonly Support[] _supports;
    private readonly double[] _x;
    private readonly double[] _dxdy;
    private readonly double[] _jacobianSlope;

    private readonly GradientInput[] _inputs;

    internal GradientTarget(Gradient gradient, Action<Gradient> run, IReadOnlyList<GradientInput> inputs, IReadOnlyList<Support> supports, IReadOnlyList<double> values)
    {
        _gradient = gradient;
        _run = run;
        _inputs = [.. inputs];
        Addresses = Array.ConvertAll(_inputs, i => i.Address);
        _supports = [.. supports];
        _x = new double[Addresses.Length];
        _dxdy = new double[Addresses.Length];
        _jacobianSlope = new double[Addresses.Length];
        Initial = new double[Addresses.Length];
        for (var k = 0; k < Initial.Length; k++)
        {
            if (!_supports[k].Contains(values[k]))
                throw new InvalidOperationException($"The choice '{Addresses[k]}' = {values[k]} lies on the edge of or outside its support {_supports[k]}, where the unconstrained space has no point.");
            Initial[k] = _supports[k].ToUnconstrained(values[k]);
        }
    }

    /// <summary>
    /// The choice map of the choices at <paramref name="x"/> (constrained values, one per coordinate, as
    /// <see cref="Values"/> gives them): a double per double choice, a double[] per vector choice.
    /// </summary>
    public ChoiceMap Choices(ReadOnlySpan<double> x)
    {
        var builder = new ChoiceMapBuilder();
        GradientInput.Write(builder, _inputs, x);
        return builder.Build();
    }

    /// <summary>The selected continuous choices, one coordinate each, in visit order (an mv_normal's element k as <c>(address, k)</c>).</summary>
    public Address[] Addresses { get; }

    public int Dimension => Addresses.Length;

    /// <summary>The unconstrained coordinates of the trace the target was made from.</summary>
    public double[] Initial { get; }

    /// <summary>The choices' values at unconstrained point <paramref name="y"/>.</summary>
    public double[] Values(ReadOnlySpan<double> y)
    {
        var x = new double[y.Length];
        for (var k = 0; k < x.Length; k++) x[k] = _supports[k].FromUnconstrained(y[k], out _, out _, out _);
        return x;
    }

    /// <summary>
    /// log p(x(y)) (+ the log-Jacobian when <paramref name="jacobian"/>) at <paramref name="y"/>, its gradient in y in
    /// <paramref name="gradient"/>. A point where the model cannot be evaluated (a distribution given invalid
    /// parameters) has log density −∞.
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> y, Span<double> gradient, bool jacobian = true)
    {
        var logJacobian = 0.0;
        for (var k = 0; k < _x.Length; k++)
        {
            _x[k] = _supports[k].FromUnconstrained(y[k], out var lj, out _jacobianSlope[k], out _dxdy[k]);
            logJacobian += lj;
        }
        try
        {
            _gradient.Restart(_x);
            _gradient.Run(Invoke, _run);
            if (_gradient.InputNodes.Count != _x.Length || !_gradient.FollowedPlan)
                throw new InvalidOperationException("The model visited other continuous choices at this point than in the trace it started from: its control flow depends on the values moved.");
            _gradient.Backward();
        }
        catch (Exception error) when (Rejection.Rejects(error))
        {
            gradient.Clear();
            return double.NegativeInfinity;
        }
        for (var k = 0; k < _x.Length; k++)
            gradient[k] = _gradient.Adjoint(_gradient.InputNodes[k]) * _dxdy[k] + (jacobian ? _jacobianSlope[k] : 0);
        return jacobian ? _gradient.Score + logJacobian : _gradient.Score;
    }
}
