using static Gen.Combinators;
using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>Vmap and Repeat of kernel-subset [Gen] methods as statements, which kernels make too; and one whose results are used, which they do not.</summary>
public static partial class KernelCombinatorModels
{
    /// <summary>
    /// "shift", then a Vmap at "points" of <see cref="KernelCallModels.Point"/> over xs shifted by it (a lambda with a
    /// captured local and argument), then "obs" around the shift.
    /// </summary>
    [Gen]
    public static double Mapped(double[] xs, bool wide)
    {
        var shift = normal(0, 1).At("shift");
        Vmap((double x) => KernelCallModels.PointGen(x + shift, wide), xs).At("points");
        return normal(shift, 1).At("obs");
    }

    /// <summary>A Vmap over two arrays at "pairs", a method group's Vmap at "coins", and a Repeat of a counter at "counters", n times.</summary>
    [Gen]
    public static int Combined(double[] xs, bool[] wide, double[] ps, int n)
    {
        Vmap((double x, bool w) => KernelCallModels.PointGen(x, w), xs, wide).At("pairs");
        Vmap(KernelCallModels.CoinGen, ps).At("coins");
        Repeat(n, KernelCallModels.CounterGen(0.5, 2, n > 1)).At("counters");
        return uniform_discrete(0, 3).At("k");
    }

    /// <summary>A Repeat whose count is a choice, "n" from 0 to 3: rows make different numbers of calls (and some none).</summary>
    [Gen]
    public static double Ragged()
    {
        var n = uniform_discrete(0, 3).At("n");
        Repeat(n, KernelCallModels.PointGen(1.5, false)).At("draws");
        return normal(n, 1).At("obs");
    }

    /// <summary>A Vmap of a model that makes a Vmap itself, at "outer": combinators two deep.</summary>
    [Gen]
    public static double Twice(double[] xs)
    {
        Repeat(2, MappedGen(xs, false)).At("outer");
        return normal(0, 1).At("z");
    }

    /// <summary>One step of a random walk: "x" around the state, observed as "y" with <paramref name="noise"/>; returns "x".</summary>
    [Gen]
    public static double Step(int t, double state, double noise)
    {
        var x = normal(state + 0.1 * t, 0.5).At("x");
        normal(x, noise).At("y");
        return x;
    }

    /// <summary>A drift "d" around the state alone.</summary>
    [Gen]
    public static double Drift(double state) => normal(state, 1).At("d");

    /// <summary>A count that a flip "f" at step t adds one to.</summary>
    [Gen]
    public static int Tick(int t, int count) => flip(0.3 + 0.1 * (t % 3)).At("f") ? count + 1 : count;

    /// <summary>"x0", then a Scan at "walk" of <see cref="Step"/> over n steps from it (a lambda capturing the noise).</summary>
    [Gen]
    public static double Walked(int n, double noise)
    {
        var x0 = normal(0, 1).At("x0");
        Scan((int t, double x) => StepGen(t, x, noise), n, x0).At("walk");
        return x0;
    }

    /// <summary>Scans of method groups: of the state alone at "drift", of the step and an int state at "ticks"; then "z".</summary>
    [Gen]
    public static double Scanned(int n)
    {
        Scan(DriftGen, n, 0.5).At("drift");
        Scan(TickGen, n + 1, 0).At("ticks");
        return normal(0, 1).At("z");
    }

    /// <summary>
    /// A Switch on a flag "f" between two callees at "s" (its value used: a Switch returns the branch's), then one on an
    /// int "k" among three at "t", observed through "obs".
    /// </summary>
    [Gen]
    public static double Switched(double[] xs)
    {
        var wide = flip(0.4).At("f");
        var x0 = xs[0];
        var x1 = xs[1];
        var s = Switch(wide, KernelCallModels.PointGen(x0, true), KernelCallModels.TwoGen(x1)).At("s");
        var k = uniform_discrete(0, 2).At("k");
        var t = Switch(k, KernelCallModels.PointGen(s, false), KernelCallModels.TwoGen(s), KernelCallModels.PointGen(-s, true)).At("t");
        return normal(t, 1).At("obs");
    }

    /// <summary>A Switch whose index may select no branch ("k" up to 2 of two branches): the CPU rejects those particles.</summary>
    [Gen]
    public static double Overreaching()
    {
        var k = uniform_discrete(0, 2).At("k");
        return Switch(k, KernelCallModels.PointGen(0, false), KernelCallModels.TwoGen(1)).At("s");
    }

    /// <summary>A Vmap whose array of results the model uses: no kernel form (a kernel makes no arrays).</summary>
    [Gen]
    public static double Used(double[] xs)
    {
        var ys = Vmap((double x) => KernelCallModels.PointGen(x, false), xs).At("points");
        return ys[0];
    }

    /// <summary>A Vmap over two arrays that differ in length: the CPU throws, and the kernel leaves the particle to it.</summary>
    [Gen]
    public static double Mismatched(double[] xs, bool[] wide)
    {
        Vmap((double x, bool w) => KernelCallModels.PointGen(x, w), xs, wide).At("pairs");
        return normal(0, 1).At("z");
    }
}
