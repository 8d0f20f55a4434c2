namespace Gen.Generators.Tests.Support;

/// <summary>Representative model sources shared by the snapshot, compile and caching tests.</summary>
public static class Sources
{
    public const string Line = """
        using Gen;
        using static Gen.Distributions;

        namespace Demo;

        public static partial class Models
        {
            [Gen]
            public static double Line(double[] xs)
            {
                var slope = normal(0, 1).At("slope");
                var intercept = normal(0, 2).At("intercept");
                for (var i = 0; i < xs.Length; i++)
                    normal(slope * xs[i] + intercept, 0.5).At("y", i);
                return slope;
            }
        }
        """;

    public const string TracedCalls = """
        using Gen;
        using static Gen.Distributions;

        namespace Demo;

        public static partial class Calls
        {
            [Gen]
            public static double Point(double x) => normal(2 * x, 1).At("y");

            [Gen]
            public static double Points(double[] xs)
            {
                var first = PointGen(xs[0]).At("first");
                var total = first;
                for (var i = 1; i < xs.Length; i++) total += PointGen(xs[i]).At("rest", i);
                return total;
            }
        }
        """;

    public const string Branches = """
        using Gen;
        using static Gen.Distributions;

        namespace Demo;

        public sealed class Coin(double p) : Distribution<bool>
        {
            public override bool Sample(Key key) => key.Uniform() < p;
            public override double LogDensity(bool value) => System.Math.Log(value ? p : 1 - p);
        }

        public static partial class Branchy
        {
            [Gen]
            public static double Branches(double threshold)
            {
                var coin = new Coin(0.25);
                var heads = coin.At("coin");
                var x = heads ? normal(0, 1).At("x") : gamma(2, 1).At("x");
                if (x > threshold)
                {
                    return x;
                }
                switch (categorical([0.5, 0.5]).At("kind"))
                {
                    case 0:
                        x += exponential(1).At("extra");
                        break;
                    default:
                        x -= uniform(0, 1).At("extra");
                        break;
                }
                return x;
            }
        }
        """;

    public const string Dynamic = """
        using Gen;
        using static Gen.Distributions;

        namespace Demo;

        public static partial class Dynamics
        {
            [Gen]
            public static double Named(string[] names)
            {
                var sum = 0.0;
                foreach (var name in names) sum += normal(sum, 1).At(name);
                return sum;
            }
        }
        """;

    public const string Nested = """
        using Gen;
        using static Gen.Distributions;

        namespace Demo.Nested
        {
            public partial class Outer<T>
            {
                internal partial record Inner
                {
                    [Gen]
                    internal static bool Coin(double p, int unused = 3) => flip(p).At("heads");
                }
            }
        }
        """;

    public static readonly string[] All = [Line, TracedCalls, Branches, Dynamic, Nested];
}
