using Gen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gen.Generators.Tests.Incremental;

/// <summary>
/// The pipeline's models are equatable, so edits that do not change a [Gen] method leave the models cached and
/// nothing is re-emitted (the IDE stays fast), and a real change re-runs exactly what it must. (The parse step
/// itself re-runs on a new compilation, since it reads the semantic model; its equal result is "Unchanged".)
/// </summary>
public class CachingTests
{
    private static readonly string[] Downstream = [GenGenerator.Steps.Diagnostics, GenGenerator.Steps.Models];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) First()
    {
        var compilation = GeneratorHarness.Compilation(Sources.Line, Sources.TracedCalls, "namespace Demo { public class Unrelated { public int A; } }");
        var result = GeneratorHarness.Run(compilation);
        return (result.Driver, compilation);
    }

    private static void AssertNothingRecomputed(GeneratorDriver driver)
    {
        Assert.That(Reasons(driver, GenGenerator.Steps.Parse), Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), "parse");
        foreach (var step in Downstream)
            Assert.That(Reasons(driver, step), Is.All.EqualTo(IncrementalStepRunReason.Cached), step);
        var outputs = driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs);
        Assert.That(outputs.Select(o => o.Reason), Is.All.EqualTo(IncrementalStepRunReason.Cached), "source outputs");
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Test]
    public void Adding_an_unrelated_type_leaves_every_step_cached()
    {
        var (driver, compilation) = First();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo { public class Another { } }", GeneratorHarness.ParseOptions, path: "Another.cs"));
        driver = GeneratorHarness.Run(edited, driver).Driver;
        AssertNothingRecomputed(driver);
    }

    [Test]
    public void Editing_an_unrelated_type_leaves_every_step_cached()
    {
        var (driver, compilation) = First();
        var old = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText("namespace Demo { public class Unrelated { public int A; public string B = \"edited\"; } }", GeneratorHarness.ParseOptions, path: old.FilePath));
        driver = GeneratorHarness.Run(edited, driver).Driver;
        AssertNothingRecomputed(driver);
    }

    [Test]
    public void A_comment_in_the_models_file_reparses_but_emits_nothing_new()
    {
        var (driver, compilation) = First();
        var old = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(Sources.Line.Replace("namespace Demo;", "namespace Demo; // a comment"), GeneratorHarness.ParseOptions, path: old.FilePath));
        driver = GeneratorHarness.Run(edited, driver).Driver;
        Assert.That(Reasons(driver, GenGenerator.Steps.Models), Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
    }

    [Test]
    public void Changing_a_model_body_re_emits_that_model_only()
    {
        var (driver, compilation) = First();
        var old = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(Sources.Line.Replace("normal(0, 2)", "normal(0, 3)"), GeneratorHarness.ParseOptions, path: old.FilePath));
        driver = GeneratorHarness.Run(edited, driver).Driver;
        var models = Reasons(driver, GenGenerator.Steps.Models).ToList();
        Assert.That(models.Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(1));
        Assert.That(models.Count(r => r == IncrementalStepRunReason.Cached), Is.EqualTo(2));
    }
}
