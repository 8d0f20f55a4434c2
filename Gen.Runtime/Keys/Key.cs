using System;
using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>
/// A PRNG key: two 32-bit words, as in JAX. <c>new Key(seed)</c> equals JAX's <c>PRNGKey(seed)</c>, and
/// <see cref="Split(int)"/> and <see cref="FoldIn"/> follow JAX's Threefry-2x32 algorithms, so a key's random
/// bits are the same on every machine and device.
/// </summary>
/// <example><code>var (a, b) = new Key(42).Split();</code></example>
public readonly struct Key : IEquatable<Key>
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    private readonly uint _k0;
    private readonly uint _k1;

    /// <summary>JAX's <c>PRNGKey(seed)</c>: words <c>[seed &gt;&gt; 32, seed &amp; 0xFFFFFFFF]</c>.</summary>
    public Key(ulong seed) : this((uint)(seed >> 32), (uint)seed) { }

    /// <summary>A key from its two raw words.</summary>
    public Key(uint k0, uint k1)
    {
        _k0 = k0;
        _k1 = k1;
    }

    /// <summary>The key's two 32-bit words.</summary>
    public (uint K0, uint K1) Words => (_k0, _k1);

    /// <summary>Two independent keys (JAX's <c>split(key)</c>).</summary>
    public (Key First, Key Second) Split()
    {
        // JAX hashes the counters iota(2n) as the pairs (i, n + i) and reads the outputs back row by row.
        var (a0, b0) = Threefry.Hash(_k0, _k1, 0, 2);
        var (a1, b1) = Threefry.Hash(_k0, _k1, 1, 3);
        return (new Key(a0, a1), new Key(b0, b1));
    }

    /// <summary><paramref name="n"/> independent keys (JAX's <c>split(key, n)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public Key[] Split(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        // Output word j of the flattened result is y0[j] for j < n, else y1[j - n].
        var y = new uint[2 * n];
        for (var i = 0; i < n; i++)
        {
            var (y0, y1) = Threefry.Hash(_k0, _k1, (uint)i, (uint)(n + i));
            y[i] = y0;
            y[n + i] = y1;
        }
        var keys = new Key[n];
        for (var j = 0; j < n; j++) keys[j] = new Key(y[2 * j], y[2 * j + 1]);
        return keys;
    }

    /// <summary>A new key that mixes <paramref name="data"/> into this one (JAX's <c>fold_in</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Key FoldIn(uint data)
    {
        var (y0, y1) = Threefry.Hash(_k0, _k1, 0, data);
        return new Key(y0, y1);
    }

    /// <summary>64 random bits: the Threefry hash of the counter <c>(0, counter)</c> under this key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Bits(uint counter)
    {
        var (y0, y1) = Threefry.Hash(_k0, _k1, 0, counter);
        return ((ulong)y0 << 32) | y1;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits, from <see cref="Bits"/>(<paramref name="counter"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Uniform(uint counter = 0) => (Bits(counter) >> 11) * TwoToMinus53;

    /// <summary>A uniform double in the open interval (0, 1): safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OpenUniform(uint counter = 0) => ((Bits(counter) >> 11) + 0.5) * TwoToMinus53;

    /// <inheritdoc />
    public bool Equals(Key other) => _k0 == other._k0 && _k1 == other._k1;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Key other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_k0, _k1);

    /// <summary>Equality of both words.</summary>
    public static bool operator ==(Key left, Key right) => left.Equals(right);

    /// <summary>Inequality of either word.</summary>
    public static bool operator !=(Key left, Key right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => $"Key({_k0}, {_k1})";
}
