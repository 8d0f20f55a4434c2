using System;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// <see cref="Math"/>'s functions on <see cref="Real"/>: a generated gradient body calls these where the model calls
/// <c>Math.Exp(x)</c> and friends on a value that depends on continuous choices. Each records its derivative.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RealMath
{
    /// <summary>
    /// acc + Σ a[k]·b[k] over k in [<paramref name="from"/>, <paramref name="to"/>), summed in that order, as one tape
    /// node: the generator's form of a model's loop <c>for (k …) acc += a[k] * b[k];</c> (a dot product, e.g. a row of
    /// data times the coefficients). Same value as the loop; one node instead of one per term.
    /// </summary>
    public static Real AddDot(Real acc, double[] a, Real[] b, int from, int to)
    {
        if (to <= from) return acc;
        if (from < 0 || to > a.Length || to > b.Length) throw new IndexOutOfRangeException(); // the model's loop would throw it
        var value = Tape.Current!.PushDot(acc, a.AsSpan(from, to - from), b.AsSpan(from, to - from), out var node);
        return new Real(value, node);
    }

    /// <inheritdoc cref="AddDot(Real, double[], Real[], int, int)"/>
    public static Real AddDot(Real acc, Real[] a, double[] b, int from, int to) => AddDot(acc, b, a, from, to); // a·b = b·a, term by term exactly

    /// <inheritdoc cref="AddDot(Real, double[], Real[], int, int)"/>
    public static Real AddDot(Real acc, double[] a, double[] b, int from, int to)
    {
        var value = acc.Value;
        for (var k = from; k < to; k++) value += a[k] * b[k];
        return acc.IsActive ? new Real(value, Tape.Current!.Push(acc.Node, 1)) : value;
    }

    /// <inheritdoc cref="AddDot(Real, double[], Real[], int, int)"/>
    public static Real AddDot(Real acc, Real[] a, Real[] b, int from, int to)
    {
        var value = acc.Value;
        for (var k = from; k < to; k++) value += a[k].Value * b[k].Value;
        var tape = Tape.Current!;
        tape.BeginNode(1 + 2 * Math.Max(0, to - from));
        tape.AddEdge(acc.Node, 1);
        for (var k = from; k < to; k++)
        {
            tape.AddEdge(a[k].Node, b[k].Value);
            tape.AddEdge(b[k].Node, a[k].Value);
        }
        return new Real(value, tape.EndNode());
    }

    /// <summary>x + y·z as one tape node (the generator fuses the model's <c>x + y * z</c> and <c>x += y * z</c>; same value, no FMA).</summary>
    public static Real AddMul(Real x, Real y, Real z) => Real.Ternary(x, y, z, x.Value + y.Value * z.Value, 1, z.Value, y.Value);

    /// <summary>x − y·z as one tape node.</summary>
    public static Real SubMul(Real x, Real y, Real z) => Real.Ternary(x, y, z, x.Value - y.Value * z.Value, 1, -z.Value, -y.Value);

    /// <summary>y·z + x as one tape node (operands in the model's order).</summary>
    public static Real MulAdd(Real y, Real z, Real x) => Real.Ternary(y, z, x, y.Value * z.Value + x.Value, z.Value, y.Value, 1);

    /// <summary>y·z − x as one tape node.</summary>
    public static Real MulSub(Real y, Real z, Real x) => Real.Ternary(y, z, x, y.Value * z.Value - x.Value, z.Value, y.Value, -1);

    /// <summary>eˣ.</summary>
    public static Real Exp(Real x)
    {
        var e = Math.Exp(x.Value);
        return Real.Unary(x, e, e);
    }

    /// <summary>ln x.</summary>
    public static Real Log(Real x) => Real.Unary(x, Math.Log(x.Value), 1 / x.Value);

    /// <summary>log_b x.</summary>
    public static Real Log(Real x, double b) => Log(x) / Math.Log(b);

    /// <summary>log₁₀ x.</summary>
    public static Real Log10(Real x) => Log(x) / Math.Log(10);

    /// <summary>ln(1 + x), accurate near 0.</summary>
    public static Real Log1P(Real x) => Real.Unary(x, SamplerMath.Log1P(x.Value), 1 / (1 + x.Value));

    /// <summary>√x.</summary>
    public static Real Sqrt(Real x)
    {
        var r = Math.Sqrt(x.Value);
        return Real.Unary(x, r, 0.5 / r);
    }

    /// <summary>xʸ.</summary>
    public static Real Pow(Real x, Real y)
    {
        var p = Math.Pow(x.Value, y.Value);
        var dx = y.Value == 0 ? 0 : y.Value * Math.Pow(x.Value, y.Value - 1);
        var dy = !y.IsActive ? 0 : p * Math.Log(x.Value);
        return Real.Binary(x, y, p, dx, dy);
    }

    /// <summary>|x| (derivative 0 at 0).</summary>
    public static Real Abs(Real x) => Real.Unary(x, Math.Abs(x.Value), Math.Sign(x.Value));

    /// <summary>sin x.</summary>
    public static Real Sin(Real x) => Real.Unary(x, Math.Sin(x.Value), Math.Cos(x.Value));

    /// <summary>cos x.</summary>
    public static Real Cos(Real x) => Real.Unary(x, Math.Cos(x.Value), -Math.Sin(x.Value));

    /// <summary>tan x.</summary>
    public static Real Tan(Real x)
    {
        var c = Math.Cos(x.Value);
        return Real.Unary(x, Math.Tan(x.Value), 1 / (c * c));
    }

    /// <summary>tanh x.</summary>
    public static Real Tanh(Real x)
    {
        var t = Math.Tanh(x.Value);
        return Real.Unary(x, t, 1 - t * t);
    }

    /// <summary>arctan x.</summary>
    public static Real Atan(Real x) => Real.Unary(x, Math.Atan(x.Value), 1 / (1 + x.Value * x.Value));

    /// <summary>The larger of two (the derivative of the one taken).</summary>
    public static Real Max(Real a, Real b) => a.Value >= b.Value ? a : b;

    /// <summary>The smaller of two.</summary>
    public static Real Min(Real a, Real b) => a.Value <= b.Value ? a : b;

    /// <summary>The sign (a step: derivative 0).</summary>
    public static int Sign(Real x) => Math.Sign(x.Value);

    /// <summary>⌊x⌋ (a step: derivative 0).</summary>
    public static double Floor(Real x) => Math.Floor(x.Value);

    /// <summary>⌈x⌉ (a step: derivative 0).</summary>
    public static double Ceiling(Real x) => Math.Ceiling(x.Value);

    /// <summary>x rounded (a step: derivative 0).</summary>
    public static double Round(Real x) => Math.Round(x.Value);

    /// <summary>The names of <see cref="Math"/>'s functions that have a <see cref="Real"/> form here (the generator checks against it).</summary>
    internal static readonly string[] Supported =
        ["Exp", "Log", "Log10", "Sqrt", "Pow", "Abs", "Sin", "Cos", "Tan", "Tanh", "Atan", "Max", "Min", "Sign", "Floor", "Ceiling", "Round"];
}
