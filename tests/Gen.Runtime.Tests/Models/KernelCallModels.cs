using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>Traced calls of kernel-subset [Gen] methods, which kernels make too: arguments of each kind, callees returning each type, addresses of each form.</summary>
public static partial class KernelCallModels
{
    /// <summary>An integer choice "k", a bounded one "extra" when <paramref name="wide"/>, and an observation "obs" of the rate times k.</summary>
    [Gen]
    public static int Counter(double rate, int cap, bool wide)
    {
        var k = geometric(0.3).At("k");
        var extra = wide ? uniform_discrete(0, cap).At("extra") : 0;
        normal(rate * k, 1).At("obs");
        return k + extra;
    }

    /// <summary>One point "y" around <paramref name="x"/>, wider when <paramref name="wide"/>.</summary>
    [Gen]
    public static double Point(double x, bool wide) => normal(x, wide ? 2 : 1).At("y");

    /// <summary>One flag "f".</summary>
    [Gen]
    public static bool Coin(double p) => flip(p).At("f");

    /// <summary>
    /// Calls at "c", at the two-part address ("deep", "counter"), a family ("p", i) with computed arguments, and a callee
    /// returning a bool at "coin", then a line through an array argument at "line".
    /// </summary>
    [Gen]
    public static double Mixed(double[] xs, int n)
    {
        var c = CounterGen(1.5, 3, true).At("c");
        var d = CounterGen(0.5, 2, false).At(("deep", "counter"));
        var total = 0.0;
        for (var i = 0; i < n; i++) total += PointGen(xs[i] * 2, i % 2 == 0).At("p", i);
        var on = CoinGen(0.3).At("coin");
        var line = LineModels.LineGen(xs).At("line");
        return c + d + total + (on ? 1 : 0) + line;
    }

    /// <summary>A call at "line" that about half of the particles make (when "z" is positive), then "obs".</summary>
    [Gen]
    public static double Branchy(double[] xs)
    {
        var z = normal(0, 1).At("z");
        var v = z > 0 ? LineModels.LineGen(xs).At("line") : 0.0;
        return v + normal(v, 1).At("obs");
    }

    /// <summary>A call of a model that calls the kernel-subset model <see cref="Mixed"/>, two levels down, at "inner".</summary>
    [Gen]
    public static double Outer(double[] xs) => MixedGen(xs, 2).At("inner") + normal(0, 1).At("noise");

    /// <summary>A gamma rate "rate": its density needs MathNet, so its kernel form runs on the host only.</summary>
    [Gen]
    public static double Rate() => gamma(2, 1).At("rate");

    /// <summary>A call of <see cref="Rate"/> at "r", then "z" around it: a kernel form for the host only, as its callee's.</summary>
    [Gen]
    public static double CallsRate() => normal(RateGen().At("r"), 1).At("z");

    /// <summary>An index "u" drawn from 0 … <paramref name="n"/>.</summary>
    [Gen]
    public static int Pick(int n) => uniform_discrete(0, n).At("u");

    /// <summary>A choice "y" around <paramref name="v"/>.</summary>
    [Gen]
    public static double Over(double v) => normal(v, 1).At("y");

    /// <summary>A choice "y" far from <paramref name="k"/>: the overload C# binds for an int.</summary>
    [Gen]
    public static double Over(int k) => normal(k + 100, 1).At("y");

    /// <summary>A call of the int overload with an argument whose type comes from a traced call (unknown while the generator runs): no kernel form.</summary>
    [Gen]
    public static double UseOver(int n)
    {
        var k = PickGen(n).At("pick");
        return OverGen(k).At("o");
    }

    /// <summary>A call of <c>Over(int)</c>, the overload declared second, by an int argument: the kernel calls that one's kernel form.</summary>
    [Gen]
    public static double UseOverInt(int n) => OverGen(n).At("o");

    /// <summary>A choice "y" around <paramref name="v"/>.</summary>
    [Gen]
    public static double Scale(double v) => normal(v, 1).At("y");

    /// <summary>A choice "y" around twice <paramref name="v"/>: the overload C# binds for an int (the better conversion).</summary>
    [Gen]
    public static double Scale(float v) => normal(v * 2, 1).At("y");

    /// <summary>A call that binds <c>Scale(float)</c>, by C#'s rules, which the kernel must call too.</summary>
    [Gen]
    public static double UseScale(int n) => ScaleGen(n).At("s");

    /// <summary>A family of 0 to 3 calls at ("p", i) (none when "n" is 0), then "obs".</summary>
    [Gen]
    public static double MaybeEmpty(double[] xs)
    {
        var n = uniform_discrete(0, 3).At("n");
        var total = 0.0;
        for (var i = 0; i < n; i++) total += PointGen(xs[i], false).At("p", i);
        return total + normal(total, 1).At("obs");
    }

    /// <summary>A call at "p" of a point observed with a default noise.</summary>
    [Gen]
    public static double Noisy(double v, double sd = 1) => normal(v, sd).At("y");

    /// <summary>A call that leaves the optional argument out: no kernel form (a kernel's call passes every argument).</summary>
    [Gen]
    public static double UseDefault(double a) => NoisyGen(a).At("c");

    /// <summary>Two choices "b1", "b2".</summary>
    [Gen]
    public static double Two(double m) => normal(m, 1).At("b1") + exponential(1).At("b2");

    /// <summary>A call at "c" of <see cref="Point"/> or of <see cref="Two"/>, by "f": different callees at one address, no kernel form.</summary>
    [Gen]
    public static double TwoCallees(double m)
    {
        if (flip(0.5).At("f")) return PointGen(m, true).At("c");
        return TwoGen(m).At("c");
    }

    /// <summary>A call of a callee outside the kernel subset (it makes a Vmap): no kernel form.</summary>
    [Gen]
    public static double CallsVmap(double[] xs) => CombinatorModels.PointsGen(xs).At("points")[0];
}
