using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>Models whose double[] arguments reach their densities: what <c>trace.ArrayArgumentGradients()</c> differentiates.</summary>
public static partial class ArrayArgumentModels
{
    private static readonly double[,] Covariance = { { 1.0, 0.3 }, { 0.3, 2.0 } };

    /// <summary>Each element in a location and a scale, through arithmetic and Math.Exp.</summary>
    [Gen]
    public static double Elementwise(double[] mu, double[] logScale)
    {
        var shift = normal(0, 1).At("shift");
        for (var i = 0; i < mu.Length; i++) normal(2 * mu[i] - 1 + shift, Math.Exp(logScale[i])).At("x", i);
        return mu[0];
    }

    /// <summary>A linear predictor: the weights times each row of data, summed by a loop the gradient body fuses.</summary>
    [Gen]
    public static double Predictor(double[] weights, double[][] rows, double noise)
    {
        var bias = normal(0, 1).At("bias");
        for (var n = 0; n < rows.Length; n++)
        {
            var mean = bias;
            for (var k = 0; k < weights.Length; k++) mean += weights[k] * rows[n][k];
            normal(mean, noise).At("y", n);
        }
        return bias;
    }

    /// <summary>The array read by foreach, aliased by a local, copied into a new array and squared.</summary>
    [Gen]
    public static double Loops(double[] xs)
    {
        var total = 0.0;
        foreach (double x in xs) total += x * x;
        var alias = xs;
        var scaled = new double[alias.Length];
        for (var i = 0; i < alias.Length; i++) scaled[i] = 3 * alias[i];
        var m = normal(total, 1).At("m");
        return normal(m + scaled[0] - scaled[scaled.Length - 1], 1.5).At("z");
    }

    /// <summary>The mean of an mv_normal choice.</summary>
    [Gen]
    public static double[] VectorMean(double[] mean) => mv_normal(mean, Covariance).At("v");

    /// <summary>An element passed to a traced call's double parameter: the gradient flows into the callee's body.</summary>
    [Gen]
    public static double ThroughCalls(double[] xs)
    {
        var total = 0.0;
        for (var i = 0; i < xs.Length; i++) total += CombinatorModels.PointGen(xs[i] * xs[i]).At("p", i);
        return total;
    }

    /// <summary>The whole array passed to a traced call: its gradient flows through the callee's array gradient body.</summary>
    [Gen]
    public static double PassedOn(double[] xs)
    {
        var slope = LineModels.LineGen(xs).At("line");
        return normal(slope, 1).At("s");
    }

    /// <summary>The array summed by LINQ, whose derivative the generator does not see; the choices keep their gradient.</summary>
    [Gen]
    public static double Summed(double[] xs)
    {
        var m = normal(0, 1).At("m");
        return normal(m + xs.Sum(), 1).At("s");
    }

    /// <summary>The array written to: the gradient body cannot follow a value stored in an argument.</summary>
    [Gen]
    public static double Written(double[] xs)
    {
        xs[0] = 2 * xs[0];
        return normal(xs[0], 1).At("s");
    }

    /// <summary>The array written through an alias: the same refusal (writing the alias writes the argument).</summary>
    [Gen]
    public static double AliasWritten(double[] xs)
    {
        var a = xs;
        a[0] = 2 * a[0];
        return normal(a[0], 1).At("s");
    }

    /// <summary>The array written through a ref local bound to its element.</summary>
    [Gen]
    public static double RefWritten(double[] xs)
    {
        ref var first = ref xs[0];
        first = 2 * first;
        return normal(xs[0], 1).At("s");
    }

    /// <summary>
    /// A Gaussian process's kernel hyperparameters: f ~ mv_normal(mean, α² exp(−(xᵢ − xⱼ)²/(2ρ²)) + 0.1·I), the
    /// covariance filled in a local double[,] from the choices (the body allocates nothing of its own).
    /// </summary>
    [Gen]
    public static double[] KernelOfData(double[] xs, double[] mean)
    {
        var alpha = half_normal(1).At("alpha");
        var rho = lognormal(0, 0.5).At("rho");
        var n = xs.Length;
        var cov = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var d = xs[i] - xs[j];
                cov[i, j] = alpha * alpha * Math.Exp(-d * d / (2 * rho * rho)) + (i == j ? 0.1 : 0);
            }
        return mv_normal(mean, cov).At("f");
    }

    /// <summary>A likelihood over groups, as a callee taking the group means and scales as double[] arguments.</summary>
    [Gen]
    public static double GroupLikelihood(double[] means, double[] scales)
    {
        var total = 0.0;
        for (var j = 0; j < means.Length; j++) total += normal(means[j], scales[j]).At("y", j);
        return total;
    }

    /// <summary>Non-centred group means, a double[] of continuous choices, passed to a traced call with the caller's scales.</summary>
    [Gen]
    public static double GroupsOfCalls(double[] scales)
    {
        var mu = normal(0, 5).At("mu");
        var tau = lognormal(0, 0.5).At("tau");
        var means = new double[scales.Length];
        for (var j = 0; j < means.Length; j++) means[j] = mu + tau * normal(0, 1).At("eta", j);
        return GroupLikelihoodGen(means, scales).At("obs") + mu;
    }

    /// <summary>The flat form of <see cref="GroupsOfCalls"/>: the same log joint, with the observations at ("y", j).</summary>
    [Gen]
    public static double GroupsFlat(double[] scales)
    {
        var mu = normal(0, 5).At("mu");
        var tau = lognormal(0, 0.5).At("tau");
        var total = 0.0;
        for (var j = 0; j < scales.Length; j++)
        {
            var mean = mu + tau * normal(0, 1).At("eta", j);
            total += normal(mean, scales[j]).At("y", j);
        }
        return total + mu;
    }

    /// <summary>The array changed after the call that was made with it: the callee's arguments are no longer its values.</summary>
    [Gen]
    public static double MutatedAfterCall()
    {
        var means = new double[2];
        for (var j = 0; j < 2; j++) means[j] = normal(0, 1).At("m", j);
        var total = GroupLikelihoodGen(means, Scales).At("obs");
        means[0] = 10;
        return total + normal(means[0], 1).At("after");
    }

    private static readonly double[] Scales = [1, 2];

    /// <summary>A callee whose array gradient the generator cannot compile, passed continuous values.</summary>
    [Gen]
    public static double SummedOfChoices()
    {
        var xs = new double[2];
        for (var j = 0; j < 2; j++) xs[j] = normal(0, 1).At("x", j);
        return SummedGen(xs).At("summed");
    }
}
