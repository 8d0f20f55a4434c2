using Gen.Analyzers.Rules;
using Gen.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis.Testing;
using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.UnseededJitAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN001: a function passed to Jit (or any [RequiresSeed] parameter) reaches a sample site without Seed.</summary>
public class UnseededJitTests
{
    // A [Gen] model and a hand-written stand-in for what the generator adds beside it (ModelGen).
    private const string Model = """
        public static partial class Models
        {
            [Gen]
            public static double Line(double[] xs) => normal(0, 1).At("slope");

            public static GenerativeFunction<double> LineGen(double[] xs) => normal(0, 1);
        }

        """;

    // ------------------------------------------------------------------ positive

    [Test]
    public Task A_lambda_that_simulates()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M() => Jit({|GEN001:(double[] xs) => Models.LineGen(xs).Simulate().Retval|});
            }
            """);
    }

    [Test]
    public Task The_message_names_the_site_and_the_fix()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M() => Jit({|#0:(double mu) => normal(mu, 1).At("x")|});
            }
            """,
            V.Diagnostic("GEN001").WithLocation(0).WithArguments(
                "this lambda", "the sample site 'normal(mu, 1).At(\"x\")'",
                "Wrap it in Seed so that each call takes its own key: Jit(Seed(...))."));
    }

    [Test]
    public Task A_method_group()
    {
        return V.Analyzer(Model + """
            class C
            {
                static double Draw(double mu) => normal(mu, 1).Simulate().Retval;
                void M() => Jit<double, double>({|GEN001:Draw|});
            }
            """);
    }

    [Test]
    public Task A_local_function()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M()
                {
                    double Draw(double mu) => normal(mu, 1).Simulate().Retval;
                    var jitted = Jit<double, double>({|GEN001:Draw|});
                }
            }
            """);
    }

    [Test]
    public Task A_local_assigned_once()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M()
                {
                    Func<double, double> draw = mu => normal(mu, 1).Simulate().Retval;
                    var jitted = Jit({|GEN001:draw|});
                }
            }
            """);
    }

    [Test]
    public Task A_local_holding_a_local_holding_a_lambda()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M()
                {
                    Func<double, double> draw = mu => normal(mu, 1).Simulate().Retval;
                    var alias = draw;
                    var jitted = Jit({|GEN001:alias|});
                }
            }
            """);
    }

    [Test]
    public Task A_site_reached_transitively_through_helpers()
    {
        return V.Analyzer(Model + """
            class C
            {
                static double Outer(double mu) => Middle(mu) + 1;
                static double Middle(double mu) => Inner(mu) * 2;
                static double Inner(double mu) => normal(mu, 1).Simulate().Retval;
                void M() => Jit({|#0:(double mu) => Outer(mu)|});
            }
            """,
            V.Diagnostic("GEN001").WithLocation(0).WithArguments(
                "this lambda", "the sample site 'normal(mu, 1).Simulate()' (in C.Inner)",
                "Wrap it in Seed so that each call takes its own key: Jit(Seed(...))."));
    }

    [Test]
    public Task A_delegate_local_invoked_inside_the_lambda()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M()
                {
                    Func<double> draw = () => normal(0, 1).Simulate().Retval;
                    Jit({|GEN001:(double x) => x + draw()|});
                }
            }
            """);
    }

    [Test]
    public Task A_gen_method_called_directly_or_passed_as_a_method_group()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M()
                {
                    Jit({|GEN001:(double[] xs) => Models.Line(xs)|});
                    Jit<double[], double>({|#0:Models.Line|});
                }
            }
            """,
            V.Diagnostic("GEN001").WithLocation(0).WithArguments(
                "Models.Line", "the [Gen] method 'Line', which draws fresh randomness when called directly",
                "Wrap it in Seed so that each call takes its own key: Jit(Seed(...))."));
    }

    [Test]
    public Task Edits_and_batch_methods_draw_keys_too()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M(Trace<double> trace, Particles<double> particles)
                {
                    Jit({|GEN001:(ChoiceMap c) => trace.Update(c).Weight|});
                    Jit({|GEN001:(Selection s) => trace.Regenerate(s).Weight|});
                    Jit({|GEN001:(int n) => particles.Resample().Count + n|});
                    Jit({|GEN001:(int n) => normal(0, 1).ImportanceK(n, ChoiceMap.Empty).Count|});
                    Jit({|GEN001:(ChoiceMap c) => normal(0, 1).Importance(c).Weight|});
                }
            }
            """);
    }

    [Test]
    public Task Inference_library_entry_points_draw_keys_too()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M(Trace<double> trace)
                {
                    Jit({|GEN001:(Selection s) => Gen.Inference.Mcmc.MetropolisHastings(trace, s).Accepted|});
                    Jit({|GEN001:(ChoiceMap c) => Gen.Inference.ImportanceSampling.Run(normal(0, 1), c, 10).Count|});
                    Jit(Seed((ChoiceMap c) => Gen.Inference.ImportanceSampling.Run(normal(0, 1), c, 10).Count));
                }
            }
            """);
    }

    [Test]
    public Task A_seeded_shape_that_ignores_its_key()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M() => Jit({|#0:(Key key, double mu) => normal(mu, 1).Simulate().Retval|});
            }
            """,
            V.Diagnostic("GEN001").WithLocation(0).WithArguments(
                "this lambda", "the sample site 'normal(mu, 1).Simulate()'",
                "It takes a Key but does not use it for this draw: derive the draw from the key (run it under Seed(key, ...) or call Sample(key))."));
    }

    [Test]
    public Task Either_arm_of_a_conditional()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M(bool flag)
                {
                    Func<double, double> plain = x => x;
                    Func<double, double> random = x => normal(x, 1).Simulate().Retval;
                    Jit({|GEN001:flag ? plain : random|});
                }
            }
            """);
    }

    [Test]
    public Task JitBatch_and_any_parameter_marked_RequiresSeed()
    {
        return V.Analyzer(Model + """
            class Runner
            {
                public Runner([RequiresSeed] Func<double> f) { }
                public static void Run(int n, [RequiresSeed] Func<double> f) { }
            }
            class C
            {
                void M()
                {
                    JitBatch({|GEN001:(Key k) => normal(0, 1).Simulate().Retval|});
                    Runner.Run(3, {|GEN001:() => normal(0, 1).Simulate().Retval|});
                    new Runner({|GEN001:() => normal(0, 1).Simulate().Retval|});
                }
            }
            """);
    }

    // ------------------------------------------------------------------ negative

    [Test]
    public Task Not_on_Jit_of_Seed()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M()
                {
                    Func<double[], double> draw = xs => Models.LineGen(xs).Simulate().Retval;
                    Jit(Seed(draw));
                    Jit(Seed((double[] xs) => Models.Line(xs)));
                    JitBatch(Seed((double mu) => normal(mu, 1).Simulate().Retval));
                }
            }
            """);
    }

    [Test]
    public Task Not_on_a_local_holding_a_seeded_function()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M()
                {
                    var seeded = Seed((double mu) => normal(mu, 1).Simulate().Retval);
                    var jitted = Jit(seeded);
                }
            }
            """);
    }

    [Test]
    public Task Not_on_functions_that_never_sample()
    {
        return V.Analyzer(Model + """
            class C
            {
                static double Square(double x) => x * x;
                void M()
                {
                    Jit((double x) => x * x);
                    Jit<double, double>(Square);
                    Jit((ChoiceMap c) => normal(0, 1).Assess(c).Weight);
                }
            }
            """);
    }

    [Test]
    public Task Not_on_code_that_uses_its_key_explicitly()
    {
        return V.Analyzer(Model + """
            class C
            {
                void M()
                {
                    Jit((Key key, double mu) => normal(mu, 1).Sample(key));
                    Jit((Key key, double[] xs) => Seed(key, () => Models.LineGen(xs).Simulate().Retval));
                }
            }
            """);
    }

    [Test]
    public Task Not_on_what_it_cannot_see()
    {
        return V.Analyzer(Model + """
            class C
            {
                static Func<double, double> Field = x => normal(x, 1).Simulate().Retval;
                void M(Func<double, double> parameter)
                {
                    Func<double, double> twice = x => x;
                    twice = x => normal(x, 1).Simulate().Retval;
                    Jit(parameter);
                    Jit(Field);
                    Jit(twice);
                }
            }
            """);
    }

    [Test]
    public Task Recursion_without_a_site_terminates_quietly()
    {
        return V.Analyzer(Model + """
            class C
            {
                static double Ping(double x) => x > 0 ? Pong(x - 1) : x;
                static double Pong(double x) => x > 0 ? Ping(x - 1) : x;
                void M() => Jit((double x) => Ping(x));
            }
            """);
    }

    [Test]
    public Task Not_on_a_compilation_without_Gen()
    {
        var test = new V.Test
        {
            TestCode = """
                using System;
                static class Transforms { public static Func<T, R> Jit<T, R>(Func<T, R> f) => f; }
                class C { void M() => Transforms.Jit((double x) => new Random().NextDouble()); }
                """,
            ReferenceAssemblies = TestReferences.Framework,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        return test.RunAsync();
    }

    [Test]
    public void The_analyzer_reports_only_its_rule_and_GEN000()
    {
        var ids = new UnseededJitAnalyzer().SupportedDiagnostics.Select(d => d.Id);
        Assert.That(ids, Is.EquivalentTo(new[] { "GEN001", "GEN000" }));
    }
}
