using static Gen.Distributions;

namespace Gen.Tests.Models;

public static partial class LineModels
{
    [Gen]
    public static double Line(double[] xs)
    {
        var slope = normal(0, 1).At("slope");
        var intercept = normal(0, 2).At("intercept");
        for (var i = 0; i < xs.Length; i++)
            normal(slope * xs[i] + intercept, 0.5).At("y", i);
        return slope;
    }

    [Gen]
    public static double TwoLines(double[] xs)
    {
        var a = LineGen(xs).At("first");
        var b = LineGen(xs).At("second");
        return a + b;
    }
}

/// <summary>Models that misbehave at run time, for error tests.</summary>
public static partial class FaultyModels
{
    /// <summary>Visits ("y", 0) and ("y", 1) again from the third iteration on.</summary>
    [Gen]
    public static double RepeatedIndex(int n)
    {
        var total = 0.0;
        for (var i = 0; i < n; i++) total += normal(0, 1).At("y", i % 2);
        return total;
    }
}
