using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// A real number of a gradient computation: its value and the node of the tape that made it. Generated gradient
/// bodies compute with <see cref="Real"/> where the model computes with <c>double</c>; each operation records its
/// partial derivatives on the tape of the gradient running on this thread (<see cref="Tape.Current"/>), and one
/// backward sweep gives the gradient (reverse mode). A constant has no node. Sixteen bytes, so that it travels in
/// registers.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Real : IEquatable<Real>, IComparable<Real>
{
    // The node plus one, so that default(Real) is the constant 0 (a body's `default` or an unassigned array element).
    private readonly int _nodePlusOne;

    internal Real(double value, int node)
    {
        Value = value;
        _nodePlusOne = node + 1;
    }

    /// <summary>The value.</summary>
    public double Value { get; }

    /// <summary>The node on the current tape, or −1 for a constant.</summary>
    internal int Node
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _nodePlusOne - 1;
    }

    /// <summary>Whether the value depends on the inputs (has a node).</summary>
    internal bool IsActive => Node >= 0;

    /// <summary>A constant.</summary>
    public static implicit operator Real(double value) => new(value, -1);

    /// <summary>The value, leaving the gradient behind (a cast to an integer is a step function: its derivative is zero).</summary>
    public static explicit operator double(Real x) => x.Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Real Unary(Real x, double value, double dx) =>
        x.Node >= 0 ? new Real(value, Tape.Current!.Push(x.Node, dx)) : new Real(value, -1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Real Binary(Real a, Real b, double value, double da, double db)
    {
        // A constant operand records no edge: a model's data times a parameter is a one-edge node.
        if (a.Node < 0) return b.Node >= 0 ? new Real(value, Tape.Current!.Push(b.Node, db)) : new Real(value, -1);
        return new Real(value, b.Node < 0 ? Tape.Current!.Push(a.Node, da) : Tape.Current!.Push(a.Node, da, b.Node, db));
    }

    /// <summary>A node of three operands (a fused multiply-add); constant operands record no edge.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Real Ternary(Real a, Real b, Real c, double value, double da, double db, double dc) =>
        a.Node < 0 && b.Node < 0 && c.Node < 0 ? new Real(value, -1) : new Real(value, Tape.Current!.Push(a.Node, da, b.Node, db, c.Node, dc));

    /// <summary>x + y.</summary>
    public static Real operator +(Real a, Real b) => Binary(a, b, a.Value + b.Value, 1, 1);

    /// <summary>x − y.</summary>
    public static Real operator -(Real a, Real b) => Binary(a, b, a.Value - b.Value, 1, -1);

    /// <summary>x · y.</summary>
    public static Real operator *(Real a, Real b) => Binary(a, b, a.Value * b.Value, b.Value, a.Value);

    /// <summary>x / y.</summary>
    public static Real operator /(Real a, Real b)
    {
        var q = a.Value / b.Value;
        return Binary(a, b, q, 1 / b.Value, -q / b.Value);
    }

    /// <summary>−x.</summary>
    public static Real operator -(Real x) => Unary(x, -x.Value, -1);

    /// <summary>+x.</summary>
    public static Real operator +(Real x) => x;

    /// <summary>x + 1 (the model's <c>x++</c>).</summary>
    public static Real operator ++(Real x) => Unary(x, x.Value + 1, 1);

    /// <summary>x − 1.</summary>
    public static Real operator --(Real x) => Unary(x, x.Value - 1, 1);

    /// <summary>Compares values (branches of a model follow the values; their derivative is that of the branch taken).</summary>
    public static bool operator <(Real a, Real b) => a.Value < b.Value;

    /// <inheritdoc cref="op_LessThan"/>
    public static bool operator >(Real a, Real b) => a.Value > b.Value;

    /// <inheritdoc cref="op_LessThan"/>
    public static bool operator <=(Real a, Real b) => a.Value <= b.Value;

    /// <inheritdoc cref="op_LessThan"/>
    public static bool operator >=(Real a, Real b) => a.Value >= b.Value;

    /// <inheritdoc cref="op_LessThan"/>
    public static bool operator ==(Real a, Real b) => a.Value == b.Value;

    /// <inheritdoc cref="op_LessThan"/>
    public static bool operator !=(Real a, Real b) => a.Value != b.Value;

    /// <inheritdoc />
    public bool Equals(Real other) => Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Real other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Real other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
