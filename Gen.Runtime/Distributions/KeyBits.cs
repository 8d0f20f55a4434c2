using System;
using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>
/// Draws a sequence of uniforms and normals from one key: draw j uses <c>key.Bits(j)</c>. Value-type code
/// with no allocation, so rejection samplers run unchanged on the GPU backend.
/// </summary>
public struct KeyBits
{
    private readonly Key _key;
    private uint _next;

    /// <summary>Draws from <paramref name="key"/>, starting at counter 0.</summary>
    public KeyBits(Key key)
    {
        _key = key;
        _next = 0;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Uniform() => _key.Uniform(_next++);

    /// <summary>A uniform double in (0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double OpenUniform() => _key.OpenUniform(_next++);

    /// <summary>A standard normal draw (Box–Muller, cosine branch; two uniforms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double StandardNormal()
    {
        var radius = Math.Sqrt(-2.0 * Math.Log(OpenUniform()));
        return radius * Math.Cos(2.0 * Math.PI * Uniform());
    }
}
