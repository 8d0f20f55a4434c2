using System.Globalization;
using System.Text;

namespace Gen.Benchmarks.Generator;

/// <summary>
/// One source file of 50 [Gen] models of realistic size: variations of the Line model with loops, branches, a switch,
/// run-time addresses, distribution objects and traced calls of one another (10–20 lines each).
/// </summary>
public static class KeystrokeModels
{
    public const int Count = 50;

    /// <summary>The model whose body the keystrokes type into (in the middle of the file).</summary>
    public const int Edited = 25;

    /// <summary>Where the typing happens: right after this literal in the edited model (its observation noise).</summary>
    public const string TypedLiteral = "0.75";

    public static string Source()
    {
        var text = new StringBuilder("""
            using System;
            using Gen;
            using static Gen.Distributions;

            namespace Keystrokes;

            public static partial class Models
            {
                private static Normal Noisy(double mu, double sigma) => normal(mu, sigma * 2);


            """);
        for (var k = 0; k < Count; k++) text.Append(Model(k));
        text.Append("}\n");
        return text.ToString();
    }

    private static string Model(int k)
    {
        var s = (1 + k % 4).ToString(CultureInfo.InvariantCulture);
        var noise = k == Edited ? TypedLiteral : "0.5";
        var n = k.ToString(CultureInfo.InvariantCulture);
        var previous = (k - 1).ToString(CultureInfo.InvariantCulture);
        return (k % 5) switch
        {
            0 => $$"""
                    [Gen]
                    public static double Line{{n}}(double[] xs)
                    {
                        var slope = normal(0, {{s}}).At("slope");
                        var intercept = normal(0, 2).At("intercept");
                        for (var i = 0; i < xs.Length; i++)
                        {
                            if (flip(0.1).At("outlier", i))
                                normal(0, 10).At("y", i);
                            else
                                normal(slope * xs[i] + intercept, {{noise}}).At("y", i);
                        }
                        return slope;
                    }


                """,
            1 => $$"""
                    [Gen]
                    public static double Line{{n}}(double[] xs)
                    {
                        var prior = Line{{previous}}Gen(xs).At("prior");
                        var slope = normal(prior, {{s}}).At("slope");
                        var noise = gamma(2, 1).At("noise");
                        var total = 0.0;
                        for (var i = 0; i < xs.Length; i++)
                            total += normal(slope * xs[i], noise + {{noise}}).At("y", i);
                        if (total > 10)
                            return total + exponential(1).At("extra");
                        return slope;
                    }


                """,
            2 => $$"""
                    [Gen]
                    public static double Line{{n}}(double[] xs)
                    {
                        var slope = normal(0, {{s}}).At("slope");
                        var shape = 0.0;
                        switch (categorical([0.2, 0.3, 0.5]).At("kind"))
                        {
                            case 0:
                                shape = normal(0, 1).At("shape");
                                break;
                            case 1:
                                shape = beta(2, 2).At("shape");
                                break;
                            default:
                                shape = laplace(0, 1).At("other");
                                break;
                        }
                        for (var i = 0; i < xs.Length; i++)
                            normal(slope * xs[i] + shape, {{noise}}).At("y", i);
                        return slope + shape;
                    }


                """,
            3 => $$"""
                    [Gen]
                    public static double Line{{n}}(double[] xs)
                    {
                        var slope = normal(0, {{s}}).At("slope");
                        var sum = 0.0;
                        var j = 0;
                        while (j < xs.Length)
                        {
                            sum += normal(slope * xs[j], {{noise}}).At($"y{j}");
                            j++;
                        }
                        var x = slope > 0 ? gamma(2, 1).At("x") : uniform(0, 1).At("x");
                        return sum + x;
                    }


                """,
            _ => $$"""
                    [Gen]
                    public static double Line{{n}}(double[] xs)
                    {
                        var slope = Noisy(0, {{s}}).At("slope");
                        if (flip(0.3).At("early")) return slope;
                        var a = Line{{previous}}Gen(xs).At("first");
                        var b = student_t(3, a, 1).At("b");
                        foreach (var x in xs)
                            b += poisson(1 + Math.Abs(x)).At("count", (int)x);
                        return normal(a + b, {{noise}}).At("out");
                    }


                """,
        };
    }
}
