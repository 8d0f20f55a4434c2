// The incremental generator under an IDE: time per keystroke on a file of 50 [Gen] models. Run:
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Generator            (200 keystrokes, ~1 minute)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Generator -- 1000    (another number of keystrokes)
//
// As an IDE does: one CSharpGeneratorDriver kept across edits, the edited document reparsed incrementally
// (SyntaxTree.WithChangedText) and put in a new compilation, then RunGenerators timed (the stopwatch covers
// RunGenerators only). Each keystroke appends one digit to a numeric literal inside one model's body; a second run
// types in another file. Figures are after the first run (which is reported on its own). Beside the wall-clock
// time, the CPU time of the timing thread (Linux) says what the keystroke costs when other processes share the cores.
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
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
Report($"typing in model {KeystrokeModels.Edited}'s body", inModel.Times, inModel.CpuTimes);
Console.WriteLine($"    (the JIT keeps tiering up: median of the last {keystrokes / 4} keystrokes {Median(inModel.Times.Skip(keystrokes - keystrokes / 4).ToList()):F2} ms, " +
                  $"thread CPU {Median(inModel.CpuTimes.Skip(keystrokes - keystrokes / 4).ToList()):F2} ms)");
var inOther = Type(compilation, inModel.Driver, other, other.GetText().ToString().IndexOf("1;", StringComparison.Ordinal) + 1, keystrokes, track: false);
Report("typing in another file", inOther.Times, inOther.CpuTimes);

// Where the time goes, and what is cached: the same keystrokes with step tracking on (slower; not the figures above).
var tracked = NewDriver(track: true).RunGenerators(compilation);
var steps = Type(compilation, tracked, models, ModelTypingPosition(models), Math.Min(keystrokes, 50), track: true);
Console.WriteLine("  with step tracking, per keystroke in the model (median of the steps that take time):");
foreach (var (step, times) in steps.StepTimes.Where(s => Median(s.Value) >= 0.01).OrderBy(s => s.Key, StringComparer.Ordinal))
    Console.WriteLine($"    step {step,-12} {Median(times):F2} ms");
Console.WriteLine($"    models per keystroke: {string.Join(", ", steps.Reasons.Distinct())}");

// What Roslyn itself spends on a keystroke's new compilation, whoever asks: the symbol of a [Gen] method (the
// attribute lookup does this for every [Gen] method of the file), and the first binding of the edited body, with
// and without nullable analysis (thread CPU, median of 100 keystrokes after 100 warm-ups).
var (declare, bind, bindWithoutNullable) = RoslynCosts(compilation, models);
Console.WriteLine($"  Roslyn alone, per keystroke: the edited method's symbol {declare:F2} ms; binding its body {bind:F2} ms " +
                  $"(of which nullable analysis {bind - bindWithoutNullable:F2} ms)");
return;

// ------------------------------------------------------------------------------------------------------------------

static (GeneratorDriver Driver, List<double> Times, List<double> CpuTimes, Dictionary<string, List<double>> StepTimes, List<string> Reasons) Type(
    CSharpCompilation compilation, GeneratorDriver driver, SyntaxTree tree, int position, int keystrokes, bool track)
{
    var times = new List<double>();
    var cpuTimes = new List<double>();
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

        var cpu = ThreadCpu.Milliseconds();
        var watch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        times.Add(watch.Elapsed.TotalMilliseconds);
        cpuTimes.Add(ThreadCpu.Milliseconds() - cpu);

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
    return (driver, times, cpuTimes, stepTimes, reasons);
}

static (double Declare, double Bind, double BindWithoutNullable) RoslynCosts(CSharpCompilation compilation, SyntaxTree tree)
{
    List<double> declare = [], bind = [], bindWithoutNullable = [];
    for (var k = 0; k < 200; k++)
    {
        var next = tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(ModelTypingPosition(tree), 0), "1")));
        compilation = compilation.ReplaceSyntaxTree(tree, next);
        tree = next;
        var method = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
            .First(m => m.Identifier.ValueText == $"Line{KeystrokeModels.Edited}");
        var name = method.Body!.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax>().First();
        var t0 = ThreadCpu.Milliseconds();
        compilation.GetSemanticModel(tree).GetDeclaredSymbol(method);
        var t1 = ThreadCpu.Milliseconds();
        compilation.GetSemanticModel(tree).GetSymbolInfo(name);
        var t2 = ThreadCpu.Milliseconds();
#pragma warning disable RSEXPERIMENTAL001 // a measurement only: how much of the binding is nullable analysis
        compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis).GetSymbolInfo(name);
#pragma warning restore RSEXPERIMENTAL001
        var t3 = ThreadCpu.Milliseconds();
        if (k < 100) continue;
        declare.Add(t1 - t0);
        bind.Add(t2 - t1);
        bindWithoutNullable.Add(t3 - t2);
    }
    return (Median(declare), Median(bind), Median(bindWithoutNullable));
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
    // GEN015 notes (models without a gradient body, here those with run-time addresses) are information, not problems.
    var problems = result.Diagnostics.Where(d => d.Severity > DiagnosticSeverity.Info).ToList();
    if (problems.Count > 0 || result.Results.Single().GeneratedSources.Length != KeystrokeModels.Count)
        throw new InvalidOperationException("the models do not generate cleanly:\n" + string.Join("\n", problems));
    var output = compilation.AddSyntaxTrees(result.GeneratedTrees);
    var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    if (errors.Count > 0) throw new InvalidOperationException("the generated code does not compile:\n" + string.Join("\n", errors.Take(10)));
}

static void Report(string what, List<double> times, List<double> cpu)
{
    Console.WriteLine($"  {what}: median {Median(times):F2} ms, p95 {Percentile(times, 0.95):F2} ms, " +
                      $"mean {times.Average():F2} ms, max {times.Max():F1} ms per keystroke");
    if (cpu.Any(t => t > 0))
        Console.WriteLine($"  {new string(' ', what.Length)}  thread CPU: median {Median(cpu):F2} ms, p95 {Percentile(cpu, 0.95):F2} ms, mean {cpu.Average():F2} ms");
}

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

/// <summary>The calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID on Linux; 0 elsewhere).</summary>
internal static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        return ClockGetTime(3, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds / 1e6 : 0;
    }
}
