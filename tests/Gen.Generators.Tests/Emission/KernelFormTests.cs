using Gen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gen.Generators.Tests.Emission;

/// <summary>
/// The kernel subset is checked, not hoped for: a body the generator gives a kernel form compiles, and every construct a
/// kernel cannot hold (what would not compile over the kernel's argument views, or would box, allocate or call user code)
/// gives no kernel form and a reason instead — never a build error in generated code.
/// </summary>
public class KernelFormTests
{
    private static string Model(string parameters, string body) => $$"""
        using System;
        using Gen;
        using static Gen.Distributions;

        public static partial class M
        {
            public const double Scale = 2;
            public static readonly double[] Table = [1, 2];

            [Gen]
            public static double Model({{parameters}})
            {
                {{body}}
            }

            // Callees for traced calls: in the subset, and outside it (a helper call; a recursion).
            [Gen]
            public static double One(double v, bool wide) => normal(v, wide ? 2 : 1).At("o");

            [Gen]
            public static double Arr(double[] ys, int i) => normal(ys[i], 1).At("r");

            [Gen]
            public static double Helped(double v) => normal(Half(v), 1).At("h");

            private static double Half(double v) => v / 2;

            [Gen]
            public static double Self(int n) => n <= 0 ? normal(0, 1).At("z") : SelfGen(n - 1).At("s");
        }
        """;

    public static IEnumerable<TestCaseData> Outside()
    {
        TestCaseData Case(string name, string parameters, string body, string reason) =>
            new TestCaseData(parameters, body, reason).SetArgDisplayNames(name);
        yield return Case("null test of an array", "double[] xs", "var x = normal(0, 1).At(\"x\"); if (xs == null) return 0; return x;", "other than an element or its Length");
        yield return Case("is null", "double[] xs", "var x = normal(0, 1).At(\"x\"); return xs is null ? 0 : x;", "other than an element or its Length");
        yield return Case("index from the end", "double[] xs", "return normal(xs[^1], 1).At(\"x\");", "an index that is not an int");
        yield return Case("range", "double[] xs", "return normal(xs[1..][0], 1).At(\"x\");", "an element access of something other than an array argument");
        yield return Case("ref local", "double[] xs", "ref readonly var first = ref xs[0]; return normal(first, 1).At(\"x\");", "a ref");
        yield return Case("array passed on", "double[] xs", "var ys = xs; return normal(ys[0], 1).At(\"x\");", "the local 'ys'");
        yield return Case("LongLength", "double[] xs", "return normal(xs.LongLength, 1).At(\"x\");", "a use of an array argument other than an element or its Length");
        yield return Case("boxing cast", "double a", "var x = normal(a, 1).At(\"x\"); _ = (object)x; return x;", "of type object");
        yield return Case("string discarded", "double a", "var x = normal(a, 1).At(\"x\"); _ = \"x = \" + x; return x;", "of type string");
        yield return Case("static field", "double a", "return normal(Table[0], 1).At(\"x\");", "an element access of something other than an array argument");
        yield return Case("nullable", "double a", "double? m = a; return normal(m ?? 0, 1).At(\"x\");", "of type double?");
        yield return Case("tuple", "double a", "var (p, q) = (a, 2 * a); return normal(p, q).At(\"x\");", "a value of type (double p, double q)");
        yield return Case("lambda", "double a", "Func<double, double> f = v => v; return normal(f(a), 1).At(\"x\");", "the local 'f'");
        yield return Case("method group", "double a", "Func<double, double> f = Math.Exp; return normal(f(a), 1).At(\"x\");", "the local 'f'");
        yield return Case("foreach over a local", "double a", "var s = 0.0; foreach (var c in \"ab\") s += c; return normal(s + a, 1).At(\"x\");", "a foreach loop over something other than an array argument");
        yield return Case("helper", "double a", "return normal(Math.Abs(a) + Twice(a), 1).At(\"x\");", "a call of a method other than Math's");
        yield return Case("a callee outside the subset", "double a", "return HelpedGen(a).At(\"c\");",
            "a traced call of Helped, which is outside the kernel subset: a call of a method other than Math's or PortableMath's (a kernel runs no user code) ('Half(v)')");
        yield return Case("a recursive callee", "int n", "return SelfGen(n).At(\"c\");", "a traced call of Self, which is outside the kernel subset: a recursive traced call of Self");
        yield return Case("an array argument that is no parameter", "double[] xs", "return ArrGen(Table, 0).At(\"c\");", "whose array argument 'Table' is not an array parameter of the caller");
        yield return Case("a site in a callee's arguments", "double a", "return OneGen(normal(a, 1).At(\"x\"), true).At(\"c\");", "whose arguments hold sample sites");
        yield return Case("calls of different functions at one address", "double a",
            "if (flip(0.5).At(\"f\")) return OneGen(a, true).At(\"c\"); return HelpedGen(a).At(\"c\") + ArrGen(Table, 0).At(\"d\");", "a traced call of Helped");
        yield return Case("calls of different kernel forms at one address", "double[] xs",
            "if (flip(0.5).At(\"f\")) return OneGen(xs[0], true).At(\"c\"); return ArrGen(xs, 0).At(\"c\");", "traced calls of different functions (or overloads) at one address ('ArrGen(xs, 0).At(");
        yield return Case("a combinator whose results are used", "double a", "return Gen.Combinators.Repeat(3, OneGen(a, true)).At(\"c\")[0];", "a Repeat whose array of return values is used");
        yield return Case("a Switch of a distribution", "double a", "return Gen.Combinators.Switch(a > 0, OneGen(a, true), normal(a, 1)).At(\"c\");", "whose branches are not factory calls");
        yield return Case("a Switch whose branches read arrays", "double[] xs", "return Gen.Combinators.Switch(xs.Length > 1, OneGen(xs[0], true), OneGen(xs[1], false)).At(\"c\");", "whose branch arguments read array elements");
        yield return Case("a Switch whose index is a choice", "double a", "return Gen.Combinators.Switch(uniform_discrete(0, 1).At(\"k\"), OneGen(a, true), OneGen(a, false)).At(\"c\");", "whose index holds a sample site");
        yield return Case("a Mix", "double a", "return Gen.Combinators.Mix([0.5, 0.5], OneGen(a, true), OneGen(a, false)).At(\"c\");", "a traced call of a combinator or of a generative function value");
        yield return Case("a Scan whose initial state is a choice", "double a", "Gen.Combinators.Scan((int t, double s) => OneGen(s, false), 3, normal(0, 1).At(\"s0\")).At(\"c\"); return a;", "initial state holds a sample site");
        yield return Case("a Vmap over a local array", "double a", "double[] ys = [a]; Gen.Combinators.Vmap((double y) => OneGen(y, false), ys).At(\"c\"); return a;", "which is not an array parameter");
        yield return Case("a Vmap at an indexed address", "double[] xs", "for (var i = 0; i < 2; i++) Gen.Combinators.Vmap((double y) => OneGen(y, false), xs).At(\"c\", i); return 0;", "at an address other than a constant name");
        yield return Case("a Vmap of a lambda with a block body", "double[] xs", "Gen.Combinators.Vmap((double y) => { return OneGen(y, false); }, xs).At(\"c\"); return 0;", "whose lambda is not one traced call's factory");
        yield return Case("a Vmap of a callee outside the subset", "double[] xs", "Gen.Combinators.Vmap((double y) => HelpedGen(y), xs).At(\"c\"); return 0;", "a traced call of Helped, which is outside the kernel subset");
        yield return Case("a Repeat whose count is a choice", "double a", "Gen.Combinators.Repeat(uniform_discrete(0, 3).At(\"n\"), OneGen(a, true)).At(\"c\"); return a;", "whose count holds a sample site");
    }

