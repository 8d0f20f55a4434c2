using System;
using MathNet.Numerics;

namespace Gen;

/// <summary>
/// The log normalisers that densities take from MathNet (log B(a, b), log Γ(x)), remembered per thread for the last
/// argument. A model's parameters are usually the same in every particle (<c>beta(2, 2)</c>), and MathNet's series cost
/// more than the rest of such a density; a hit returns the value MathNet gave for the same bits, so results are unchanged.
/// </summary>
internal static class NormalizerMemo
{
    [ThreadStatic] private static Entry s_betaLn;
    [ThreadStatic] private static Entry s_gammaLn;

    /// <summary><see cref="SpecialFunctions.BetaLn"/>(<paramref name="a"/>, <paramref name="b"/>).</summary>
    public static double BetaLn(double a, double b)
    {
        ref var last = ref s_betaLn;
        if (last.Matches(a, b)) return last.Value;
        var value = SpecialFunctions.BetaLn(a, b);
        last = new Entry(a, b, value);
        return value;
    }

    /// <summary><see cref="SpecialFunctions.GammaLn"/>(<paramref name="x"/>).</summary>
    public static double GammaLn(double x)
    {
        ref var last = ref s_gammaLn;
        if (last.Matches(x, 0.0)) return last.Value;
        var value = SpecialFunctions.GammaLn(x);
        last = new Entry(x, 0.0, value);
        return value;
    }

    /// <summary>One remembered call; compared by bits, so 0.0 and −0.0 or two NaNs are never confused with each other.</summary>
    private readonly struct Entry(double first, double second, double value)
    {
        private readonly long _first = BitConverter.DoubleToInt64Bits(first);
        private readonly long _second = BitConverter.DoubleToInt64Bits(second);
        private readonly bool _filled = true;

        public double Value { get; } = value;

        public bool Matches(double first, double second) =>
            _filled && _first == BitConverter.DoubleToInt64Bits(first) && _second == BitConverter.DoubleToInt64Bits(second);
    }
}
