using Gen.Analyzers.CodeFixes;
using Gen.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.UnseededJitAnalyzer, Gen.Analyzers.CodeFixes.WrapInSeedCodeFix>;

namespace Gen.Analyzers.Tests.CodeFixes;

/// <summary>"Wrap in Seed": Jit(f) becomes Jit(Seed(f)), written the way the file names things.</summary>
public class WrapInSeedTests
{
    [Test]
    public Task Wraps_a_lambda_under_using_static()
    {
        return V.CodeFix("""
            using System;
            using static Gen.Distributions;
            using static Gen.Transforms;

            class C
            {
                void M() => Jit({|GEN001:(double mu) => normal(mu, 1).Simulate().Retval|});
            }
            """, """
            using System;
            using static Gen.Distributions;
            using static Gen.Transforms;

            class C
            {
                void M() => Jit(Seed((double mu) => normal(mu, 1).Simulate().Retval));
            }
            """);
    }

    [Test]
    public Task Keeps_comments_and_layout_around_the_argument()
    {
        return V.CodeFix("""
            using System;
            using static Gen.Distributions;
            using static Gen.Transforms;

            class C
            {
                void M()
                {
                    Func<double, double> draw = mu => normal(mu, 1).Simulate().Retval;
                    var jitted = Jit(
                        /* the sampler */ {|GEN001:draw|} // one call per key
                    );
                }
            }
            """, """
            using System;
            using static Gen.Distributions;
            using static Gen.Transforms;

            class C
            {
                void M()
                {
                    Func<double, double> draw = mu => normal(mu, 1).Simulate().Retval;
                    var jitted = Jit(
                        /* the sampler */ Seed(draw) // one call per key
                    );
                }
            }
            """);
    }

    [Test]
    public Task Reuses_the_qualifier_of_a_qualified_Jit()
    {
        return V.CodeFix("""
            using System;
            using Gen;

            class C
            {
                void M()
                {
                    Func<double, double> draw = mu => Distributions.normal(mu, 1).Simulate().Retval;
                    var a = Transforms.Jit({|GEN001:draw|});
                    var b = Gen.Transforms.Jit({|GEN001:draw|});
                }
            }
            """, """
            using System;
            using Gen;

            class C
            {
                void M()
                {
                    Func<double, double> draw = mu => Distributions.normal(mu, 1).Simulate().Retval;
                    var a = Transforms.Jit(Transforms.Seed(draw));
                    var b = Gen.Transforms.Jit(Gen.Transforms.Seed(draw));
                }
            }
            """);
    }

    [Test]
    public Task Adds_using_static_when_nothing_names_Seed()
    {
        return V.CodeFix("""
            using System;

            class Runner
            {
                public static void Run([Gen.RequiresSeed] Func<Gen.Key, double> f) { }
                public static void Run([Gen.RequiresSeed] Func<double> f) { }
            }

            class C
            {
                void M() => Runner.Run({|GEN001:() => Gen.Distributions.normal(0, 1).Simulate().Retval|});
            }
            """, """
            using System;
            using static Gen.Transforms;

            class Runner
            {
                public static void Run([Gen.RequiresSeed] Func<Gen.Key, double> f) { }
                public static void Run([Gen.RequiresSeed] Func<double> f) { }
            }

            class C
            {
                void M() => Runner.Run(Seed(() => Gen.Distributions.normal(0, 1).Simulate().Retval));
            }
            """);
    }

    [Test]
    public Task Uses_Transforms_Seed_under_using_Gen()
    {
        return V.CodeFix("""
            using System;
            using Gen;

            class Runner
            {
                public static void Run([RequiresSeed] Func<Key, double> f) { }
                public static void Run([RequiresSeed] Func<double> f) { }
            }

            class C
            {
                void M() => Runner.Run({|GEN001:() => Distributions.normal(0, 1).Simulate().Retval|});
            }
            """, """
            using System;
            using Gen;

            class Runner
            {
                public static void Run([RequiresSeed] Func<Key, double> f) { }
                public static void Run([RequiresSeed] Func<double> f) { }
            }

            class C
            {
                void M() => Runner.Run(Transforms.Seed(() => Distributions.normal(0, 1).Simulate().Retval));
            }
            """);
    }

