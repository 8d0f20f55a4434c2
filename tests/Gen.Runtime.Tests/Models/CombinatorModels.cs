using static Gen.Combinators;
using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>
/// Models built with the combinators, each beside the hand-written loop or branch it stands for: the two must agree
/// bit for bit on the same key (docs/keys.md), which the combinator tests check for every GFI method.
/// </summary>
public static partial class CombinatorModels
{
    // ---------------------------------------------------------------- Vmap

    /// <summary>One point of a line with an outlier flag: choices "outlier" and "y".</summary>
    [Gen]
    public static double Point(double x)
    {
        var outlier = flip(0.1).At("outlier");
        return outlier ? normal(0, 10).At("y") : normal(2 * x - 1, 0.5).At("y");
    }

    /// <summary>Vmap inside a model: choices ("points", i, "outlier"), ("points", i, "y").</summary>
    [Gen]
    public static double[] Points(double[] xs) => Vmap(PointGen, xs).At("points");

    /// <summary>The loop Vmap stands for, at the top level: call i at address i.</summary>
    [Gen]
    public static double[] PointsLoop(double[] xs)
    {
        var ys = new double[xs.Length];
        for (var i = 0; i < xs.Length; i++) ys[i] = PointGen(xs[i]).At(i);
        return ys;
    }

    /// <summary>The loop nested at "points", as <see cref="Points"/> nests its Vmap.</summary>
    [Gen]
    public static double[] PointsNested(double[] xs) => PointsLoopGen(xs).At("points");

    // ---------------------------------------------------------------- Scan

    /// <summary>One step of a linear-Gaussian state-space model: choices "x" (state) and "y" (observation).</summary>
    [Gen]
    public static double Step(int t, double state)
    {
        var next = normal(0.9 * state + 0.1 * t, 1).At("x");
        normal(next, 0.5).At("y");
        return next;
    }

    /// <summary>The loop Scan stands for: step t at address t.</summary>
    [Gen]
    public static double[] StepsLoop(int steps, double init)
    {
        var states = new double[steps];
        var state = init;
        for (var t = 0; t < steps; t++) states[t] = state = StepGen(t, state).At(t);
        return states;
    }

    /// <summary>A Scan inside a model whose initial state is random: choices "init", ("chain", t, "x"), ("chain", t, "y").</summary>
    [Gen]
    public static double[] Chain(int steps)
    {
        var init = normal(0, 2).At("init");
        return Scan(StepGen, steps, init).At("chain");
    }

    /// <summary>The same with the loop at "chain".</summary>
    [Gen]
    public static double[] ChainLoop(int steps)
    {
        var init = normal(0, 2).At("init");
        return StepsLoopGen(steps, init).At("chain");
    }

    // ---------------------------------------------------------------- Repeat

    /// <summary>The loop Repeat stands for.</summary>
    [Gen]
    public static double[] DrawsLoop(int n)
    {
        var draws = new double[n];
        for (var i = 0; i < n; i++) draws[i] = gamma(2, 1.5).At(i);
        return draws;
    }

    // ---------------------------------------------------------------- Switch

    /// <summary>Branch 0: choices "a" and "c".</summary>
    [Gen]
    public static int BranchA()
    {
        var a = flip(0.3).At("a");
        var c = flip(a ? 0.9 : 0.2).At("c");
        return (a ? 1 : 0) + (c ? 1 : 0);
    }

    /// <summary>Branch 1: choices "a" (shared with branch 0, another prior) and "d".</summary>
    [Gen]
    public static int BranchB()
    {
        var a = flip(0.6).At("a");
        var d = flip(a ? 0.5 : 0.1).At("d");
        return (a ? 1 : 0) + 2 * (d ? 1 : 0);
    }

    /// <summary>Branch 2: choice "c" alone.</summary>
    [Gen]
    public static int BranchC() => flip(0.75).At("c") ? 3 : 0;

    /// <summary>k ~ categorical([0.5, 0.3, 0.2]) at "k", then branch k at "s".</summary>
    [Gen]
    public static int Switched()
    {
        var k = categorical([0.5, 0.3, 0.2]).At("k");
        return Switch(k, BranchAGen(), BranchBGen(), BranchCGen()).At("s");
    }

    // ---------------------------------------------------------------- Mix

    /// <summary>A two-component Gaussian mixture at "x": choices ("x", "component"), ("x", "value").</summary>
    [Gen]
    public static double Mixture(double shift)
    {
        var x = Mix([0.3, 0.7], normal(-2 + shift, 1), normal(3 + shift, 1.5)).At("x");
        return x;
    }
}
