using static Gen.Combinators;
using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>Traced calls in every kind of storage, for reading their return values by address and projecting their choices.</summary>
public static partial class CallModels
{
    /// <summary>
    /// Calls at ("line", i) (an indexed family), at ("deep", "pair") (a constant address of two parts), at a run-time
    /// address, a Vmap at "points", a distribution reached as a generative function at "coin", and a choice "noise".
    /// </summary>
    [Gen]
    public static double Calls(double[] xs, int n)
    {
        var total = 0.0;
        for (var i = 0; i < n; i++) total += LineModels.LineGen(xs).At("line", i);
        var deep = LineModels.TwoLinesGen(xs).At(("deep", "pair"));
        var dynamic = LineModels.LineGen(xs).At($"dyn{n}");
        var points = Vmap(CombinatorModels.PointGen, xs).At("points");
        var coin = AsFunction(flip(0.25)).At("coin");
        var noise = normal(0, 1).At("noise");
        return total + deep + dynamic + points.Sum() + (coin ? 1 : 0) + noise;
    }

    /// <summary>A family of traced calls at ("point", i), each a branching callee (choices ("point", i, "outlier"), ("point", i, "y")), then a choice "scale".</summary>
    [Gen]
    public static double PointFamily(double[] xs)
    {
        var total = 0.0;
        for (var i = 0; i < xs.Length; i++) total += CombinatorModels.PointGen(xs[i]).At("point", i);
        var scale = exponential(1).At("scale");
        return total * scale;
    }

    /// <summary>A call whose callee makes calls of its own, in a branch: ("outer", "first", …) and, when "deeper", ("outer", "second", …).</summary>
    [Gen]
    public static double Nested(double[] xs)
    {
        var deeper = flip(0.5).At("deeper");
        var inner = deeper ? LineModels.TwoLinesGen(xs).At("outer") : LineModels.LineGen(xs).At("flat");
        return inner + normal(0, 1).At("noise");
    }

    /// <summary>A model whose argument moves a prior, for regenerating under new arguments against closed forms.</summary>
    [Gen]
    public static double Shifted(double mu, int n)
    {
        var m = normal(mu, 1).At("m");
        for (var i = 0; i < n; i++) normal(m, 0.5).At("y", i);
        return m;
    }

    private static GenerativeFunction<T> AsFunction<T>(GenerativeFunction<T> function) => function;
}
