using System;
using System.Collections.Generic;

namespace Gen;

/// <summary>A choice map or trace has no choice at an address that was asked for.</summary>
public sealed class ChoiceNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception; <paramref name="message"/> names the address and what exists near it.</summary>
    public ChoiceNotFoundException(Address address, string message) : base(message) => Address = address;

    /// <summary>The address that holds no choice.</summary>
    public Address Address { get; }
}

/// <summary>A choice exists (or a traced call returns a value) of another type than the one asked for.</summary>
public sealed class ChoiceTypeException : InvalidCastException
{
    /// <summary>Creates the exception for the choice at <paramref name="address"/>.</summary>
    public ChoiceTypeException(Address address, Type expected, Type actual)
        : this(address, expected, actual,
            $"The choice at '{address}' holds a {Describe(actual)}, but a {Describe(expected)} was asked for." + Hint(expected, actual))
    {
    }

    private ChoiceTypeException(Address address, Type expected, Type actual, string message, bool returnValue = false) : base(message)
    {
        Address = address;
        Expected = expected;
        Actual = actual;
        _returnValue = returnValue;
    }

    private readonly bool _returnValue;

    /// <summary>The error for reading the return value of the traced call at <paramref name="address"/> as the wrong type.</summary>
    internal static ChoiceTypeException ForReturnValue(Address address, Type expected, Type actual) =>
        new(address, expected, actual,
            $"The traced call at '{address}' returns a {Describe(actual)}, but a {Describe(expected)} was asked for.", returnValue: true);

    /// <summary>The same error for the choice (or call) at <paramref name="full"/>: a trace read inside a subtrace names the whole address.</summary>
    internal ChoiceTypeException At(Address full) =>
        full.Equals(Address) ? this : _returnValue ? ForReturnValue(full, Expected, Actual) : new ChoiceTypeException(full, Expected, Actual);

    /// <summary>The address of the choice (or of the traced call whose return value was asked for).</summary>
    public Address Address { get; }

    /// <summary>The type that was asked for.</summary>
    public Type Expected { get; }

    /// <summary>The type of the stored value (or of the call's return value).</summary>
    public Type Actual { get; }

    internal static string Describe(Type type) => type.FullName ?? type.Name;

    private static string Hint(Type expected, Type actual) =>
        expected == typeof(double) && (actual == typeof(int) || actual == typeof(long) || actual == typeof(float))
            ? " Write the value as a double literal (for example 1.0 instead of 1)."
            : "";
}
