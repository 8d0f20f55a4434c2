using Gen;
using static Gen.Distributions;

namespace Gen.Benchmarks.Gpu;

/// <summary>
/// Curve fitting in the kernel subset: the curve-fitting sample's model (a quadratic, an outlier flag per point) written
/// flat, with (name, i) families instead of Vmap and a half-normal noise instead of the gamma, so it has a GPU kernel.
/// </summary>
public static partial class CurveModel
{
    public const double OutlierSd = 10;

    [Gen]
    public static double Curve(double[] xs)
    {
        var c0 = normal(0, 2).At("c0");
        var c1 = normal(0, 2).At("c1");
        var c2 = normal(0, 1).At("c2");
        var probOutlier = uniform(0, 0.5).At("prob_outlier");
        var noise = half_normal(0.3).At("noise");
        for (var i = 0; i < xs.Length; i++)
        {
            var outlier = flip(probOutlier).At("outlier", i);
            var mean = c0 + c1 * xs[i] + c2 * xs[i] * xs[i];
            if (outlier) normal(0, OutlierSd).At("y", i);
            else normal(mean, noise).At("y", i);
        }
        return c1;
    }
}

/// <summary>
/// The same model with one traced call per point, as the curve-fitting sample maps its points (addresses ("data", i,
/// "outlier") and ("data", i, "y")): a kernel-subset callee, which the kernel form runs inlined.
/// </summary>
public static partial class CurveCallsModel
{
    [Gen]
    public static bool Point(double x, double c0, double c1, double c2, double probOutlier, double noise)
    {
        var outlier = flip(probOutlier).At("outlier");
        var mean = c0 + c1 * x + c2 * x * x;
        if (outlier) normal(0, CurveModel.OutlierSd).At("y");
        else normal(mean, noise).At("y");
        return outlier;
    }

    [Gen]
    public static double Curve(double[] xs)
    {
        var c0 = normal(0, 2).At("c0");
        var c1 = normal(0, 2).At("c1");
        var c2 = normal(0, 1).At("c2");
        var probOutlier = uniform(0, 0.5).At("prob_outlier");
        var noise = half_normal(0.3).At("noise");
        for (var i = 0; i < xs.Length; i++) PointGen(xs[i], c0, c1, c2, probOutlier, noise).At("data", i);
        return c1;
    }
}

/// <summary>
/// The same model with its points a Vmap of <see cref="CurveCallsModel.Point"/> at "data" (the sample's form, as a
/// statement: a kernel makes no arrays), which the kernel form makes as the CPU's Vmap does: the same addresses as the
/// call model's, other keys (call i's key index is i below the Vmap's).
/// </summary>
public static partial class CurveVmapModel
{
    [Gen]
    public static double Curve(double[] xs)
    {
        var c0 = normal(0, 2).At("c0");
        var c1 = normal(0, 2).At("c1");
        var c2 = normal(0, 1).At("c2");
        var probOutlier = uniform(0, 0.5).At("prob_outlier");
        var noise = half_normal(0.3).At("noise");
        Combinators.Vmap((double x) => CurveCallsModel.PointGen(x, c0, c1, c2, probOutlier, noise), xs).At("data");
        return c1;
    }
}

/// <summary>A random walk observed with noise, its step count an argument: the particle-filter benchmark's model.</summary>
public static partial class WalkModel
{
    [Gen]
    public static double Walk(int steps)
    {
        var x = 0.0;
        for (var t = 0; t < steps; t++)
        {
            x = normal(x, 0.7).At("x", t);
            normal(x, 0.5).At("y", t);
        }
        return x;
    }

    /// <summary>The walk's step t from x: x' ~ N(x, 0.7²) at "x", y ~ N(x', 0.5²) at "y"; returns x'.</summary>
    [Gen]
    public static double Step(int t, double x)
    {
        var next = normal(x, 0.7).At("x");
        normal(next, 0.5).At("y");
        return next;
    }

    /// <summary>The same walk over <paramref name="steps"/> steps as a Scan of <see cref="Step"/> (choices (t, "x"), (t, "y")).</summary>
    public static GenerativeFunction<double[]> Steps(int steps) => Combinators.Scan(StepGen, steps, 0.0);
}