    [TestCaseSource(nameof(Outside))]
    public void A_construct_outside_the_subset_gives_a_reason_and_a_clean_build(string parameters, string body, string reason)
    {
        var source = Model(parameters, body).Replace("public const double Scale = 2;", "public const double Scale = 2;\n    private static double Twice(double v) => 2 * v;");
        var result = GeneratorHarness.Run(source);
        Assert.That(result.CompilationProblems.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        var text = result.Source(".Model.g.cs");
        Assert.That(text, Does.Not.Contain("IKernelModel"), "no kernel form");
        Assert.That(text, Does.Contain("NoKernel(").And.Contain(reason));
    }

    public static IEnumerable<TestCaseData> Inside()
    {
        TestCaseData Case(string name, string parameters, string body) => new TestCaseData(parameters, body).SetArgDisplayNames(name);
        yield return Case("constants and Math", "double a", "var x = normal(a * Scale, Math.Sqrt(Math.PI)).At(\"x\"); return Math.Max(x, double.MinValue);");
        yield return Case("early returns in plain code", "double a, bool stop", "if (stop) return -1; var x = normal(a, 1).At(\"x\"); if (x > 0) { return x; } return -x;");
        yield return Case("loops, break, continue, switch", "int[] ks, bool[] mask", "var s = 0.0; for (var i = 0; i < ks.Length; i++) { if (!mask[i]) continue; if (ks[i] < 0) break; switch (ks[i]) { case 0: s += 1; break; default: s += ks[i]; break; } s += normal(s, 1).At(\"y\", i); } var j = 0; while (j < 2) j++; do { j--; } while (j > 0); return s;");
        yield return Case("expression body", "double a", "return normal(a, 1).At(\"x\") + 1;");
        yield return Case("foreach over argument arrays", "double[] xs, int[] ks, bool[] bs", "var s = 0.0; var i = 0; foreach (var x in xs) { s += normal(x, 1).At(\"y\", i); i++; } foreach (int k in ks) s += k; foreach (var b in bs) if (b) s += 1; return s;");
        yield return Case("target-typed returns", "double a, int k", "var x = normal(a, 1).At(\"x\"); if (k == 0) return default; if (k == 1) return 0; return k > 2 ? x : 1;");
        yield return Case("conditional and checked", "int n", "var k = checked(n + 1); var x = k > 2 ? normal(0, 1).At(\"a\") : exponential(1).At(\"b\"); return x;");
        yield return Case("PortableMath", "double a", "var x = normal(a, PortableMath.Exp(a)).At(\"x\"); return PortableMath.Log(1 + x * x) + PortableMath.CosPi(x);");
        yield return Case("a property pattern", "double[] xs", "var x = normal(0, 1).At(\"x\"); return xs.Length > 0 && x is > 0 and < 10 ? xs[0] : x;");
        yield return Case("traced calls of kernel-subset methods", "double[] xs, int n",
            "var s = OneGen(n * 0.5, n > 2).At(\"one\"); for (var i = 0; i < n; i++) s += ArrGen(xs, i).At(\"arr\", i); return s + OneGen(s, false).At((\"deep\", \"one\"));");
        yield return Case("Vmap and Repeat of kernel-subset methods as statements", "double[] xs, bool[] flags, int n",
            "var s = normal(0, 1).At(\"s\"); Gen.Combinators.Vmap((double x) => OneGen(2 * x + s, n > 1), xs).At(\"v\"); Gen.Combinators.Vmap((x, f) => OneGen(x, f), xs, flags).At(\"w\"); " +
            "Gen.Combinators.Repeat(n + 1, ArrGen(xs, 0)).At(\"r\"); return s;");
        yield return Case("Switches of kernel-subset methods", "double a, int k",
            "var s = Gen.Combinators.Switch(a > 0, OneGen(a, true), OneGen(-a, false)).At(\"c\"); return s + Gen.Combinators.Switch(k, OneGen(s, true), OneGen(a + 1, false), OneGen(1, false)).At(\"d\");");
        yield return Case("a Scan over per-step inputs", "double[] inputs, int[] ks",
            "Gen.Combinators.Scan((int t, double s) => OneGen(s + inputs[t], ks[t] > 0), inputs.Length, 0.0).At(\"c\"); return 0;");
        yield return Case("Scans of kernel-subset methods as statements", "double a, int n",
            "Gen.Combinators.Scan((int t, double s) => OneGen(s + t, false), n, a).At(\"c\"); Gen.Combinators.Scan(s => OneGen(s, true), 2, 0.5).At(\"d\"); return a;");
    }

    [TestCaseSource(nameof(Inside))]
    public void A_body_in_the_subset_gets_a_kernel_form_that_compiles(string parameters, string body)
    {
        var result = GeneratorHarness.Run(Model(parameters, body));
        Assert.That(result.CompilationProblems.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        Assert.That(result.Source(".Model.g.cs"), Does.Contain("IKernelModel<double>"));
    }

    [Test]
    public void A_call_of_an_inherited_overload_calls_that_overload_s_kernel_form()
    {
        // Derived.XGen(v) with a double binds the inherited Base.X(double), not Derived.X(int).
        var result = GeneratorHarness.Run("""
            using Gen;
            using static Gen.Distributions;

            public partial class Base { [Gen] public static double X(double a) => normal(a, 1).At("y"); }
            public partial class Derived : Base { [Gen] public static double X(int a) => normal(a + 100, 1).At("y"); }
            public static partial class Caller { [Gen] public static double Call1(double v) => Derived.XGen(v).At("x"); }
            """);
        Assert.That(result.CompilationProblems.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        Assert.That(result.Source(".Call1.g.cs"), Does.Contain("global::Base.__XKernel.Call(").And.Contain("IKernelModel<double>"));
    }

    [Test]
    public void A_call_an_overload_resolution_priority_could_decide_has_no_kernel_form()
    {
        // The factories do not carry the attribute, so XGen's overloads may bind otherwise than X's: no guess.
        var result = GeneratorHarness.Run("""
            using Gen;
            using System.Runtime.CompilerServices;
            using static Gen.Distributions;

            public static partial class M
            {
                [Gen, OverloadResolutionPriority(1)] public static double PrioX(double a) => normal(a, 1).At("y");
                [Gen] public static double PrioX(int a) => normal(a + 100, 1).At("y");
                [Gen] public static double UsePrio(int n) => PrioXGen(n).At("o");
            }
            """);
        Assert.That(result.CompilationProblems.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        var text = result.Source(".UsePrio.g.cs");
        Assert.That(text, Does.Not.Contain("IKernelModel"));
        Assert.That(text, Does.Contain("whose overload the generator cannot tell"));
    }
}
