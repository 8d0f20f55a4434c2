using Gen.Generators.Tests.Support;

namespace Gen.Generators.Tests.Diagnostics;

/// <summary>Every generator diagnostic, with the exact span it points at, and the cases that must stay silent.</summary>
public class DiagnosticTests
{
    private const string Usings = "using Gen;\nusing static Gen.Distributions;\n";

    private static void Verify(string markup)
    {
        var (source, expected) = Markup.Parse(Usings + markup);
        var result = GeneratorHarness.Run(source);
        var actual = result.GeneratorDiagnostics.Select(d => (d.Id, d.Location.SourceSpan)).ToList();
        Assert.That(actual, Is.EquivalentTo(expected), string.Join("\n", result.GeneratorDiagnostics));
        foreach (var diagnostic in result.GeneratorDiagnostics)
            Assert.That(diagnostic.GetMessage(), Is.Not.Empty.And.Not.Contain("{0}"));
    }

    private static string Message(string markup) =>
        GeneratorHarness.Run(Markup.Parse(Usings + markup).Source).GeneratorDiagnostics.Single().GetMessage();

    [Test]
    public void GEN002_points_at_the_second_constant_address_on_one_path()
    {
        Verify("""
            static partial class M
            {
                [Gen] static double A()
                {
                    var x = normal(0, 1).At("x");
                    return x + normal(0, 1).At{|GEN002:("x")|};
                }
            }
            """);
        Assert.That(Message("""
            static partial class M { [Gen] static double A() { var x = normal(0, 1).At("x"); return normal(x, 1).At("x"); } }
            """), Does.Contain("\"x\"").And.Contain("already sampled on line 3").And.Contain("'A'"));
    }

    [Test]
    public void GEN002_flags_a_constant_address_inside_a_loop()
    {
        Verify("""
            static partial class M
            {
                [Gen] static double A(int n)
                {
                    var total = 0.0;
                    for (var i = 0; i < n; i++) total += normal(0, 1).At{|GEN002:("y")|};
                    return total;
                }
            }
            """);
    }

    [Test]
    public void GEN002_is_silent_for_exclusive_branches_early_returns_and_indexed_addresses()
    {
        Verify("""
            static partial class M
            {
                [Gen] static double A(bool b, int n)
                {
                    if (b) { var u = normal(0, 1).At("x"); return u; }
                    var v = b ? normal(0, 1).At("y") : gamma(1, 1).At("y");
                    switch (n) { case 0: v += normal(0, 1).At("z"); break; default: v -= normal(0, 1).At("z"); break; }
                    for (var i = 0; i < n; i++) v += normal(0, 1).At("w", i);
                    return v + normal(0, 1).At("x");
                }
            }
            """);
    }

    [Test]
    public void GEN002_is_silent_when_every_arm_before_the_second_site_returns()
    {
        Verify("""
            static partial class M
            {
                [Gen] static double A(bool c, int k)
                {
                    if (c) { var a = normal(0, 1).At("a"); if (a > 0) return 1; else return 2; }
                    if (!c) { switch (k) { case 0: return normal(0, 1).At("b"); default: throw new System.Exception(); } }
                    return normal(0, 1).At("a") + normal(0, 1).At("b");
                }
            }
            """);
    }

    [Test]
    public void GEN004_for_sites_in_switch_labels_and_queries()
    {
        Verify("""
            using System.Linq;
            static partial class M
            {
                [Gen] static double When(int x)
                {
                    switch (x)
                    {
                        {|GEN004:case > 0 when flip(0.5).At("w"):|}
                            return 1;
                        default:
                            return 0;
                    }
                }

                [Gen] static double Query(int n) => (from i in Enumerable.Range(0, n) select {|GEN004:normal(0, 1).At("y", i)|}).Sum();
            }
            """);
    }

