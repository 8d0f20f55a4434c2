// The incremental generator under an IDE: time per keystroke on a file of 50 [Gen] models. Run:
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Generator            (200 keystrokes, ~1 minute)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Generator -- 1000    (another number of keystrokes)
//
// As an IDE does: one CSharpGeneratorDriver kept across edits, the edited document reparsed incrementally
// (SyntaxTree.WithChangedText) and put in a new compilation, then RunGenerators timed (the stopwatch covers
// RunGenerators only). Each keystroke appends one digit to a numeric literal inside one model's body; a second run
// types in another file. Figures are after the first run (which is reported on its own).
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Gen.Benchmarks.Generator;
using Gen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

var keystrokes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
ImmutableArray<MetadataReference> references =
[
    .. Basic.Reference.Assemblies.Net100.References.All,
    MetadataReference.CreateFromFile(typeof(Gen.GenerativeFunction<>).Assembly.Location),
];
var models = CSharpSyntaxTree.ParseText(KeystrokeModels.Source(), parseOptions, path: "Models.cs");
var other = CSharpSyntaxTree.ParseText("namespace Keystrokes;\n\npublic static class Other\n{\n    public static double Scale = 1;\n}\n", parseOptions, path: "Other.cs");
var compilation = CSharpCompilation.Create("Keystrokes", [models, other], references,
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

Console.WriteLine($"Gen generator, time per keystroke: {KeystrokeModels.Count} [Gen] models in one file ({models.GetText().Lines.Count} lines), " +
                  $"{keystrokes} keystrokes; .NET {Environment.Version}, {Environment.ProcessorCount} cores, {RuntimeName()}");

// The IDE keeps one driver; step tracking is off there, so it is off for the timed runs.
GeneratorDriver NewDriver(bool track) => CSharpGeneratorDriver.Create([new GenGenerator().AsSourceGenerator()], parseOptions: parseOptions,
    driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

var driver = NewDriver(track: false);
var first = Stopwatch.StartNew();
driver = driver.RunGenerators(compilation);
var firstRun = first.Elapsed.TotalMilliseconds;
Check(driver, compilation);
Console.WriteLine($"  first run (cold: JIT, binding, all {KeystrokeModels.Count} models emitted): {firstRun:F0} ms");

var inModel = Type(compilation, driver, models, ModelTypingPosition(models), keystrokes, track: false);
Report($"typing in model {KeystrokeModels.Edited}'s body", inModel.Times);
var inOther = Type(compilation, inModel.Driver, other, other.GetText().ToString().IndexOf("1;", StringComparison.Ordinal) + 1, keystrokes, track: false);
Report("typing in another file", inOther.Times);

// Where the time goes, and what is cached: the same keystrokes with step tracking on (slower; not the figures above).
var tracked = NewDriver(track: true).RunGenerators(compilation);
var steps = Type(compilation, tracked, models, ModelTypingPosition(models), Math.Min(keystrokes, 50), track: true);
Console.WriteLine("  with step tracking, per keystroke in the model (median):");
foreach (var (step, times) in steps.StepTimes.OrderBy(s => s.Key, StringComparer.Ordinal))
    Console.WriteLine($"    step {step,-12} {Median(times):F2} ms");
Console.WriteLine($"    Models step per keystroke: {string.Join(", ", steps.Reasons.Distinct())}");
return;

// ------------------------------------------------------------------------------------------------------------------

static (GeneratorDriver Driver, List<double> Times, Dictionary<string, List<double>> StepTimes, List<string> Reasons) Type(
    CSharpCompilation compilation, GeneratorDriver driver, SyntaxTree tree, int position, int keystrokes, bool track)
{
    var times = new List<double>();
    var stepTimes = new Dictionary<string, List<double>>();
    var reasons = new List<string>();
    var current = tree;
    for (var k = 0; k < keystrokes; k++)
    {
        // One character typed: the document changes by one digit and is reparsed incrementally, as in the editor.
        var text = current.GetText().WithChanges(new TextChange(new TextSpan(position + k, 0), ((k + 1) % 10).ToString(CultureInfo.InvariantCulture)));
        var next = current.WithChangedText(text);
        compilation = compilation.ReplaceSyntaxTree(current, next);
        current = next;

        var watch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        times.Add(watch.Elapsed.TotalMilliseconds);

        if (!track) continue;
        var result = driver.GetRunResult().Results.Single();
        foreach (var (step, runs) in result.TrackedSteps)
        {
            if (!stepTimes.TryGetValue(step, out var list)) stepTimes[step] = list = [];
            list.Add(runs.Sum(r => r.ElapsedTime.TotalMilliseconds));
        }
        var models = result.TrackedSteps[GenGenerator.Steps.Models].SelectMany(r => r.Outputs).GroupBy(o => o.Reason);
        reasons.Add(string.Join(" ", models.OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")));
    }
    return (driver, times, stepTimes, reasons);
}

static int ModelTypingPosition(SyntaxTree tree)
{
    var text = tree.GetText().ToString();
    var model = text.IndexOf($"Line{KeystrokeModels.Edited}(", StringComparison.Ordinal);
    return text.IndexOf(KeystrokeModels.TypedLiteral, model, StringComparison.Ordinal) + KeystrokeModels.TypedLiteral.Length;
}

static void Check(GeneratorDriver driver, Compilation compilation)
{
    var result = driver.GetRunResult();
    if (result.Diagnostics.Length > 0 || result.Results.Single().GeneratedSources.Length != KeystrokeModels.Count)
        throw new InvalidOperationException("the models do not generate cleanly:\n" + string.Join("\n", result.Diagnostics));
    var output = compilation.AddSyntaxTrees(result.GeneratedTrees);
    var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    if (errors.Count > 0) throw new InvalidOperationException("the generated code does not compile:\n" + string.Join("\n", errors.Take(10)));
}

static void Report(string what, List<double> times) =>
    Console.WriteLine($"  {what}: median {Median(times):F2} ms, p95 {Percentile(times, 0.95):F2} ms, " +
                      $"mean {times.Average():F2} ms, max {times.Max():F1} ms per keystroke");

static double Median(List<double> times) => Percentile(times, 0.5);

static double Percentile(List<double> times, double p)
{
    var sorted = times.OrderBy(t => t).ToList();
    var rank = p * (sorted.Count - 1);
    var low = (int)Math.Floor(rank);
    var high = Math.Min(sorted.Count - 1, low + 1);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

static string RuntimeName()
{
#if DEBUG
    const string configuration = "Debug build (use -c Release)";
#else
    const string configuration = "Release";
#endif
    var load = File.Exists("/proc/loadavg") ? ", load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
    return $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {configuration}{load}";
}
