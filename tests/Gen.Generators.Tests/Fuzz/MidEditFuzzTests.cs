using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using CsCheck;
using Gen.Generators.Tests.Properties;
using Gen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gen.Generators.Tests.Fuzz;

/// <summary>
/// The generator under an IDE: a half-typed [Gen] method must never make the generator or an analyzer crash, nor
/// report GEN000. The repository's models (the generator tests' sources, random models, the runtime tests' model
/// files, and <see cref="Constructs"/>) are edited at random as a user mid-typing would (<see cref="MidEdits"/>), and
/// each edited compilation goes through the generator, with an incremental driver kept per project as an IDE keeps
/// it, and every analyzer (on the edited document, as an IDE analyses the open one). The seed is fixed, so every run
/// checks the same edits (800 of them, ~30 s of two cores); <c>GEN_FUZZ_CASES</c> and <c>GEN_FUZZ_SEED</c> run more
/// or other ones locally. A crash is shrunk to a small input (<see cref="MidEdits.Minimize"/>) for a regression test
/// (<see cref="MidEditRegressionTests"/>).
/// </summary>
public class MidEditFuzzTests
{
    private const int DefaultSeed = 20240612;
    private const int DefaultCases = 800;

    /// <summary>One compilation of the corpus: its files and, for each edit, which file to edit.</summary>
    private sealed record Project(string Name, string[] Files);

    private static List<Project> Corpus()
    {
        var projects = Sources.All.Select((s, i) => new Project($"Sources[{i}]", [s])).ToList();
        projects.Add(new Project("random models (6)", [RandomModels.Source(Check.Single(RandomModels.Bodies.Array[6], _ => true, "0N0XIzNsQ0O2"))]));
        projects.Add(new Project("constructs", [Constructs.Source]));
        projects.Add(new Project("random models (10)", [RandomModels.Source(Check.Single(RandomModels.Bodies.Array[10], _ => true, "0N0XIzNsQ0O2"))]));
        var directory = Path.Combine(TestContext.CurrentContext.TestDirectory, "FuzzCorpus");
        var runtimeModels = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        Assert.That(runtimeModels, Has.Length.GreaterThanOrEqualTo(5), "the runtime tests' model files are copied beside the tests");
        projects.Add(new Project("Gen.Runtime.Tests/Models", runtimeModels));
        return projects;
    }

    /// <summary>The runtime tests compile with these global usings (their csproj's Using items).</summary>
    private const string GlobalUsings = "global using System; global using System.Linq; global using System.Collections.Generic;";

    private static CSharpCompilation Compile(IEnumerable<string> files) =>
        GeneratorHarness.Compilation([GlobalUsings, .. files]);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [Test]
    public void Half_typed_models_never_crash_the_generator_or_an_analyzer()
    {
        var seed = Setting("GEN_FUZZ_SEED", DefaultSeed);
        var cases = Setting("GEN_FUZZ_CASES", DefaultCases);
        var projects = Corpus();

        // One IDE session per project, the projects side by side (each session's edits in order, so every run checks
        // the same edits): its first run is of the unedited files, which must be quiet, so a crash after is an edit's.
        var quiet = new ConcurrentBag<string>();
        var found = new ConcurrentBag<(int Case, Project Project, int File, string Source, IdeRun.Crash Crash)>();
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Parallel.For(0, projects.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        {
            var project = projects[p];
            var unedited = Compile(project.Files);
            var driver = IdeRun.NewDriver();
            foreach (var crash in IdeRun.Crashes(unedited, ref driver)) quiet.Add($"{project.Name}: {crash}");
            for (var i = p; i < cases; i += projects.Count)
            {
                var random = new Random(unchecked(seed * 7919 + i));
                var file = random.Next(project.Files.Length);
                var edited = MidEdits.Apply(project.Files[file], random);
                var compilation = Replace(unedited, file, edited);
                foreach (var crash in IdeRun.Crashes(compilation, ref driver, compilation.SyntaxTrees.ElementAt(file + 1)))
                    found.Add((i, project, file, edited, crash));
            }
        });
        Assert.That(quiet, Is.Empty, "the unedited corpus");
        TestContext.Progress.WriteLine($"{cases} mid-edit cases in {clock.Elapsed.TotalSeconds:F1} s (CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s), {found.Count} crashes");
        if (found.Count == 0) return;

        // Report each distinct crash once, shrunk to a small input (a fresh driver, the project's other files as they are).
        var report = new List<string>();
        foreach (var group in found.OrderBy(f => f.Case).GroupBy(f => f.Crash.Key).Take(6))
        {
            var (i, project, file, source, crash) = group.First();
            bool Fails(string text) => IdeRun.Crashes(Compile(project.Files.Select((f, k) => k == file ? text : f)))
                .Any(c => c.Key == group.Key);
            var minimal = MidEdits.Minimize(source, Fails);
            report.Add($"case {i} ({project.Name}, file {file}), {group.Count()} cases in all:\n{crash}\n--- minimal input:\n{minimal}\n---");
        }
        Assert.Fail($"{found.Count} crashes in {cases} cases (seed {seed}):\n\n" + string.Join("\n\n", report));
    }

    /// <summary>
    /// The parse cache never answers for a method an edit changed: on the same random edits, a driver kept across
    /// them (as the IDE keeps it) generates exactly what a fresh driver generates, sources and diagnostics alike.
    /// </summary>
    [Test]
    public void A_kept_driver_generates_what_a_fresh_one_does_on_half_typed_models()
    {
        var seed = Setting("GEN_FUZZ_SEED", DefaultSeed) + 1;
        var cases = Setting("GEN_FUZZ_CASES", DefaultCases) / 4;
        var projects = Corpus().Where(p => p.Files.Length == 1).ToList();
        var differences = new ConcurrentBag<(int Case, string Message)>();
        Parallel.For(0, projects.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        {
            var unedited = Compile(projects[p].Files);
            var driver = IdeRun.NewDriver().RunGenerators(unedited);
            for (var i = p; i < cases; i += projects.Count)
            {
                var random = new Random(unchecked(seed * 7919 + i));
                var edited = MidEdits.Apply(projects[p].Files[0], random);
                var compilation = Replace(unedited, 0, edited);
                driver = driver.RunGenerators(compilation);
                var (kept, fresh) = (Output(driver), Output(IdeRun.NewDriver().RunGenerators(compilation)));
                if (!kept.SequenceEqual(fresh))
                    differences.Add((i, $"case {i}: a kept driver and a fresh one differ on\n{edited}\n--- kept:\n{string.Join("\n", kept)}\n--- fresh:\n{string.Join("\n", fresh)}"));
            }
        });
        Assert.That(differences.OrderBy(d => d.Case).Select(d => d.Message).Take(3), Is.Empty);
    }

    private static List<string> Output(GeneratorDriver driver)
    {
        var run = driver.GetRunResult();
        return [.. run.Results.Single().GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText).Order(StringComparer.Ordinal),
            .. run.Diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal)];
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int file, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(file + 1);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: old.FilePath));
    }
}
