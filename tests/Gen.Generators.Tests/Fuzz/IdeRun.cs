using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Generators.Tests.Fuzz;

/// <summary>
/// Runs a compilation as an IDE does on each edit: the generator through a (kept) incremental driver, then every
/// analyzer of Gen.Analyzers over the compilation the generator produced. Collects everything that would show the
/// user a crash instead of a diagnostic: an exception out of the generator (Roslyn's CS8785), an analyzer exception
/// (AD0001), and GEN000, the internal-error diagnostic the generator and analyzers report when they catch their own.
/// </summary>
public static class IdeRun
{
    /// <summary>Every analyzer in Gen.Analyzers, found by reflection so that a new rule is covered too.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        [.. typeof(Gen.Analyzers.Common.GenAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(DiagnosticAnalyzer)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    private static readonly string[] CrashIds = ["GEN000", "AD0001", "CS8785"];

    /// <summary>A fresh driver, as <see cref="Support.GeneratorHarness"/> makes it (incremental steps tracked).</summary>
    public static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new GenGenerator().AsSourceGenerator()], parseOptions: Support.GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>One crash: <paramref name="Key"/> tells one crash from another across inputs, <paramref name="Text"/> says all.</summary>
    public sealed record Crash(string Key, string Text)
    {
        public override string ToString() => Text;
    }

    /// <summary>
    /// Runs the generator (advancing <paramref name="driver"/>) and every analyzer on <paramref name="compilation"/>
    /// (on the document <paramref name="edited"/> only, when given, as an IDE analyses the open document); returns the
    /// crashes found (none when the tools only reported ordinary diagnostics).
    /// </summary>
    public static List<Crash> Crashes(Compilation compilation, ref GeneratorDriver driver, SyntaxTree? edited = null)
    {
        var crashes = new List<Crash>();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        foreach (var result in driver.GetRunResult().Results)
            if (result.Exception is { } exception) crashes.Add(Thrown("generator", exception));
        crashes.AddRange(generatorDiagnostics.Where(d => CrashIds.Contains(d.Id)).Select(d => Reported("generator", d)));
        // A generator's crash is CS8785 among the driver's diagnostics (as well as the result's Exception).

        var thrown = new ConcurrentQueue<Crash>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => thrown.Enqueue(Thrown("analyzer " + analyzer.GetType().Name, exception)),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var analysis = output.WithAnalyzers(Analyzers, options);
        // The analyzers register syntax-node and operation actions only (no syntax-tree actions): the semantic pass over
        // the edited document runs them all.
        var analyzerDiagnostics = edited is null
            ? analysis.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            : analysis.GetAnalyzerSemanticDiagnosticsAsync(output.GetSemanticModel(edited), null, default).GetAwaiter().GetResult();
        crashes.AddRange(thrown);
        crashes.AddRange(analyzerDiagnostics.Where(d => CrashIds.Contains(d.Id)).Select(d => Reported("analyzers", d)));
        return crashes;
    }

    private static Crash Thrown(string who, Exception exception)
    {
        var frame = exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
        return new Crash($"{who} threw {exception.GetType().Name} {frame}", $"{who} threw {exception}");
    }

    private static Crash Reported(string who, Diagnostic diagnostic) =>
        new($"{who} {diagnostic.Id} {diagnostic.GetMessage(CultureInfo.InvariantCulture)}", $"{who}: {diagnostic}");

    /// <summary><see cref="Crashes(Compilation, ref GeneratorDriver)"/> with a fresh driver.</summary>
    public static List<Crash> Crashes(Compilation compilation)
    {
        var driver = NewDriver();
        return Crashes(compilation, ref driver);
    }
}
