using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>
/// All analyzers together with the real source generator, as in a consumer's build: GEN001 sees the generated
/// <c>XGen</c> factories, and no rule fires on generated code or on a correct model.
/// </summary>
public class WithGeneratorTests
{
    /// <summary>Every analyzer in Gen.Analyzers, found by reflection so that a new rule is covered too.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        [.. typeof(Gen.Analyzers.Common.GenAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(DiagnosticAnalyzer)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var compilation = CSharpCompilation.Create("Consumer",
            [CSharpSyntaxTree.ParseText(Support.TestReferences.Usings + source, new CSharpParseOptions(LanguageVersion.Latest), path: "Program.cs")],
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Gen.Key).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Gen.Gpu.GpuDevice).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new Gen.Generators.GenGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        // GEN015 is an Info note (a model without a gradient body), not a problem with the program.
        Assert.That(generatorDiagnostics.Where(d => d.Id != "GEN015"), Is.Empty);
        Assert.That(generated.SyntaxTrees.Count(), Is.GreaterThan(1), "the generator added sources");
        Assert.That(generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);

        return await generated.WithAnalyzers(AllAnalyzers()).GetAnalyzerDiagnosticsAsync();
    }

    private const string Model = """
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

            [Gen]
            public static double TwoLines(double[] xs) => LineGen(xs).At("first") + LineGen(xs).At("second");
        }

        """;

    [Test]
    public async Task A_correct_program_is_quiet()
    {
        var diagnostics = await AnalyzeAsync(Model + """
            public static class Program
            {
                public static double Run(double[] xs)
                {
                    var sample = Jit(Seed((double[] data) => Models.TwoLinesGen(data).Simulate().Retval));
                    var batch = JitBatch(Seed((double[] data) => Models.LineGen(data).Simulate().Retval));
                    return sample(new Key(1), xs) + batch(new Key(2), 10, xs)[0];
                }
            }
            """);
        Assert.That(diagnostics, Is.Empty);
    }

    [Test]
    public async Task GEN001_follows_the_generated_factories()
    {
        var diagnostics = await AnalyzeAsync(Model + """
            public static class Program
            {
                public static double Run(double[] xs) =>
                    Jit((double[] data) => Models.TwoLinesGen(data).Simulate().Retval)(xs);
            }
            """);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "GEN001" }));
        Assert.That(diagnostics[0].GetMessage(), Does.Contain("Models.TwoLinesGen(data).Simulate()"));
        Assert.That(diagnostics[0].Location.SourceTree!.FilePath, Is.EqualTo("Program.cs"));
    }

    [Test]
    public async Task GEN017_names_why_a_model_passed_to_the_gpu_has_no_kernel_form()
    {
        var found = await AnalyzeAsync(Model + """
            public static partial class More
            {
                [Gen]
                public static double Scaled(double x) => Twice(normal(x, 1).At("a"));

                private static double Twice(double v) => 2 * v;

                [Gen]
                public static double Rate() => gamma(2, 1).At("rate");

                [Gen]
                public static double Counted(int n) => gamma(n + 1, 1).At("g");

                [Gen]
                public static double CallsScaled(double x) => ScaledGen(x).At("s");
            }
            public static class Program
            {
                public static void Run(double[] xs, Gen.Gpu.GpuDevice gpu)
                {
                    Gen.Gpu.GpuInference.ImportanceK(Models.LineGen(xs), 100, ChoiceMap.Empty, gpu);   // in the subset: quiet
                    Gen.Gpu.GpuInference.ImportanceK(Models.TwoLinesGen(xs), 100, ChoiceMap.Empty, gpu); // calls of kernel-subset methods: quiet
                    Gen.Gpu.GpuInference.ImportanceK(More.CallsScaledGen(1), 100, ChoiceMap.Empty, gpu);
                    Gen.Gpu.GpuInference.ImportanceK(More.ScaledGen(1), 100, ChoiceMap.Empty, gpu);
                    Gen.Gpu.GpuInference.ImportanceK(More.RateGen(), 100, ChoiceMap.Empty, gpu);
                    More.ScaledGen(2).ImportanceK(100, ChoiceMap.Empty);                                 // the CPU: quiet
                    Gen.Gpu.GpuParticleFilter.Run(t => Models.LineGen(xs), [ChoiceMap.Empty], 100, gpu);   // quiet
                    Gen.Gpu.GpuParticleFilter.Run(t => More.ScaledGen(t), [ChoiceMap.Empty], 100, gpu);
                    Gen.Inference.ParticleFilter.Run(t => More.ScaledGen(t), [ChoiceMap.Empty], 100);      // the CPU: quiet
                    Gen.Gpu.GpuParticleFilter.Run(Step, [ChoiceMap.Empty], 100, gpu);                    // the method's returns
                    Gen.Gpu.GpuParticleFilter.Run(More.CountedGen, [ChoiceMap.Empty], 100, gpu);          // the factory itself
                    Gen.Gpu.GpuParticleFilter.Run(t => { System.Func<GenerativeFunction<double>> later = () => More.RateGen(); return Models.LineGen(xs); },
                        [ChoiceMap.Empty], 100, gpu);                                                       // a nested lambda's return: quiet
                }

                public static void Edit(Particles<double> particles, Gen.Gpu.GpuDevice gpu)
                {
                    Gen.Gpu.GpuInference.Edit(particles, EditRequest.Update(More.ScaledGen(3), ChoiceMap.Empty), gpu);
                    Gen.Gpu.GpuInference.Edit(particles, EditRequest.Regenerate(Selection.Of("a")), gpu);             // no new call: quiet
                }

                private static GenerativeFunction<double> Step(int t) => t < 0 ? More.RateGen() : More.ScaledGen(t);
            }
            """);
        var diagnostics = found.OrderBy(d => d.Location.SourceSpan.Start).ToArray(); // in source order (analysis runs concurrently)
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(Enumerable.Repeat("GEN017", 8)), string.Join("\n", diagnostics));
        Assert.That(diagnostics[2].GetMessage(), Does.Contain("'Rate' cannot run on a GPU: a choice of gamma, whose density needs MathNet's special functions"));
        Assert.That(diagnostics[0].GetMessage(), Does.Contain("'CallsScaled' cannot run on a GPU: a traced call").And.Contain("ScaledGen(x).At(\"s\")")
            .And.Contain("which is outside the kernel subset: a call of a method other than Math's"));
        Assert.That(diagnostics[1].GetMessage(), Does.Contain("'Scaled' cannot run on a GPU: a call of a method other than Math's").And.Contain("docs/gpu.md"));
        Assert.That(diagnostics[1].Location.SourceTree!.GetText().ToString(diagnostics[1].Location.SourceSpan), Is.EqualTo("More.ScaledGen(1)"));
        // A particle filter's model lambda: the call it returns.
        Assert.That(diagnostics[3].GetMessage(), Does.Contain("'Scaled' cannot run on a GPU"));
        Assert.That(diagnostics[3].Location.SourceTree!.GetText().ToString(diagnostics[3].Location.SourceSpan), Is.EqualTo("More.ScaledGen(t)"));
        // A method group: both calls its method may return, reported at the GPU call's argument; a factory as the method
        // group itself; an edit request's new call.
        Assert.That(diagnostics.Skip(4).Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)),
            Is.EqualTo(new[] { "Step", "Step", "More.CountedGen", "More.ScaledGen(3)" }));
        Assert.That(diagnostics.Skip(4).Select(d => d.GetMessage()[..d.GetMessage().IndexOf(' ')]), Is.EqualTo(new[] { "'Rate'", "'Scaled'", "'Counted'", "'Scaled'" }));
    }

    [Test]
    public async Task GEN018_reports_folded_constants_only_in_models_that_have_a_kernel_form()
    {
        var found = await AnalyzeAsync("""
            public static partial class Shifted
            {
                [Gen]
                public static double InKernel(double x) => normal(x + 0.1 + 0.2, 1).At("y");

                [Gen]
                public static double OnHost(double x) => normal(Twice(x) + 0.1 + 0.2, 1).At("y");

                private static double Twice(double v) => 2 * v;
            }
            """);
        Assert.That(found.Select(d => (d.Id, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))),
            Is.EqualTo(new[] { ("GEN018", "x + 0.1 + 0.2") }), "OnHost has no kernel form ([NoKernel] on its factory): it never runs on a GPU");
    }

    [Test]
    public void Every_analyzer_is_in_the_end_to_end_run()
    {
        var ids = AllAnalyzers().Select(a => a.SupportedDiagnostics[0].Id).ToList();
        Assert.That(ids, Is.SupersetOf(new[] { "GEN001", "GEN003", "GEN004", "GEN005", "GEN006", "GEN007", "GEN008", "GEN009", "GEN010", "GEN011", "GEN012", "GEN013", "GEN017", "GEN018" }));
    }

    [Test]
    public async Task A_declaration_error_is_reported_once_by_its_analyzer_and_the_generator_stays_silent()
    {
        // AnalyzeAsync asserts that the generator reports nothing (and that the rest of the program compiles):
        // each mistake comes from one analyzer, once, at the same span the generator used to report it.
        var diagnostics = await AnalyzeAsync(Model + """
            public static class NotPartial
            {
                [Gen] public static double A() => normal(0, 1).At("x");
            }
            public static partial class Broken
            {
                [Gen] public static double Generic<T>() => normal(0, 1).At("x");
                [Gen] public static void Void() => normal(0, 1).At("x");
                [Gen] public static double Out(out double x) { x = 1; return normal(x, 1).At("x"); }
            }
            """);
        Assert.That(diagnostics.Select(d => d.Id), Is.EquivalentTo(new[] { "GEN004", "GEN007", "GEN008", "GEN010" }),
            string.Join("\n", diagnostics));
        Assert.That(diagnostics.Select(d => d.Location.SourceTree!.FilePath), Is.All.EqualTo("Program.cs"));
        Assert.That(diagnostics.Single(d => d.Id == "GEN004").GetMessage(), Does.Contain("type 'NotPartial' declares [Gen] method 'A' but is not partial"));
        Assert.That(diagnostics.Single(d => d.Id == "GEN007").Location.SourceSpan.Length, Is.EqualTo("<T>".Length));
    }
}
