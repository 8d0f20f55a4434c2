using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gen.Generators.Tests.Support;

/// <summary>Compiles C# sources in memory with Gen.Runtime referenced, runs the generator, and reports what came out.</summary>
public static class GeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(GenerativeFunction<>).Assembly.Location),
    ];

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public sealed record Result(
        CSharpCompilation Input,
        Compilation Output,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<GeneratedSourceResult> Sources,
        GeneratorDriver Driver,
        ImmutableArray<Diagnostic> GradientNotes)
    {
        /// <summary>Errors and warnings of the compiled output (input plus generated code).</summary>
        public IEnumerable<Diagnostic> CompilationProblems =>
            Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);

        public string Source(string hintEnd) => Sources.Single(s => s.HintName.EndsWith(hintEnd, StringComparison.Ordinal)).SourceText.ToString();
    }

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create("Tests" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static Result Run(params string[] sources) => Run(Compilation(sources));

    public static Result Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        driver ??= CSharpGeneratorDriver.Create([new GenGenerator().AsSourceGenerator()], parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var run = driver.GetRunResult();
        // GEN015 (Info: a model without a gradient body) is a note, not a problem: kept apart so "no diagnostics" keeps its meaning.
        var notes = diagnostics.Where(d => d.Id == "GEN015").ToImmutableArray();
        return new Result(compilation, output, diagnostics.RemoveRange(notes), run.Results.Single().GeneratedSources, driver, notes);
    }

    /// <summary>Emits the output compilation and loads it; fails with the compiler's errors if it does not compile.</summary>
    public static Assembly Load(Result result)
    {
        using var stream = new MemoryStream();
        var emit = result.Output.Emit(stream);
        Assert.That(emit.Success, Is.True, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(stream.ToArray());
    }
}
