using Gen;
using static Gen.Distributions;

namespace Gen.Samples.Gpu;

public static partial class Models
{
    /// <summary>Bayesian linear regression: in the kernel subset (numbers, a loop, normal choices), so it has a GPU kernel.</summary>
    [Gen]
    public static double Line(double[] xs, double noise)
    {
        var slope = normal(0, 1).At("slope");
        var intercept = normal(0, 2).At("intercept");
        for (var i = 0; i < xs.Length; i++)
            normal(slope * xs[i] + intercept, noise).At("y", i);
        return slope;
    }

    /// <summary>
    /// Two lines through the same points, each a traced call of <see cref="Line"/> (choices ("first", "slope"),
    /// ("second", "y", i), …): traced calls of kernel-subset methods are in the subset too; the kernel runs them inlined.
    /// </summary>
    [Gen]
    public static double TwoLines(double[] xs, double noise) => LineGen(xs, noise).At("first") - LineGen(xs, noise).At("second");

    /// <summary>One point of a robust regression: an outlier flag at "outlier" (10 %), then "y" near the line or, for an outlier, anywhere.</summary>
    [Gen]
    public static double Point(double x, double slope, double intercept, double noise)
    {
        var outlier = flip(0.1).At("outlier");
        return outlier ? normal(0, 10).At("y") : normal(slope * x + intercept, noise).At("y");
    }

    /// <summary>
    /// The line with outliers, its points a Vmap of <see cref="Point"/> (choices ("data", i, "outlier"), ("data", i, "y")):
    /// a Vmap, Repeat or Scan of kernel-subset methods is in the subset as a statement (a kernel makes no arrays).
    /// </summary>
    [Gen]
    public static double Robust(double[] xs, double noise)
    {
        var slope = normal(0, 1).At("slope");
        var intercept = normal(0, 2).At("intercept");
        Combinators.Vmap((double x) => PointGen(x, slope, intercept, noise), xs).At("data");
        return slope;
    }

    /// <summary>
    /// A random walk observed with noise (a linear-Gaussian state-space model): x_t ~ N(x_{t-1}, step²) from 0,
    /// y_t ~ N(x_t, noise²). Its step count is an argument, so a particle filter extends it one step at a time.
    /// </summary>
    [Gen]
    public static double Walk(int steps, double step, double noise)
    {
        var x = 0.0;
        for (var t = 0; t < steps; t++)
        {
            x = normal(x, step).At("x", t);
            normal(x, noise).At("y", t);
        }
        return x;
    }
}
