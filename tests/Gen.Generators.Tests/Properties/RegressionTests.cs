using System.Reflection;
using Gen.Generators.Tests.Support;
using Gen.Tests.Support;

namespace Gen.Generators.Tests.Properties;

/// <summary>
/// Models that once made generated code disagree with the interpreter, or fail to compile, found in review. Each is
/// compiled in memory and checked against the interpreter under every GFI method.
/// </summary>
public class RegressionTests
{
    private const string Header = """
        using System;
        using System.Linq;
        using Gen;
        using static Gen.Distributions;

        namespace Regressions;

        """;

    private static Type Compile(string models)
    {
        var result = GeneratorHarness.Run(Header + models);
        Assert.That(result.GeneratorDiagnostics, Is.Empty);
        Assert.That(result.CompilationProblems.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        return GeneratorHarness.Load(result).GetType("Regressions.Models")!;
    }

    private static void Agree<R>(Type models, string name, object[] args, object[] other)
    {
        var factory = models.GetMethod(name + "Gen", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, args.Select(a => a.GetType()).ToArray())!;
        var body = models.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, args.Select(a => a.GetType()).ToArray())!;
        GenerativeFunction<R> Generated(object[] a) => (GenerativeFunction<R>)factory.Invoke(null, a)!;
        GenerativeFunction<R> Interpreted(object[] a) => new InterpretedFunction<R>(name, () => Invoke<R>(body, a));
        Differential.AllMethodsAgree(new Differential.Subject<R>(name, () => Generated(args), () => Interpreted(args),
            () => Generated(other), () => Interpreted(other)), keys: 6);
    }

    private static R Invoke<R>(MethodInfo method, object[] args)
    {
        try
        {
            return (R)method.Invoke(null, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    [Test]
    public void A_helper_returning_a_distribution_is_used_as_written_not_replaced_by_its_statics()
    {
        var models = Compile("""
            public static partial class Models
            {
                static Normal Noisy(double mu, double sigma) => normal(mu + 100, sigma * 2);
                [Gen] public static double UsesHelper(double m) => Noisy(m, 1).At("x");
            }
            """);
        Agree<double>(models, "UsesHelper", [0.0], [1.0]);
    }

    [Test]
    public void A_run_time_address_equal_to_a_constant_one_is_a_duplicate_in_both()
    {
        var models = Compile("""
            public static partial class Models
            {
                [Gen] public static double Collide(string name) => normal(0, 1).At("x") + normal(0, 1).At(name);
            }
            """);
        Agree<double>(models, "Collide", ["x"], ["z"]);
        Agree<double>(models, "Collide", ["z"], ["x"]);
    }

    [Test]
    public void Indices_beyond_the_dense_range_stay_visible_after_it_grows()
    {
        var models = Compile("""
            public static partial class Models
            {
                [Gen] public static double Far(int n)
                {
                    var total = normal(0, 1).At("y", n);
                    for (var i = 0; i < n; i++) total += normal(0, 1).At("y", i);
                    return total;
                }
            }
            """);
        Agree<double>(models, "Far", [2000], [1990]);
    }

    [Test]
    public void A_helper_s_stray_draw_is_never_recorded_in_the_caller_s_trace()
    {
        var models = Compile("""
            public static partial class Models
            {
                #pragma warning disable GEN005
                static double Helper() => normal(0, 1).At("h");
                [Gen] public static double Child() => normal(0, 1).At("c") + Helper();
                [Gen] public static double Parent(int unused) => ChildGen().At("child");
            }
            """);
        Agree<double>(models, "Parent", [0], [1]);
    }

    [Test]
    public void Multi_line_string_literals_are_copied_exactly()
    {
        var models = Compile("""
            public static partial class Models
            {
                [Gen] public static double Text(int k)
                {
                    var text = @"a
                        b";
                    return text.Length + normal(k, 1).At("x");
                }
            }
            """);
        Agree<double>(models, "Text", [0], [1]);
    }

    [Test]
    public void Names_that_look_like_generated_members_and_other_shapes_compile_and_agree()
    {
        var models = Compile("""
            public static partial class Models
            {
                private sealed class Hidden(double v) { public double V = v; }

                [Gen] public static double Choices(double xAddress) => normal(xAddress, 1).At("choices") + normal(0, 1).At("x");

                [Gen] private static double Private(Hidden h) => normal(h.V, 1).At("x");
                public static GenerativeFunction<double> PrivateVia(double v) => PrivateGen(new Hidden(v));

                [Gen] public static double Defaults(float f = float.NaN, double d = double.PositiveInfinity) => normal(0, 1).At("x");

                [Gen] public static double Pt(double x) => normal(x, 1).At("d");
                [Gen] public static int Pt(int x) => poisson(x + 1).At("i");
                [Gen] public static double UsesOverload(int n) => PtGen(n).At("a") + PtGen(1.5).At("b");
            }
            """);
        Agree<double>(models, "Choices", [0.5], [1.5]);
        Agree<double>(models, "UsesOverload", [3], [4]);
        var via = (GenerativeFunction<double>)models.GetMethod("PrivateVia")!.Invoke(null, [2.0])!;
        Assert.That(via.Simulate().Choices.Count, Is.EqualTo(1));
    }
}
