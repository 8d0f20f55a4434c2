using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gen.Internal;

/// <summary>
/// Bitwise equality of values without references: equal bits are the same value to any function of it (unlike
/// <c>==</c>, which equates 0.0 and −0.0), so a pure function's result for one may serve the other.
/// </summary>
internal static class SameBits
{
    /// <summary>Whether values of <typeparamref name="T"/> can be compared by their bits (they hold no references).</summary>
    public static bool Applies<T>() => !RuntimeHelpers.IsReferenceOrContainsReferences<T>();

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> have the same bits (call only where <see cref="Applies{T}"/>).</summary>
    public static bool Equal<T>(T a, T b) => Bytes(ref a).SequenceEqual(Bytes(ref b));

    private static ReadOnlySpan<byte> Bytes<T>(ref T value) => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref value), Unsafe.SizeOf<T>());
}