    /// <summary>
    /// One [Gen] method per declaration rule. The analyzers report these (GEN004 for the non-partial type,
    /// GEN006-GEN013: tests/Gen.Analyzers.Tests/Rules); the generator reports nothing and emits no code for them.
    /// </summary>
    private static readonly object[] DeclarationErrors =
    [
        new object[] { "GEN004 non-partial type", "static class Bad { [Gen] static double A() => normal(0, 1).At(\"x\"); }" },
        new object[] { "GEN004 non-partial outer type", "static class Outer { static partial class Bad { [Gen] static double A() => normal(0, 1).At(\"x\"); } }" },
        new object[] { "GEN006 instance method", "partial class Bad { [Gen] double A() => normal(0, 1).At(\"x\"); }" },
        new object[] { "GEN007 generic method", "partial class Bad { [Gen] static double A<T>() => normal(0, 1).At(\"x\"); }" },
        new object[] { "GEN008 void", "partial class Bad { [Gen] static void A() => normal(0, 1).At(\"x\"); }" },
        new object[] { "GEN008 by reference", "partial class Bad { static double _x; [Gen] static ref double A() { normal(0, 1).At(\"x\"); return ref _x; } }" },
        new object[] { "GEN009 async", "partial class Bad { [Gen] static async System.Threading.Tasks.Task<double> A() { await System.Threading.Tasks.Task.Yield(); return normal(0, 1).At(\"x\"); } }" },
        new object[] { "GEN010 ref parameter", "partial class Bad { [Gen] static double A(ref double x) => normal(x, 1).At(\"x\"); }" },
        new object[] { "GEN010 out parameter", "partial class Bad { [Gen] static double A(out double x) { x = 1; return normal(x, 1).At(\"x\"); } }" },
        new object[] { "GEN010 in parameter", "partial class Bad { [Gen] static double A(in double x) => normal(x, 1).At(\"x\"); }" },
        new object[] { "GEN011 iterator", "partial class Bad { [Gen] static System.Collections.Generic.IEnumerable<double> A() { yield return normal(0, 1).At(\"x\"); } }" },
        new object[] { "GEN012 file-local type used", "file sealed class Local { public static double One => 1; } partial class Bad { [Gen] static double A() => Local.One + normal(0, 1).At(\"x\"); }" },
        new object[] { "GEN012 file-local type enclosing", "file static partial class Bad { [Gen] static double A() => normal(0, 1).At(\"x\"); }" },
        new object[] { "GEN013 partial definition", "partial class Bad { [Gen] public static partial double A(); public static partial double A() => normal(0, 1).At(\"x\"); }" },
        new object[] { "GEN013 extern", "partial class Bad { [Gen] static extern double A(); }" },
    ];

