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

    /// <summary>One choice "a" ~ N(0, 1).</summary>
    [Gen]
    public static double OnlyA() => normal(0, 1).At("a");

    /// <summary>One choice "b" ~ N(5, 1).</summary>
    [Gen]
    public static double OnlyB() => normal(5, 1).At("b");

    /// <summary>One flag "f", returned as 0 or 1.</summary>
    [Gen]
    public static double FlagA() => flip(0.3).At("f") ? 1.0 : 0.0;

    /// <summary>A call at "c" of one of two functions, by "which".</summary>
    [Gen]
    public static double Either() => (flip(0.5).At("which") ? OnlyAGen() : OnlyBGen()).At("c");

    /// <summary>A call at "c" of one of two functions whose choices have different types, by "which".</summary>
    [Gen]
    public static double EitherTyped() => (flip(0.5).At("which") ? FlagAGen() : OnlyBGen()).At("c");

    /// <summary>A rare call at "c" of one of two functions (so that different chunks of a batch see different ones), then "obs".</summary>
    [Gen]
    public static double RareEither()
    {
        var k = categorical([0.98, 0.01, 0.01]).At("k");
        var v = k == 0 ? 0.0 : (k == 1 ? OnlyAGen() : OnlyBGen()).At("c");
        return v + normal(v, 2).At("obs");
    }

    /// <summary>A rarely made call (the first chunks of a batch see none), then "z".</summary>
    [Gen]
    public static double RareCall(double[] xs)
    {
        var y = flip(0.01).At("rare") ? LineModels.LineGen(xs).At("line") : 0.0;
        return y + normal(0, 1).At("z");
    }

    /// <summary>A Vmap whose length is a choice "n".</summary>
    [Gen]
    public static double VaryingVmap(double[] xs)
    {
        var n = categorical([0.3, 0.3, 0.4]).At("n");
        var sub = new double[n + 1];
        for (var i = 0; i <= n; i++) sub[i] = xs[i];
        var total = 0.0;
        foreach (var p in Vmap(CombinatorModels.PointGen, sub).At("points")) total += p;
        return total + normal(0, 1).At("noise");
    }

    /// <summary>A family of distributions called as generative functions, at ("d", i).</summary>
    [Gen]
    public static double LeafFamily(int n)
    {
        var total = 0.0;
        for (var i = 0; i < n; i++) total += AsFunction(normal(0, 1)).At("d", i);
        return total;
    }

    /// <summary>A Switch at "s" of a random index "k" whose branches are calls of different functions, then "obs".</summary>
    [Gen]
    public static double SwitchCalls(double[] xs)
    {
        var k = categorical([0.4, 0.3, 0.3]).At("k");
        var v = Switch(k, OnlyAGen(), LineModels.LineGen(xs), OnlyBGen()).At("s");
        return v + normal(v, 1).At("obs");
    }

    private static GenerativeFunction<T> AsFunction<T>(GenerativeFunction<T> function) => function;
}
