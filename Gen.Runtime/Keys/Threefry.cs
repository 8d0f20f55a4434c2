using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>
/// The Threefry-2x32 block cipher with 20 rounds (Salmon et al., "Parallel random numbers: as easy as
/// 1, 2, 3", SC 2011), exactly as JAX and Random123 define it. Value-type code only, so the GPU backend
/// runs the very same function.
/// </summary>
public static class Threefry
{
    /// <summary>Encrypts the counter <c>(x0, x1)</c> under the key <c>(k0, k1)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint Y0, uint Y1) Hash(uint k0, uint k1, uint x0, uint x1)
    {
        var k2 = k0 ^ k1 ^ 0x1BD11BDAu;
        x0 += k0; x1 += k1;
        Four(ref x0, ref x1, 13, 15, 26, 6); x0 += k1; x1 += k2 + 1u;
        Four(ref x0, ref x1, 17, 29, 16, 24); x0 += k2; x1 += k0 + 2u;
        Four(ref x0, ref x1, 13, 15, 26, 6); x0 += k0; x1 += k1 + 3u;
        Four(ref x0, ref x1, 17, 29, 16, 24); x0 += k1; x1 += k2 + 4u;
        Four(ref x0, ref x1, 13, 15, 26, 6); x0 += k2; x1 += k0 + 5u;
        return (x0, x1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Four(ref uint x0, ref uint x1, int r0, int r1, int r2, int r3)
    {
        x0 += x1; x1 = RotateLeft(x1, r0) ^ x0;
        x0 += x1; x1 = RotateLeft(x1, r1) ^ x0;
        x0 += x1; x1 = RotateLeft(x1, r2) ^ x0;
        x0 += x1; x1 = RotateLeft(x1, r3) ^ x0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint RotateLeft(uint x, int r) => (x << r) | (x >> (32 - r));
}