    [TestCaseSource(nameof(DeclarationErrors))]
    public void Declaration_errors_are_left_to_the_analyzers_no_diagnostic_and_no_code(string rule, string declaration)
    {
        var result = GeneratorHarness.Run(Usings + declaration + "\npartial class Good { [Gen] static double B() => normal(0, 1).At(\"y\"); }");
        Assert.That(result.GeneratorDiagnostics, Is.Empty, rule);
        Assert.That(result.Sources.Select(s => s.HintName), Is.EqualTo(new[] { "Good.B.g.cs" }), rule + ": only the valid method is compiled");
        Assert.That(result.CompilationProblems.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error), Is.Empty, rule);
    }

    [Test]
    public void Gen_on_the_implementing_part_of_a_partial_method_is_compiled()
    {
        // GEN013's advice for a partial method: put [Gen] on the declaration that has the body.
        var result = GeneratorHarness.Run(Usings + """
            public static partial class M
            {
                public static partial double A(double mu);
                [Gen] public static partial double A(double mu) => normal(mu, 1).At("x");
            }
            """);
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
        Assert.That(result.CompilationProblems, Is.Empty);
        Assert.That(result.Source("M.A.g.cs"), Does.Contain("AGen("));
    }

    [Test]
    public void GEN004_for_sample_sites_in_constructs_that_cannot_be_lowered()
    {
        Verify("""
            using System;
            partial class M
            {
                [Gen] static double Lambda()
                {
                    Func<double> f = () => {|GEN004:normal(0, 1).At("x")|};
                    return f();
                }

                [Gen] static double Try()
                {
                    {|GEN004:try { return normal(0, 1).At("x"); } finally { }|}
                }

                [Gen] static double Local()
                {
                    {|GEN004:double Draw() => normal(0, 1).At("x");|}
                    return Draw();
                }

                [Gen] static double Direct() => {|GEN004:Lambda()|} + normal(0, 1).At("y");
            }
            """);
    }

    [Test]
    public void GEN004_messages_name_the_construct_and_the_fix()
    {
        Assert.That(Message("""
            partial class M { [Gen] static double A() => {|GEN004:B()|}; [Gen] static double B() => normal(0, 1).At("x"); }
            """), Does.Contain("calls the [Gen] method B directly").And.Contain("BGen(...).At("));
        Assert.That(Message("""
            partial class M { [Gen] static double A() { System.Func<double> f = () => normal(0, 1).At("x"); return f(); } }
            """), Does.Contain("inside a lambda"));
    }

    [Test]
    public void GEN004_for_an_address_of_the_wrong_type()
    {
        Verify("""
            partial class M
            {
                [Gen] static double A(object where) => normal(0, 1).At({|GEN004:3.5|});
            }
            """);
    }

    [Test]
    public void GEN004_address_message_says_what_an_address_may_be()
    {
        Assert.That(Message("partial class M { [Gen] static double A() => normal(0, 1).At(3.5); }"),
            Does.Contain("'3.5'").And.Contain("is a double").And.Contain("a string, an int, a (string, int) pair or a Gen.Address"));
    }

    [Test]
    public void A_site_nested_in_another_site_s_parameters_is_one_site_not_a_duplicate()
    {
        // Lowering once visited such a site both as the outer site's argument and inside its receiver: a false GEN002.
        var result = GeneratorHarness.Run(Usings + "partial class M { [Gen] static double A() => normal(normal(0, 1).At(\"mu\"), 1).At(\"x\"); }");
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
        Assert.That(result.CompilationProblems, Is.Empty);
        Assert.That(result.Source("M.A.g.cs"), Does.Contain("return sample normal((sample normal(0, 1) @ \\\"mu\\\"), 1) @ \\\"x\\\"\\n"));
    }

    [Test]
    public void GEN002_for_the_same_address_on_both_sides_of_a_short_circuit()
    {
        Verify("""
            partial class M
            {
                [Gen] static bool A() => flip(0.5).At("a") || flip(0.5).At{|GEN002:("a")|};
                [Gen] static double B(bool c) => c ? normal(0, 1).At("x") : normal(0, 2).At("x");
            }
            """);
    }

    [Test]
    public void GEN004_for_a_goto_in_a_body_with_sites()
    {
        Verify("""
            partial class M
            {
                [Gen] static double A()
                {
                    var n = 0;
                    again:
                    n++;
                    var x = normal(0, 1).At("x");
                    if (n < 2) {|GEN004:goto again;|}
                    return x;
                }
            }
            """);
    }

    [Test]
    public void GEN014_when_the_runtime_implements_another_generated_code_contract()
    {
        // A second definition of the contract type makes the runtime's ambiguous: the generator sees no contract it can trust.
        var result = GeneratorHarness.Run(Usings + """
            namespace Gen.Internal { public static class GeneratedCodeContract { public const int Version = 1; } }
            partial class M { [Gen] static double A() => normal(0, 1).At("x"); }
            """);
        var diagnostic = result.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("GEN014"));
        Assert.That(diagnostic.GetMessage(), Does.Contain($"version {Gen.Internal.GeneratedCodeContract.Version}").And.Contain("one version of the Gen package").And.Contain("'A'"));
        Assert.That(result.Sources, Is.Empty);
    }

    [Test]
    public void Valid_models_produce_no_diagnostics()
    {
        var result = GeneratorHarness.Run(Sources.All);
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
    }
}

/// <summary>GEN015: the note on a model without a gradient body, at the construct that blocks it.</summary>
public class GradientNoteTests
{
    private const string Usings = "using Gen;\nusing static Gen.Distributions;\n";

    private static Microsoft.CodeAnalysis.Diagnostic Note(string markup, out Microsoft.CodeAnalysis.Text.TextSpan expected)
    {
        var (source, spans) = Markup.Parse(Usings + markup);
        var result = GeneratorHarness.Run(source);
        Assert.That(result.GeneratorDiagnostics, Is.Empty, "a model without a gradient is no problem");
        Assert.That(result.CompilationProblems, Is.Empty);
        expected = spans.Single().Item2;
        return result.GradientNotes.Single();
    }

