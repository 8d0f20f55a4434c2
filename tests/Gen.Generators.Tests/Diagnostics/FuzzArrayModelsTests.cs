using Gen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Gen.Generators.Tests.Diagnostics;

/// <summary>
/// Fuzzed models (one [Gen] method each, most with double[] arguments) whose generated code must compile. The first 27 built when written
/// (covariances, traced calls, choices in ordinary constructs); every later one was found failing by the fuzz (an error in a
/// generated file) and fixed. Same harness as DiagnosticTests.A_model_of_arrays_builds, plus a few usings and
/// mutable static members (Last, Total, Buf) for models that store values outside the method.
/// </summary>
public class FuzzArrayModelsTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing Gen;\nusing static Gen.Distributions;\nusing static Gen.Combinators;\n";

    private const string Members = "    static readonly double[] Default = [1.0, 2.0];\n    static readonly double[,] Cov = { { 1.0, 0.2 }, { 0.2, 1.0 } };\n" +
        "    static double Last;\n    static double Total;\n    static double[] Buf = new double[2];\n";

    [TestCase("![Gen] static double Inner(double[,] k) => normal(k[0, 0], 1).At(\"y\"); [Gen] static double A() { var s = gamma(2, 2).At(\"s\"); var cov = new double[1, 1]; cov[0, 0] = s; return InnerGen(cov).At(\"i\"); }")]
    [TestCase("static double A(double[] xs) { var n = xs.Length; var cov = new double[n, n]; for (var i = 0; i < n; i++) cov[i, i] = Math.Exp(xs[i]); var v = mv_normal(xs, cov).At(\"v\"); return v[0]; }")]
    [TestCase("static double A(double[] xs) { var cov = new double[2, 2]; cov[0, 0] = 1; cov[1, 1] = 1; cov[0, 1] = cov[1, 0] = 0.5 * xs[0]; return mv_normal(new double[2], cov).At(\"v\")[0]; }")]
    [TestCase("static double A(double[] xs) { var m = new double[xs.Length]; Array.Fill(m, 0.0); return normal(m[0] + xs[0], 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var total = 0.0; for (var i = 0; i < xs.Length; i++) { if (xs[i] < 0) continue; total += Math.Sqrt(xs[i]); } return normal(total, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var s = xs.Length == 0 ? 0.0 : xs[0] / xs.Length; return normal(s, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs, int k) { var v = k < xs.Length ? xs[k] : double.NaN; return normal(double.IsNaN(v) ? 0 : v, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var w = normal(0, 1).At(\"w\"); var ys = new double[xs.Length]; for (var i = 0; i < ys.Length; i++) ys[i] = w * xs[i]; var v = mv_normal(ys, new double[,] { { 1, 0 }, { 0, 1 } }).At(\"v\"); return v[0]; }")]
    [TestCase("static double A(double[] xs) { double best = double.NegativeInfinity; foreach (var x in xs) best = Math.Max(best, x); return normal(best, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var r = (int)Math.Round(xs[0]); return normal(r, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var p = 1.0 / (1.0 + Math.Exp(-xs[0])); return flip(p).At(\"f\") ? 1.0 : 0.0; }")]
    [TestCase("static double A(double[] xs) { var c = checked(xs.Length * 2); return normal(xs[c % xs.Length], 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var arr = new double[3]; for (var i = 0; i < 3; i++) arr[i] = m * i; Array.Reverse(arr); return normal(arr[0], 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var s = m.ToString(\"F2\"); return normal(s.Length, 1).At(\"y\") + m; }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var (lo, hi) = (m - 1, m + 1); return uniform(lo, hi).At(\"u\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); double[] w = [m, 1 - m]; return normal(w[0] * w[1], 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var list = new List<double>(); list.Add(m); return normal(list[0], 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var q = m > 0 ? m : -m; q *= 2; q /= 3; q -= 1; return normal(q, 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var k = 0; while (k < 3 && m > k) k++; return normal(k + m, 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var z = Math.Clamp(m, -1, 1); return normal(z, 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var z = double.IsFinite(m) ? Math.Tanh(m) : 0; return normal(z, 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); object o = m; return normal((double)o, 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var f = (Func<double, double>)(x => x * m); return normal(f(1), 1).At(\"y\"); }")]
    [TestCase("static double[] A(int n) { var m = normal(0, 1).At(\"m\"); var ys = new double[n]; for (var i = 0; i < n; i++) ys[i] = normal(m, 1).At(\"y\", i); return ys; }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var ys = new double[2, 2]; ys[0, 1] = m; return normal(ys[0, 1] + ys.Length, 1).At(\"y\"); }")]
    [TestCase("static (double, double) A() { var m = normal(0, 1).At(\"m\"); return (m, normal(m, 1).At(\"y\")); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var total = 0.0; foreach (var (i, w) in new[] { (0, 1.0), (1, 2.0) }) total += w * m + i; return normal(total, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { Last = xs[0]; return normal(xs[0], 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); Last = m; return normal(m, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { Total += xs[0]; return normal(xs[0], 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { Buf = xs; return normal(xs[0], 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); ref double r = ref Total; r = m; return normal(m, 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); ref double r = ref Buf[0]; r = m; return normal(m, 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var d = new Dictionary<int, double>(); d[0] = m; return normal(d[0], 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var l = new List<double> { 0 }; l[0] = xs[0]; return normal(l[0], 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var t = (a: 0.0, b: 1.0); t.a = xs[0]; return normal(t.a, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { Span<double> s = stackalloc double[2]; s[0] = xs[0]; return normal(s[0], 1).At(\"y\"); }")]
    [TestCase("static double A() { var b = normal(0, 1).At(\"b\"); Span<double> s = stackalloc double[2]; s[0] = b; return normal(s[0], 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { Span<double> s = new double[2]; s[0] = xs[0]; return normal(s[0], 1).At(\"y\"); }")]
    [TestCase("static double[] A(double[] xs, bool c) { normal(xs[0], 1).At(\"y\"); return c ? xs : Default; }")]
    [TestCase("static double[] A(double[]? xs) { normal(0, 1).At(\"y\"); return xs ?? Default; }")]
    [TestCase("static double[] A(bool c) { var m = normal(0, 1).At(\"m\"); var ys = new[] { m }; return c ? ys : new double[1]; }")]
    [TestCase("static double A(double[] xs, bool c) { var v = (c ? xs : Default)[0]; return normal(v, 1).At(\"y\"); }")]
    [TestCase("static double A(double[]? xs) { var v = (xs ?? Default)[0]; return normal(v, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs, bool c) { var v = mv_normal(c ? xs : Default, Cov).At(\"v\"); return v[0]; }")]
    [TestCase("static double A(double[] xs, bool c) { var p = dirichlet(c ? xs : Default).At(\"p\"); return normal(p[0], 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs, bool c) { var k = categorical(c ? xs : Default).At(\"k\"); return normal(k, 1).At(\"y\"); }")]
    [TestCase("static double A(double[]? xs) { var s = 0.0; foreach (var x in xs ?? Default) s += x; return normal(s, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var s = 0.0; foreach (var x in xs.Length > 0 ? xs : new double[] { 1 }) s += x; return normal(s, 1).At(\"y\"); }")]
    [TestCase("static double A(bool b) { var s = gamma(2, 2).At(\"s\"); var cov = new double[,] { { s, 0 }, { 0, s } }; var v = mv_normal(new double[2], b ? cov : Cov).At(\"v\"); return v[0]; }")]
    [TestCase("static double[] A(double[] xs, int k) { normal(xs[0], 1).At(\"y\"); return k switch { 0 => xs, _ => Default }; }")]
    [TestCase("static double A(double[] xs, int k) { var v = (k switch { 0 => xs, _ => Default })[0]; return normal(v, 1).At(\"y\"); }")]
    [TestCase("static double[] A(double[] xs) { normal(xs[0], 1).At(\"y\"); return null!; }")]
    [TestCase("static double[] A() { normal(0, 1).At(\"y\"); return []; }")]
    [TestCase("static double[] A() { normal(0, 1).At(\"y\"); return default!; }")]
    [TestCase("static int[] A(double[] xs) { normal(xs[0], 1).At(\"y\"); return []; }")]
    [TestCase("static double[][] A() { normal(0, 1).At(\"y\"); return []; }")]
    [TestCase("static double A(double[] xs) { var k = Math.Max(xs.Length, 2); return normal(xs[k - 2], 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var n = Math.Max(xs.Length, 1); var ys = new double[n]; ys[0] = normal(0, 1).At(\"z\"); return normal(ys[0] + xs[0], 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var k = Math.Min(xs.Length - 1, (int)Math.Floor(xs[0])); return normal(xs[k], 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); long k = Math.Max(0L, (long)m); return normal(m + k, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var v = Math.Round(xs[0], 2); return normal(v, 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var v = Math.Round(m, 2, MidpointRounding.ToEven); return normal(v, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var v = Math.Log(xs[0], xs[1]); return normal(v, 1).At(\"y\"); }")]
    [TestCase("static double A() { var m = normal(0, 1).At(\"m\"); var v = Math.Log(2, Math.Exp(m)); return normal(v, 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { var acc = 0.0; for (var k = 0; k < xs[0]; k++) acc += Default[k] * xs[k]; return normal(acc, 1).At(\"y\"); }")]
    [TestCase("static double A() { var b = normal(0, 1).At(\"b\"); double[][] r = { new[] { b, 1.0 } }; return normal(r[0][0], 1).At(\"y\"); }")]
    [TestCase("static double A(double[] xs) { double[][] r = { xs }; return normal(r[0][0], 1).At(\"y\"); }")]
    public void FuzzArrayModels_build(string method) => Builds(method);

    private static void Builds(string method)
    {
        // A line starting with '!' is several members, each with its own attributes.
        var members = method.StartsWith('!') ? method.Substring(1) : "[Gen] " + method;
        var source = Usings + "partial class M\n{\n" + Members + "    " + members + "\n}\n";
        var result = GeneratorHarness.Run(source);
        var errors = result.CompilationProblems.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
        Assert.That(errors.Select(d => d.ToString()), Is.Empty);
    }
}
