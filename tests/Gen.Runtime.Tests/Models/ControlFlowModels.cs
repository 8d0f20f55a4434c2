using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>Models that exercise each construct the generator lowers: branches, loops, switch, early return, dynamic addresses.</summary>
public static partial class ControlFlowModels
{
    [Gen]
    public static double Branching(double threshold)
    {
        var x = normal(0, 1).At("x");
        double y;
        if (x > threshold)
            y = gamma(2, 1).At("y");
        else
            y = normal(-1, 0.5).At("y");
        if (flip(0.3).At("early")) return x + y;
        var extra = x < 0 ? exponential(1).At("neg") : uniform(0, 1).At("pos");
        return x + y + extra;
    }

    [Gen]
    public static int Loops(int n)
    {
        var count = 0;
        var i = 0;
        while (i < n)
        {
            if (flip(0.6).At("coin", i)) count++;
            i++;
        }
        foreach (var k in new[] { 3, 5, 7 })
            count += poisson(k).At("poisson", k);
        var j = 0;
        do { j++; } while (bernoulli(0.5).At("stop", j) == false && j < 5);
        return count + j;
    }

    [Gen]
    public static double Switching(int which)
    {
        var total = 0.0;
        switch (categorical([0.2, 0.3, 0.5]).At("kind") + which)
        {
            case 0:
                total = normal(0, 1).At("value");
                break;
            case 1:
            case 2:
                total = beta(2, 2).At("value");
                break;
            default:
                total = laplace(0, 1).At("other");
                break;
        }
        return total;
    }

    [Gen]
    public static double DynamicAddresses(int n)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
            sum += normal(sum, 1).At($"x{i}");
        Address last = ("last", n);
        return sum + normal(0, 1).At(last);
    }

    [Gen]
    public static double NestedAndWrapped(double[] xs)
    {
        var inner = Wrap(LineModels.LineGen(xs)).At("wrapped");
        var pair = LineModels.TwoLinesGen(xs).At("pair");
        var noise = student_t(3, 0, 1).At("noise");
        return inner + pair + noise;
    }

    [Gen]
    public static double[] Vectors(int n)
    {
        var weights = dirichlet([1.0, 2.0, 3.0]).At("weights");
        var point = mv_normal([0.0, 1.0], new double[,] { { 1, 0.5 }, { 0.5, 2 } }).At("point");
        var draws = new double[n];
        for (var i = 0; i < n; i++) draws[i] = cauchy(point[0], 1 + weights[i % 3]).At("draw", i);
        var k = binomial(10, weights[0]).At("successes") + geometric(0.4).At("failures");
        return [draws.Sum(), k, inverse_gamma(3, 2).At("scale")];
    }

    private static GenerativeFunction<T> Wrap<T>(GenerativeFunction<T> function) => function;
}

/// <summary>A user-defined primitive sampler (GenJAX's sample_binder): a two-sided geometric step.</summary>
public sealed class Step(double p) : Distribution<int>
{
    public override int Sample(Key key)
    {
        var bits = new KeyBits(key);
        var size = 0;
        while (bits.Uniform() < p && size < 1000) size++;
        return bits.Uniform() < 0.5 ? -size : size;
    }

    public override double LogDensity(int value)
    {
        var size = Math.Abs(value);
        return size * Math.Log(p) + Math.Log(1 - p) + (size == 0 ? 0 : Math.Log(0.5));
    }
}

public static partial class UserDistributionModels
{
    /// <summary>A random walk whose steps come from a user-defined distribution.</summary>
    [Gen]
    public static int Walk(int steps)
    {
        var position = 0;
        for (var t = 0; t < steps; t++) position += new Step(0.4).At("step", t);
        return position;
    }
}