    [Test]
    public Task Fix_all_wraps_every_occurrence_in_the_document()
    {
        return V.CodeFix("""
            using System;
            using static Gen.Distributions;
            using static Gen.Transforms;

            class C
            {
                static double Draw(double mu) => normal(mu, 1).Simulate().Retval;
                void M()
                {
                    Func<double, double> draw = mu => normal(mu, 1).Simulate().Retval;
                    var a = Jit({|GEN001:draw|});
                    var b = Jit<double, double>({|GEN001:Draw|});
                    var c = Jit({|GEN001:(double mu) => normal(mu, 2).Simulate().Retval|});
                }
            }
            """, """
            using System;
            using static Gen.Distributions;
            using static Gen.Transforms;

            class C
            {
                static double Draw(double mu) => normal(mu, 1).Simulate().Retval;
                void M()
                {
                    Func<double, double> draw = mu => normal(mu, 1).Simulate().Retval;
                    var a = Jit(Seed(draw));
                    var b = Jit<double, double>(Seed<double, double>(Draw));
                    var c = Jit(Seed((double mu) => normal(mu, 2).Simulate().Retval));
                }
            }
            """);
    }

    [Test]
    public Task Fix_all_adds_the_using_once_across_documents()
    {
        var test = new V.Test();
        const string Runner = """
            namespace App;

            public static class Runner
            {
                public static void Run([Gen.RequiresSeed] System.Func<Gen.Key, double> f) { }
                public static void Run([Gen.RequiresSeed] System.Func<double> f) { }
            }
            """;
        const string Before = """
            namespace App;

            class C{0}
            {
                void M()
                {
                    Runner.Run({|GEN001:() => Gen.Distributions.normal(0, 1).Simulate().Retval|});
                    Runner.Run({|GEN001:() => Gen.Distributions.normal(0, 2).Simulate().Retval|});
                }
            }
            """;
        const string After = """
            using static Gen.Transforms;

            namespace App;

            class C{0}
            {
                void M()
                {
                    Runner.Run(Seed(() => Gen.Distributions.normal(0, 1).Simulate().Retval));
                    Runner.Run(Seed(() => Gen.Distributions.normal(0, 2).Simulate().Retval));
                }
            }
            """;
        test.TestState.Sources.Add(("Runner.cs", Runner));
        test.TestState.Sources.Add(("C1.cs", Before.Replace("{0}", "1")));
        test.TestState.Sources.Add(("C2.cs", Before.Replace("{0}", "2")));
        test.FixedState.Sources.Add(("Runner.cs", Runner));
        test.FixedState.Sources.Add(("C1.cs", After.Replace("{0}", "1")));
        test.FixedState.Sources.Add(("C2.cs", After.Replace("{0}", "2")));
        // One fix at a time needs two iterations per document; FixAll does it in one.
        test.NumberOfIncrementalIterations = 4;
        test.NumberOfFixAllInDocumentIterations = 2;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Test]
    public Task Spells_out_Seed_type_arguments_where_they_cannot_be_inferred()
    {
        return V.CodeFix("""
            using System;
            using static Gen.Distributions;
            using static Gen.Transforms;

            class C
            {
                static double Draw(double mu, int n) => normal(mu, n).Simulate().Retval;
                void M()
                {
                    var a = Jit<double, int, double>({|GEN001:Draw|});
                    var b = Jit<double, double>({|GEN001:mu => normal(mu, 1).Simulate().Retval|});
                }
            }
            """, """
            using System;
            using static Gen.Distributions;
            using static Gen.Transforms;

            class C
            {
                static double Draw(double mu, int n) => normal(mu, n).Simulate().Retval;
                void M()
                {
                    var a = Jit<double, int, double>(Seed<double, int, double>(Draw));
                    var b = Jit<double, double>(Seed<double, double>(mu => normal(mu, 1).Simulate().Retval));
                }
            }
            """);
    }

    [Test]
    public Task No_fix_for_a_key_taking_function_that_ignores_its_key()
    {
        const string Source = """
            using System;
            using Gen;
            using static Gen.Distributions;
            using static Gen.Transforms;

            class C
            {
                void M() => Jit({|GEN001:(Key key, double mu) => normal(mu, 1).Simulate().Retval|});
            }
            """;
        return V.CodeFix(Source, Source);
    }

    [Test]
    public void The_fix_is_for_GEN001_with_the_batch_fixer()
    {
        var fix = new WrapInSeedCodeFix();
        Assert.That(fix.FixableDiagnosticIds, Is.EqualTo(new[] { "GEN001" }));
        Assert.That(fix.GetFixAllProvider(), Is.SameAs(Microsoft.CodeAnalysis.CodeFixes.WellKnownFixAllProviders.BatchFixer));
        Assert.That(UnseededJitAnalyzer.WrapInSeedProperty, Is.EqualTo("WrapInSeed"));
    }
}