    [Test]
    public void A_distribution_without_parameter_gradients_is_named_where_it_is()
    {
        var note = Note("""
            partial class M
            {
                [Gen] static int A(int n)
                {
                    var rate = gamma(2, 1).At("rate");
                    for (var i = 0; i < n; i++) {|GEN015:uniform_discrete(0, (int)rate).At("y", i)|};
                    return n;
                }
            }
            """, out var span);
        Assert.That(note.Id, Is.EqualTo("GEN015"));
        Assert.That(note.Severity, Is.EqualTo(Microsoft.CodeAnalysis.DiagnosticSeverity.Info));
        Assert.That(note.Location.SourceSpan, Is.EqualTo(span));
        Assert.That(note.GetMessage(), Does.Contain("'A' gets no gradient body").And.Contain("uniform_discrete").And.Contain("NotSupportedException"));
        Assert.That(note.Descriptor.HelpLinkUri, Does.EndWith("GEN015.md"));
    }

    [Test]
    public void A_traced_call_and_a_helper_call_are_named()
    {
        Assert.That(Note("""
            partial class M
            {
                [Gen] static double Inner(double[] ms) => normal(ms[0], 1).At("x");
                [Gen] static double A() { var m = normal(0, 1).At("m"); return {|GEN015:InnerGen(new[] { m }).At("inner")|} + normal(0, 1).At("y"); }
            }
            """, out _).GetMessage(), Does.Contain("traced call whose arguments depend on continuous choices"));
        Assert.That(Note("""
            partial class M
            {
                [Gen] static (int, double) Inner() { normal(0, 1).At("a"); return (1, 2.0); }
                [Gen] static double A() { var v = {|GEN015:InnerGen().At("inner")|}; return normal(v.Item1, 1).At("y"); }
            }
            """, out _).GetMessage(), Does.Contain("traced call whose value").And.Contain("may hold continuous values"));
        Assert.That(Note("""
            partial class M
            {
                static double Square(double v) => v * v;
                [Gen] static double A() { var x = normal(0, 1).At("x"); return normal({|GEN015:Square(x)|}, 1).At("y"); }
            }
            """, out _).GetMessage(), Does.Contain("Square(x)"));
    }

    [Test]
    public void A_ref_struct_parameter_is_GEN004_not_broken_generated_code()
    {
        // A span cannot be a field of the generative function (it was CS8345 in the generated file).
        var result = GeneratorHarness.Run("using System;\n" + Usings + """
            partial class M
            {
                [Gen] static double A(ReadOnlySpan<double> xs) => normal(xs[0], 1).At("y");
            }
            """);
        var error = result.GeneratorDiagnostics.Single();
        Assert.That(error.Id, Is.EqualTo("GEN004"));
        Assert.That(error.GetMessage(), Does.Contain("'xs' is a System.ReadOnlySpan<double>, a ref struct").And.Contain("double[]"));
        Assert.That(result.CompilationProblems.Where(d => d.Location.SourceTree?.FilePath.Contains("Gen.Generators") == true), Is.Empty);
    }

    [Test]
    public void A_foreach_variable_of_type_float_over_continuous_values_is_named()
    {
        // foreach converts each element explicitly: a float variable would carry the values on without their gradient.
        Assert.That(Note("""
            partial class M
            {
                [Gen] static double A()
                {
                    var zs = new double[2];
                    for (var i = 0; i < 2; i++) zs[i] = normal(0, 1).At("z", i);
                    var total = 0.0;
                    foreach ({|GEN015:float|} k in zs) total += k;
                    return normal(total, 1).At("y");
                }
            }
            """, out _).GetMessage(), Does.Contain("converted to float"));
    }

