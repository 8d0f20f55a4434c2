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

/// <summary>A choice exists but holds a value of another type than the one asked for.</summary>
public sealed class ChoiceTypeException : InvalidCastException
{
    /// <summary>Creates the exception for the choice at <paramref name="address"/>.</summary>
    public ChoiceTypeException(Address address, Type expected, Type actual)
        : base($"The choice at '{address}' holds a {Describe(actual)}, but a {Describe(expected)} was asked for." +
               Hint(expected, actual))
    {
        Address = address;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The address of the choice.</summary>
    public Address Address { get; }

    /// <summary>The type that was asked for.</summary>
    public Type Expected { get; }

    /// <summary>The type of the stored value.</summary>
    public Type Actual { get; }

    internal static string Describe(Type type) => type.FullName ?? type.Name;

    private static string Hint(Type expected, Type actual) =>
        expected == typeof(double) && (actual == typeof(int) || actual == typeof(long) || actual == typeof(float))
            ? " Write the value as a double literal (for example 1.0 instead of 1)."
            : "";
}
