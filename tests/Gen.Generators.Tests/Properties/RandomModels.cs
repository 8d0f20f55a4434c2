using System.Globalization;
using System.Text;
using CsCheck;

namespace Gen.Generators.Tests.Properties;

/// <summary>
/// Random [Gen] models, as C# source: sample sites at constant, indexed and run-time addresses, branches with
/// shared and separate addresses, loops, early returns, traced calls and calls of plain helpers. A running
/// value <c>acc</c> (kept bounded) feeds every distribution's parameters, so choices depend on one another.
/// </summary>
public static class RandomModels
{
    public abstract record Statement;

    /// <summary><c>acc = Bound(acc + dist(params).At("a7"))</c></summary>
    public sealed record Draw(int Distribution) : Statement;

    /// <summary>A loop over <c>n</c> with a site at <c>("l7", i)</c>.</summary>
    public sealed record Loop(int Distribution) : Statement;

    /// <summary>A site whose address is only known at run time.</summary>
    public sealed record Dynamic(int Distribution) : Statement;

    /// <summary>A traced call of the fixed sub-model.</summary>
    public sealed record Call : Statement;

    /// <summary><c>if (flip(p).At("r7")) return acc;</c></summary>
    public sealed record EarlyReturn : Statement;

    /// <summary>An if/else on the sign of <c>acc</c>; when <paramref name="Shared"/>, both arms' first draws share one address.</summary>
    public sealed record Branch(Statement[] Then, Statement[] Else, bool Shared) : Statement;

    public const int Distributions = 10;

    private static readonly CsCheck.Gen<int> Distribution = CsCheck.Gen.Int[0, Distributions - 1];

    public static readonly CsCheck.Gen<Statement> Statements = CsCheck.Gen.Recursive<Statement>((depth, self) =>
    {
        var leaves = CsCheck.Gen.OneOf(
            Distribution.Select(d => (Statement)new Draw(d)),
            Distribution.Select(d => (Statement)new Loop(d)),
            Distribution.Select(d => (Statement)new Dynamic(d)),
            CsCheck.Gen.Const((Statement)new Call()),
            CsCheck.Gen.Const((Statement)new EarlyReturn()));
        if (depth >= 2) return leaves;
        var branch = CsCheck.Gen.Select(self.Array[1, 3], self.Array[0, 3], CsCheck.Gen.Bool,
            (then, otherwise, shared) => (Statement)new Branch(then, otherwise, shared));
        return CsCheck.Gen.Frequency((4, leaves), (1, branch));
    });

    public static readonly CsCheck.Gen<Statement[]> Bodies = Statements.Array[1, 7];

    /// <summary>A compilation unit with the sub-model and one [Gen] method <c>M{k}(int n, double shift)</c> per body.</summary>
    public static string Source(IReadOnlyList<Statement[]> bodies)
    {
        var text = new StringBuilder("""
            using System;
            using Gen;
            using static Gen.Distributions;

            namespace Random;

            public static partial class Models
            {
                private static double Bound(double x) => double.IsFinite(x) ? Math.Tanh(x / 5) * 5 : 0;
                private static double Positive(double x) => 0.5 + Math.Abs(x) % 3;
                private static double Probability(double x) => 1 / (1 + Math.Exp(-x));

                [Gen]
                public static double Sub(double m)
                {
                    var a = normal(m, 1).At("a");
                    if (flip(0.5).At("b")) a += gamma(2, 1).At("c");
                    return a;
                }

            """);
        for (var k = 0; k < bodies.Count; k++)
        {
            text.Append("    [Gen]\n    public static double M").Append(k).Append("(int n, double shift)\n    {\n");
            text.Append("        var acc = shift;\n");
            var names = 0;
            foreach (var statement in bodies[k]) Write(text, statement, 2, null, ref names);
            text.Append("        return acc;\n    }\n\n");
        }
        text.Append("}\n");
        return text.ToString();
    }

    private static void Write(StringBuilder text, Statement statement, int depth, string? forcedAddress, ref int names)
    {
        var pad = new string(' ', 4 * depth);
        var name = (++names).ToString(CultureInfo.InvariantCulture);
        switch (statement)
        {
            case Draw draw:
                text.Append(pad).Append("acc = Bound(acc + ").Append(Site(draw.Distribution, $"\"{forcedAddress ?? "a" + name}\"")).Append(");\n");
                break;
            case Loop loop:
                text.Append(pad).Append("for (var i = 0; i < n; i++)\n");
                text.Append(pad).Append("    acc = Bound(acc + ").Append(Site(loop.Distribution, $"\"l{name}\", i")).Append(");\n");
                break;
            case Dynamic dynamic:
                text.Append(pad).Append("acc = Bound(acc + ").Append(Site(dynamic.Distribution, $"\"d{name}_\" + (n % 3)")).Append(");\n");
                break;
            case Call:
                text.Append(pad).Append("acc = Bound(acc + SubGen(acc).At(\"s").Append(name).Append("\"));\n");
                break;
            case EarlyReturn:
                text.Append(pad).Append("if (flip(Probability(acc - 1)).At(\"r").Append(name).Append("\")) return acc;\n");
                break;
            case Branch branch:
                text.Append(pad).Append("if (acc > 0)\n").Append(pad).Append("{\n");
                var shared = "b" + name;
                for (var i = 0; i < branch.Then.Length; i++)
                    Write(text, branch.Then[i], depth + 1, i == 0 && branch.Shared && branch.Then[i] is Draw ? shared : null, ref names);
                text.Append(pad).Append("}\n").Append(pad).Append("else\n").Append(pad).Append("{\n");
                for (var i = 0; i < branch.Else.Length; i++)
                    Write(text, branch.Else[i], depth + 1, i == 0 && branch.Shared && branch.Else[i] is Draw ? shared : null, ref names);
                text.Append(pad).Append("}\n");
                break;
        }
    }

    /// <summary>A distribution application with parameters from <c>acc</c>, at an address, as a double.</summary>
    private static string Site(int distribution, string address) => distribution switch
    {
        0 => $"normal(acc / 2, 1.5).At({address})",
        1 => $"gamma(Positive(acc), 1).At({address})",
        2 => $"beta(Positive(acc), 2).At({address})",
        3 => $"(flip(Probability(acc)).At({address}) ? 1.0 : -1.0)",
        4 => $"poisson(Positive(acc)).At({address})",
        5 => $"categorical([0.2, 0.3, 0.5]).At({address})",
        6 => $"uniform(acc, acc + 2).At({address})",
        7 => $"exponential(Positive(acc)).At({address})",
        8 => $"student_t(3, acc, 1).At({address})",
        _ => $"laplace(acc, Positive(acc)).At({address})",
    };
}
