using System;

namespace Gen;

/// <summary>
/// A jitted (compiled for repeated execution) function reached a sample site without a key of its own.
/// Compiling it would bake one key in, so every call would return the same "random" value.
/// </summary>
public sealed class UnseededJitException : InvalidOperationException
{
    /// <summary>Creates the exception with the standard explanation and fix.</summary>
    public UnseededJitException()
        : base("Jit was given an unseeded function that reaches a sample site. Compiled for repeated execution, " +
               "it would bake one PRNG key in and return the same \"random\" value on every call. " +
               "Seed it so that each call takes a key: Jit(Seed(f)) gives a Func<Key, ...>; pass a fresh key per call " +
               "(for example key.Split(n)). See docs/diagnostics/GEN001.md.")
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    public UnseededJitException(string message) : base(message) { }

    /// <summary>Creates the exception with a custom message and inner exception.</summary>
    public UnseededJitException(string message, Exception innerException) : base(message, innerException) { }
}
