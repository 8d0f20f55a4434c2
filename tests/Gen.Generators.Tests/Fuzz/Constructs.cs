namespace Gen.Generators.Tests.Fuzz;

/// <summary>
/// A model file that touches, in one place, the constructs the generator and the analyzers treat specially, so that
/// random edits of it reach them: sites nested in sites, in conditions, loops, switches (statement and expression),
/// patterns, conditional and short-circuit operators, initializers, tuples, run-time and named addresses, traced calls
/// and combinators, distribution objects, declaration mistakes (GEN004, GEN006–GEN013), sites in lambdas and local
/// functions (GEN004), <c>.At</c> outside [Gen] methods (GEN005), untraced randomness (GEN003) and Jit without Seed
/// (GEN001). Part of the fuzz corpus only: it is never compiled into the tests.
/// </summary>
public static class Constructs
{
    public const string Source = """
        using System;
        using System.Linq;
        using System.Collections.Generic;
        using Gen;
        using static Gen.Distributions;
        using static Gen.Combinators;
        using static Gen.Transforms;

        namespace Zoo;

        public sealed class Coin(double p) : Distribution<bool>
        {
            public override bool Sample(Key key) => key.Uniform() < p;
            public override double LogDensity(bool value) => Math.Log(value ? p : 1 - p);
        }

        public static partial class Names
        {
            public const string Slope = "slope";
            public const int Seven = 7;
        }

        public static partial class Zoo
        {
            static Normal Noisy(double mu, double sigma) => normal(mu, sigma * 2);
            static GenerativeFunction<T> Wrap<T>(GenerativeFunction<T> function) => function;

            [Gen]
            public static double Nested(double x) => normal(normal(x, 1).At("inner"), gamma(2, 1).At("scale")).At("outer");

            [Gen]
            public static double Conditions(int n)
            {
                var total = 0.0;
                while (flip(0.5).At("go", n) && total < 10) total += exponential(1).At("step", (int)total);
                var x = normal(0, 1).At("x");
                if (x is > 0 and var positive && positive < 3 || flip(0.1).At("or"))
                    return x;
                do { total -= 1; } while (bernoulli(0.5).At("again", (int)total) == true && total > -5);
                return total > 0 ? beta(2, 2).At("a") : uniform(0, 1).At("a");
            }

            [Gen]
            public static int Switches(int which)
            {
                switch (categorical([0.2, 0.3, 0.5]).At("kind") + which)
                {
                    case 0:
                        return poisson(3).At("count");
                    case 1 or 2:
                        break;
                    default:
                        return -poisson(1).At("count");
                }
                var y = which switch
                {
                    0 => normal(0, 1).At("y"),
                    1 => laplace(0, 1).At("y"),
                    _ => student_t(3, 0, 1).At("y"),
                };
                return (int)y;
            }

            [Gen]
            public static double Addresses(string[] names, int n)
            {
                var sum = 0.0;
                foreach (var name in names) sum += normal(sum, 1).At(name);
                for (var i = 0; i < n; i++) sum += normal(0, 1).At(("pair", i));
                Address last = ("last", n);
                sum += normal(0, 1).At(last);
                sum += normal(0, 1).At(Names.Slope);
                sum += normal(0, 1).At(Names.Seven);
                sum += normal(0, 1).At($"x{n}");
                sum += normal(0, 1).At(address: "named");
                sum += Noisy(0, 1).At(nameof(Addresses));
                return sum + new Coin(0.3).At("coin").GetHashCode();
            }

            [Gen]
            public static (double, double[]) Initializers(double[] xs)
            {
                var list = new List<double> { normal(0, 1).At("l0"), normal(0, 1).At("l1") };
                var array = new[] { gamma(1, 1).At("g0"), gamma(1, 1).At("g1") };
                var tuple = (normal(0, 1).At("t0"), flip(0.5).At("t1"));
                var (first, second) = tuple;
                var point = new { X = 1.0, Y = xs.Length };
                var checkedSum = checked(array.Length + 1) + (int)normal(0, 1).At("c");
                return (first + point.X + list.Sum() + (second ? 1 : 0) + checkedSum + (xs.FirstOrDefault() is var f ? f : 0), array);
            }

            [Gen]
            public static double Calls(double[] xs)
            {
                var a = NestedGen(xs.Length).At("nested");
                var b = Wrap(NestedGen(1)).At("wrapped");
                var c = Vmap(NestedGen, xs).At("many");
                var d = ConditionsGen(3).At(("cond", 1));
                var e = (Wrap(NestedGen(2)) ?? NestedGen(3)).At("either");
                return a + b + c.Sum() + d + e;
            }

            [Gen]
            public static double Closures(double[] xs)
            {
                Func<double, double> f = x => normal(x, 1).At("lambda");
                double Local(double x) => normal(x, 1).At("local");
                var q = from x in xs select normal(x, 1).At("query");
                try { return normal(0, 1).At("try"); } catch { return 0; }
            }

            [Gen]
            public static double Direct(double x) => Nested(x) + new Random(1).NextDouble();

            [Gen] public static extern double Extern();
            [Gen] public static double Generic<T>() => normal(0, 1).At("x");
            [Gen] public static void Nothing() => normal(0, 1).At("x");
            [Gen] public static double ByRef(ref double x) => normal(x, 1).At("x");
            [Gen] public static async System.Threading.Tasks.Task<double> Later() => normal(0, 1).At("x");
            [Gen] public static IEnumerable<double> Many() { yield return normal(0, 1).At("x"); }
            [Gen] public static partial double Declared();
        }

        public static class Outside
        {
            public static double Plain() => normal(0, 1).At("x");
            public static double Run(double[] xs) => Jit((double[] d) => Zoo.CallsGen(d).Simulate().Retval)(xs);
            public static double Seeded(double[] xs) => Jit(Seed((double[] d) => Zoo.CallsGen(d).Simulate().Retval))(new Key(1), xs);
        }

        public class NotPartial
        {
            [Gen] public static double A() => normal(0, 1).At("x");
            [Gen] public double Instance() => normal(0, 1).At("x");
        }
        """;
}
