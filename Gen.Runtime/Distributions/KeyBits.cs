using System;
using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>
/// Draws a sequence of uniforms and normals from one key: draw j uses <c>key.Bits(j)</c>. Value-type code
/// with no allocation, so rejection samplers run unchanged on the GPU backend.
/// </summary>
/// <remarks>
/// The samplers and densities a kernel form calls out of line (here, and the rejection loops and MathNet-backed densities
/// of the other distributions) are <c>AggressiveOptimization</c>, as the kernel bodies are: with .NET's tiered JIT a short
/// run otherwise spends its first calls in unoptimised code (beta-bernoulli's ImportanceK of 10,000 particles: best of
/// five 6.8–10 ms with the tiered defaults, 4.2–5.0 ms compiled optimised at once, as with the tiered JIT off).
/// </remarks>
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

    /// <summary>The next 64 uniformly random bits (<c>key.Bits(counter)</c>), for exact integer samplers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Bits() => _key.Bits(_next++);

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
        var radius = Math.Sqrt(-2.0 * PortableMath.Log(OpenUniform()));
        return radius * PortableMath.CosPi(2.0 * Uniform());
    }

    /// <summary>
    /// A Gamma(<paramref name="shape"/>, 1) draw by Marsaglia–Tsang (2000); for shape &lt; 1 the draw for shape + 1 is
    /// boosted by U^(1/shape), computed in log space (see <see cref="LogStandardGamma"/>). Assumes shape &gt; 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double StandardGamma(double shape) =>
        shape >= 1.0 ? MarsagliaTsang(shape) : PortableMath.Exp(LogStandardGamma(shape));

    /// <summary>
    /// The logarithm of a Gamma(<paramref name="shape"/>, 1) draw. Working in log space keeps tiny shapes (whose draws
    /// underflow to 0) usable for ratios such as beta and dirichlet. For shape &lt; 1 it draws the Marsaglia–Tsang variate
    /// for shape + 1 first, then the boosting uniform. Assumes shape &gt; 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogStandardGamma(double shape)
    {
        if (shape >= 1.0) return PortableMath.Log(MarsagliaTsang(shape));
        var g = MarsagliaTsang(shape + 1.0);
        return PortableMath.Log(g) + PortableMath.Log(OpenUniform()) / shape;
    }

    /// <summary>Marsaglia and Tsang's squeeze-and-reject gamma sampler for shape ≥ 1: one normal and one uniform per try.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double MarsagliaTsang(double shape)
    {
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            var x = StandardNormal();
            var v = 1.0 + c * x;
            if (v <= 0.0) continue;
            v = v * v * v;
            var u = OpenUniform();
            var x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
            if (PortableMath.Log(u) < 0.5 * x2 + d * (1.0 - v + PortableMath.Log(v))) return d * v;
        }
    }
}
