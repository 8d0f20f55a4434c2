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

    /// <summary>Runs of coordinates sharing one transform: a double choice (one x, one y) or a simplex (K x, K − 1 y).</summary>
    private readonly Block[] _blocks;

    /// <summary>A simplex's break values per entry (see <see cref="StickBreaking"/>) and ∂f/∂x for its reverse sweep.</summary>
    private readonly double[] _z, _zc, _stick, _gx;

    private readonly record struct Block(int X, int Y, int Length, bool Simplex);

    /// <summary>The target over <paramref name="inputs"/> (their values in the trace are the starting point), run by <paramref name="run"/> on <paramref name="gradient"/>.</summary>
    internal GradientTarget(Gradient gradient, Action<Gradient> run, IReadOnlyList<GradientInput> inputs)
    {
        _gradient = gradient;
        _run = run;
        _inputs = [.. inputs];
        Addresses = Array.ConvertAll(_inputs, i => i.Address);
        _supports = Array.ConvertAll(_inputs, i => i.Support);
        var values = Array.ConvertAll(_inputs, i => i.Value);
        var n = Addresses.Length;
        _x = new double[n];
        _dxdy = new double[n];
        _jacobianSlope = new double[n];
        _z = new double[n];
        _zc = new double[n];
        _stick = new double[n];
        _gx = new double[n];
        var blocks = new List<Block>();
        var y = 0;
        for (var k = 0; k < n;)
        {
            // A simplex is one block of all its weights; every other coordinate (a double, an mv_normal's element) its own.
            var simplex = _inputs[k].Simplex;
            var length = simplex ? GradientInput.RunLength(_inputs, k) : 1;
            blocks.Add(new Block(k, y, length, simplex));
            y += simplex ? length - 1 : 1;
            k += length;
        }
        _blocks = [.. blocks];
        Dimension = y;
        Initial = new double[y];
        foreach (var block in _blocks)
        {
            if (block.Simplex)
            {
                var x = new double[block.Length];
                for (var j = 0; j < x.Length; j++) x[j] = values[block.X + j];
                if (!StickBreaking.Contains(x))
                    throw new InvalidOperationException($"The choice '{_inputs[block.X].Choice}' = [{string.Join(", ", x)}] lies on the edge of or outside the simplex, where the unconstrained space has no point.");
                StickBreaking.ToUnconstrained(x, Initial.AsSpan(block.Y, block.Length - 1));
                continue;
            }
            var k = block.X;
            if (!_supports[k].Contains(values[k]))
                throw new InvalidOperationException($"The choice '{Addresses[k]}' = {values[k]} lies on the edge of or outside its support {_supports[k]}, where the unconstrained space has no point.");
            Initial[block.Y] = _supports[k].ToUnconstrained(values[k]);
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

    /// <summary>The number of unconstrained coordinates: one per address, less one per simplex (its K entries have K − 1).</summary>
    public int Dimension { get; }

    /// <summary>The unconstrained coordinates of the trace the target was made from.</summary>
    public double[] Initial { get; }

    /// <summary>The choices' values (one per address) at unconstrained point <paramref name="y"/>.</summary>
    public double[] Values(ReadOnlySpan<double> y)
    {
        var x = new double[Addresses.Length];
        foreach (var block in _blocks)
        {
            var k = block.X;
            if (block.Simplex)
                StickBreaking.FromUnconstrained(y.Slice(block.Y, block.Length - 1), x.AsSpan(k, block.Length),
                    _z.AsSpan(k, block.Length), _zc.AsSpan(k, block.Length), _stick.AsSpan(k, block.Length)); // the target's scratch: one thread per target
            else x[k] = _supports[k].FromUnconstrained(y[block.Y], out _, out _, out _);
        }
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
        foreach (var block in _blocks)
        {
            var k = block.X;
            if (block.Simplex)
            {
                logJacobian += StickBreaking.FromUnconstrained(y.Slice(block.Y, block.Length - 1), _x.AsSpan(k, block.Length),
                    _z.AsSpan(k, block.Length), _zc.AsSpan(k, block.Length), _stick.AsSpan(k, block.Length));
                continue;
            }
            _x[k] = _supports[k].FromUnconstrained(y[block.Y], out var lj, out _jacobianSlope[k], out _dxdy[k]);
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
        foreach (var block in _blocks)
        {
            var k = block.X;
            if (!block.Simplex)
            {
                gradient[block.Y] = _gradient.Adjoint(_gradient.InputNodes[k]) * _dxdy[k] + (jacobian ? _jacobianSlope[k] : 0);
                continue;
            }
            for (var j = 0; j < block.Length; j++) _gx[k + j] = _gradient.Adjoint(_gradient.InputNodes[k + j]);
            StickBreaking.Backward(_gx.AsSpan(k, block.Length), _z.AsSpan(k, block.Length), _zc.AsSpan(k, block.Length), _stick.AsSpan(k, block.Length),
                jacobian, gradient.Slice(block.Y, block.Length - 1));
        }
        return jacobian ? _gradient.Score + logJacobian : _gradient.Score;
    }
}
