using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// A real number of a gradient computation: its value and the node of the tape that made it. Generated gradient
/// bodies compute with <see cref="Real"/> where the model computes with <c>double</c>; each operation records its
/// partial derivatives on the tape, and one backward sweep gives the gradient (reverse mode). A constant has no tape.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Real : IEquatable<Real>, IComparable<Real>
{
    internal Real(double value, Tape? tape, int node)
    {
        Value = value;
        Tape = tape;
        Node = node;
    }

    /// <summary>The value.</summary>
    public double Value { get; }

    internal Tape? Tape { get; }

    internal int Node { get; }

    /// <summary>A constant.</summary>
    public static implicit operator Real(double value) => new(value, null, -1);

    /// <summary>The value, leaving the gradient behind (a cast to an integer is a step function: its derivative is zero).</summary>
    public static explicit operator double(Real x) => x.Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Real Unary(Real x, double value, double dx) =>
        x.Tape is { } tape ? new Real(value, tape, tape.Push(x.Node, dx)) : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Real Binary(Real a, Real b, double value, double da, double db)
    {
        var tape = a.Tape ?? b.Tape;
        if (tape is null) return value;
        return new Real(value, tape, tape.Push(a.Node, da, b.Node, db));
    }

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