    /// <summary>
    /// Models that built before the array gradient body and the double[,] locals existed: they still build (each gets a
    /// gradient body, or GEN015, or no array gradient body: never generated code that does not compile).
    /// </summary>
    [TestCase("static double A(double[] xs, bool d) { var src = d ? Default : xs; return normal(src[0], 1).At(\"y\"); }", TestName = "a conditional mixing a field into an array argument")]
    [TestCase("static double A(double[]? xs) { var src = xs ?? Default; return normal(src[0], 1).At(\"y\"); }", TestName = "a coalesce of an array argument")]
    [TestCase("static double A(double[] xs) { var m = xs[0] switch { > 0 => 1.0, _ => -1.0 }; return normal(m, 1).At(\"y\"); }", TestName = "a switch on an element")]
    [TestCase("static double A() { var x = normal(0, 1).At(\"x\"); var m = x switch { > 0 => 1.0, _ => -1.0 }; return normal(m, 1).At(\"y\"); }", TestName = "a switch on a choice")]
    [TestCase("static double[] A() { var s = gamma(4, 2).At(\"s\"); var cov = (double[,])Cov.Clone(); cov[0, 0] = s; return mv_normal(new double[2], cov).At(\"v\"); }", TestName = "a covariance cloned from a field")]
    [TestCase("static double[] A(bool big) { var s = gamma(4, 2).At(\"s\"); var cov = big ? new double[3, 3] : new double[2, 2]; for (var i = 0; i < cov.GetLength(0); i++) cov[i, i] = s; return mv_normal(new double[cov.GetLength(0)], cov).At(\"v\"); }", TestName = "a covariance made by a conditional")]
    [TestCase("static double[,] A() { var s = gamma(4, 2).At(\"s\"); var cov = new double[2, 2]; cov[0, 0] = s; cov[1, 1] = s; mv_normal(new double[2], cov).At(\"v\"); return cov; }", TestName = "a returned covariance")]
    [TestCase("static double A() { var a = new[] { 1.0, 2.0 }; a[0] = normal(0, 1).At(\"x\"); return normal(a[0] + a[1], 1).At(\"y\"); }", TestName = "an implicitly typed array set from a choice")]
    [TestCase("static double A(double[] xs) { var a = xs; a[0] = 2 * a[0]; return normal(a[0], 1).At(\"s\"); }", TestName = "an array argument written through an alias")]
    [TestCase("static double A(double[] xs) { ref var first = ref xs[0]; first = 2 * first; return normal(xs[0], 1).At(\"s\"); }", TestName = "an array argument written through a ref local")]
    [TestCase("static double A(double[] xs) { var same = xs == Default; return normal(same ? 1 : 0, 1).At(\"y\"); }", TestName = "an array argument compared with a field")]
    [TestCase("static double A(double[] xs) { var m = 0.0; switch (xs[0]) { case > 0: m = 1; break; default: m = -1; break; } return normal(m, 1).At(\"y\"); }", TestName = "a switch statement on an element")]
    [TestCase("static double A(double scale, double[]? xs = null) => normal(xs is null ? 0 : xs.Length, scale).At(\"y\");", TestName = "a nullable array argument with a null default")]
    [TestCase("static double A(double[] xs) { System.Span<double> s = xs; return normal(s[0], 1).At(\"y\"); }", TestName = "an array argument as a span")]
    [TestCase("static double A(double[] xs) { System.Collections.Generic.IEnumerable<double> e = xs; var y = normal(0, 1).At(\"y\"); return y; }", TestName = "an array argument as an interface")]
    [TestCase("static double A() { var zs = new double[2]; zs[0] = normal(0, 1).At(\"z\"); System.ReadOnlySpan<double> r = zs; return normal(r[0], 1).At(\"y\"); }", TestName = "an array of choices as a span")]
    [TestCase("static double A(double[] xs) { double At(int i) => xs[i]; return normal(At(0), 1).At(\"y\"); }", TestName = "a local function reading an array argument")]
    [TestCase("static double A() { var zs = new double[2]; zs[0] = normal(0, 1).At(\"z\"); double At(int i) => zs[i]; return normal(At(0), 1).At(\"y\"); }", TestName = "a local function reading an array of choices")]
    [TestCase("static double A(double[] xs) { var (a, b) = (xs[0], xs[1]); return normal(a + b, 1).At(\"y\"); }", TestName = "a tuple of elements")]
    [TestCase("static double A(double[] xs) { var copy = (double[])xs.Clone(); return normal(copy[0], 1).At(\"y\"); }", TestName = "a clone of an array argument")]
    [TestCase("static double A(double[] xs) { var n = xs?.Length ?? 0; return normal(n > 0 ? xs![0] : 0, 1).At(\"y\"); }", TestName = "a conditional access of an array argument")]
    [TestCase("static double A(double[] xs) { var s = $\"{xs[0]:F2}\"; return normal(xs[0], 1).At(s); }", TestName = "an element in an interpolated address")]
    [TestCase("static double A(double[] xs) { var y = normal(0, 1).At(\"y\"); var c = categorical(xs).At(\"c\"); return y + c; }", TestName = "an array argument as categorical weights")]
    [TestCase("static double A(double[] xs, double[] ys) { var m = mv_normal(xs, new double[,] { { 1, 0 }, { 0, 1 } }).At(\"m\"); return normal(m[0] + ys[1], 1).At(\"y\"); }", TestName = "an array argument as an mv_normal mean")]
    public void A_model_of_arrays_builds(string method)
    {
        var source = Usings + "partial class M\n{\n    static readonly double[] Default = [1.0, 2.0];\n    static readonly double[,] Cov = { { 1.0, 0.2 }, { 0.2, 1.0 } };\n    [Gen] " + method + "\n}\n";
        var result = GeneratorHarness.Run(source);
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
        Assert.That(result.CompilationProblems.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        // Nor a warning in the generated files (a project that treats warnings as errors builds too).
        Assert.That(result.CompilationProblems.Where(d => d.Location.SourceTree?.FilePath.Contains("Gen.Generators") == true).Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void A_family_of_calls_of_different_value_types_builds_without_a_gradient_body()
    {
        // The planner keeps such sites at run-time addresses; the gradient body, written for slots, once crashed the
        // generator (GEN000, a NullReferenceException) on them.
        var source = Usings + """
            partial class M
            {
                [Gen] static double A(bool b)
                {
                    var v = 0.0;
                    for (var i = 0; i < 2; i++) if (b) v += F(flip(0.5)).At("d", i) ? 1.0 : 0.0; else v += F(normal(0, 1)).At("d", i);
                    return v;
                }
                static GenerativeFunction<T> F<T>(GenerativeFunction<T> f) => f;
            }
            """;
        var result = GeneratorHarness.Run(source);
        Assert.That(result.CompilationProblems.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
        Assert.That(result.GradientNotes.Select(d => d.Id), Is.EqualTo(new[] { "GEN015" }));
        Assert.That(result.GradientNotes[0].GetMessage(), Does.Contain("different types").And.Contain("run-time addresses"));
    }

    [Test]
    public void A_continuous_value_converted_to_float_is_named_and_an_integer_cast_is_not()
    {
        // A float would carry the value on without its gradient: a silently wrong gradient, so the model gets none.
        Assert.That(Note("""
            partial class M
            {
                [Gen] static double A() { var x = normal(0, 1).At("x"); float f = {|GEN015:(float)x|}; return normal(f, 1).At("y"); }
            }
            """, out _).GetMessage(), Does.Contain("converted to float").And.Contain("compute in double"));
        // An integer cast is a step function (derivative zero almost everywhere): the model keeps its gradient.
        var result = GeneratorHarness.Run(Usings + """
            partial class M
            {
                [Gen] static double A() { var x = normal(0, 1).At("x"); var k = (int)x; return normal(x + k, 1).At("y"); }
            }
            """);
        Assert.That(result.GradientNotes, Is.Empty);
    }

    [Test]
    public void A_differentiable_model_gets_no_note()
    {
        var result = GeneratorHarness.Run("using System;\n" + Usings + """
            partial class M
            {
                [Gen] static double A(double[] xs)
                {
                    var slope = normal(0, 1).At("slope");
                    var count = poisson(3).At("count");
                    for (var i = 0; i < xs.Length; i++) normal(Math.Exp(slope) * xs[i] + count, 1).At("y", i);
                    return slope;
                }
            }
            """);
        Assert.That(result.GradientNotes, Is.Empty);
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
        Assert.That(result.CompilationProblems, Is.Empty);
    }

    [Test]
    public void An_unmarked_helper_is_named_with_the_fix()
    {
        Assert.That(Note("""
            partial class M
            {
                static double Square(double v) => v * v;
                [Gen] static double A() { var x = normal(0, 1).At("x"); return normal({|GEN015:Square(x)|}, 1).At("y"); }
            }
            """, out _).GetMessage(), Does.Contain("mark it [Differentiable]"));
    }

    [Test]
    public void A_differentiable_helper_gets_a_real_overload_and_the_model_keeps_its_gradient()
    {
        var result = GeneratorHarness.Run("using System;\n" + Usings + """
            partial class M
            {
                [Differentiable] static double Square(double v) { var t = v; return t * t; }
                [Differentiable] static double Soft(double v, int k) => Math.Log(1 + Math.Exp(v * k)) + Square(v);
                [Gen] static double A() { var x = normal(0, 1).At("x"); return normal(Soft(x, 2), 1).At("y"); }
            }
            """);
        Assert.That(result.GradientNotes, Is.Empty);
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
        Assert.That(result.CompilationProblems, Is.Empty);
        Assert.That(result.Sources.Select(s => s.HintName), Has.Some.EndsWith("M.Square.Real.g.cs").And.Some.EndsWith("M.Soft.Real.g.cs"));
    }

    [Test]
    public void GEN016_names_what_keeps_a_helper_from_being_differentiated()
    {
        // A body outside the subset: the overload throws, the model compiles (and keeps its gradient body).
        var result = GeneratorHarness.Run("using System;\n" + Usings + """
            partial class M
            {
                static double Opaque(double v) => v;
                [Differentiable] static double Wrap(double v) => {|GEN016:Opaque(v)|};
                [Gen] static double A() { var x = normal(0, 1).At("x"); return normal(Wrap(x), 1).At("y"); }
            }
            """.Replace("{|GEN016:", "").Replace("|}", ""));
        var warning = result.GeneratorDiagnostics.Single();
        Assert.That(warning.Id, Is.EqualTo("GEN016"));
        Assert.That(warning.Severity, Is.EqualTo(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.That(warning.GetMessage(), Does.Contain("'Wrap' is marked [Differentiable]").And.Contain("Opaque"));
        Assert.That(result.CompilationProblems, Is.Empty);
        Assert.That(result.Source("Wrap.Real.g.cs"), Does.Contain("NotSupportedException"));

        // A declaration that allows no overload: no overload, and the model's call is GEN015.
        result = GeneratorHarness.Run(Usings + """
            class Plain { [Differentiable] public static double Twice(double v) => 2 * v; }
            partial class M { [Gen] static double A() { var x = normal(0, 1).At("x"); return normal(Plain.Twice(x), 1).At("y"); } }
            """);
        Assert.That(result.GeneratorDiagnostics.Single().GetMessage(), Does.Contain("'Plain' is not partial"));
        Assert.That(result.GradientNotes.Single().GetMessage(), Does.Contain("Twice").And.Contain("not partial"));
        Assert.That(result.CompilationProblems, Is.Empty);
        // Only array parameters: the overload would repeat the method's own signature (it was CS0111), so none.
        result = GeneratorHarness.Run(Usings + """
            partial class M
            {
                [Differentiable] static double Dot(double[] a, double[] b) { var s = 0.0; for (var i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }
                [Gen] static double A(double[] xs) => normal(Dot(xs, xs), 1).At("y");
            }
            """);
        Assert.That(result.GeneratorDiagnostics.Single().GetMessage(), Does.Contain("'Dot' is marked [Differentiable]").And.Contain("no double parameter"));
        Assert.That(result.CompilationProblems.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error), Is.Empty);
    }

    [Test]
    public void Traced_calls_of_models_of_double_get_no_note()
    {
        // The callee's value is typed by code not generated yet ('var'): the gradient body still follows it.
        var result = GeneratorHarness.Run(Usings + """
            partial class M
            {
                [Gen] static double Inner(double scale) => normal(0, scale).At("x");
                [Gen] static double A(double[] xs)
                {
                    var a = InnerGen(2).At("a");
                    var total = a;
                    for (var i = 0; i < xs.Length; i++) total += InnerGen(xs[i]).At("b", i);
                    return normal(total * a, 1).At("y");
                }
            }
            """);
        Assert.That(result.GradientNotes, Is.Empty);
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
        Assert.That(result.CompilationProblems, Is.Empty);
    }
}
