using System.Globalization;
using System.Text;
using Gen.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Gen.Generators.Tests.Incremental;

/// <summary>
/// The parse cache under an IDE's keystrokes: an edit inside one model's body lowers that model only (the others are
/// answered from the cache and stay Cached downstream), while anything that could change another model (a declaration
/// elsewhere, a directive, the method's own diagnostics' locations) lowers again. Whatever the cache answers, the
/// output is the output of a fresh driver on the same compilation.
/// </summary>
public class ParseCacheTests
{
    private const int Count = 12;

    /// <summary><see cref="Count"/> models of a few kinds in one file; model k's noise is the literal <c>0.5k</c>.</summary>
    private static string Models()
    {
        var text = new StringBuilder("""
            using Gen;
            using static Gen.Distributions;

            namespace Demo;

            public static partial class Many
            {

            """);
        for (var k = 0; k < Count; k++)
        {
            var n = k.ToString(CultureInfo.InvariantCulture);
            text.Append(k % 3 == 2
                ? $$"""
                      [Gen]
                      public static double M{{n}}(double[] xs)
                      {
                          var a = M{{(k - 1).ToString(CultureInfo.InvariantCulture)}}Gen(xs).At("prior");
                          if (flip(0.5).At("coin")) return a;
                          return normal(a, 0.5{{n}}).At("y");
                      }


                  """
                : $$"""
                      [Gen]
                      public static double M{{n}}(double[] xs)
                      {
                          var slope = normal(0, 1).At("slope");
                          for (var i = 0; i < xs.Length; i++)
                              normal(slope * xs[i], 0.5{{n}}).At("y", i);
                          return slope;
                      }


                  """);
        }
        return text.Append("}\n").ToString();
    }

    private sealed class Session
    {
        public readonly List<string> Parsed = [];
        public GeneratorDriver Driver;
        public CSharpCompilation Compilation;

        public Session(params string[] sources)
        {
            Compilation = GeneratorHarness.Compilation(sources);
            Driver = CSharpGeneratorDriver.Create([new GenGenerator { Parsed = Parsed.Add }.AsSourceGenerator()],
                parseOptions: GeneratorHarness.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            Run();
        }

        public void Run()
        {
            Parsed.Clear();
            Driver = Driver.RunGenerators(Compilation);
            AssertSameAsAFreshDriver();
        }

        /// <summary>Replaces <paramref name="old"/> by <paramref name="replacement"/> in file <paramref name="file"/> (which must contain it once) and runs.</summary>
        public void Edit(int file, string old, string replacement)
        {
            var tree = Compilation.SyntaxTrees.ElementAt(file);
            var text = tree.GetText().ToString();
            var at = text.IndexOf(old, StringComparison.Ordinal);
            Assert.That(at, Is.GreaterThanOrEqualTo(0).And.EqualTo(text.LastIndexOf(old, StringComparison.Ordinal)), old);
            var edited = tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at, old.Length), replacement)));
            Compilation = Compilation.ReplaceSyntaxTree(tree, edited);
            Run();
        }

        public IEnumerable<IncrementalStepRunReason> Reasons(string step) =>
            Driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

        private void AssertSameAsAFreshDriver()
        {
            var cached = Driver.GetRunResult();
            var fresh = CSharpGeneratorDriver.Create([new GenGenerator().AsSourceGenerator()], parseOptions: GeneratorHarness.ParseOptions)
                .RunGenerators(Compilation).GetRunResult();
            Assert.That(Sources(cached), Is.EqualTo(Sources(fresh)), "generated sources");
            Assert.That(cached.Diagnostics.Select(Describe), Is.EquivalentTo(fresh.Diagnostics.Select(Describe)), "diagnostics");
        }

        private static List<string> Sources(GeneratorDriverRunResult run) =>
            run.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.HintName + "\n" + s.SourceText).ToList();

        private static string Describe(Diagnostic d) => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    [Test]
    public void The_first_run_parses_every_model_once()
    {
        var session = new Session(Models());
        session.Run();
        Assert.That(session.Parsed, Is.Empty, "a second run on the same compilation parses nothing");
        session = new Session(Models());
        Assert.That(session.Driver.GetRunResult().Results.Single().GeneratedSources, Has.Length.EqualTo(Count));
    }

    [Test]
    public void An_edit_inside_one_body_lowers_that_model_only_and_the_others_stay_cached()
    {
        var session = new Session(Models(), "namespace Demo { public static class Other { public static int G = 1; public static int F() => 1; } }");
        foreach (var digit in "1234")
        {
            session.Edit(0, "0.55", "0.55" + digit);
            Assert.That(session.Parsed, Is.EqualTo(new[] { "M5" }));
            Assert.That(session.Reasons(GenGenerator.Steps.Parse).Count(r => r == IncrementalStepRunReason.Unchanged), Is.EqualTo(Count - 1));
            var models = session.Reasons(GenGenerator.Steps.Models).ToList();
            Assert.That(models.Count(r => r == IncrementalStepRunReason.Cached), Is.EqualTo(Count - 1));
            Assert.That(models.Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(1));
        }

        // Bodies elsewhere, and a field's initializer, cannot change a model either.
        session.Edit(1, "=> 1;", "=> 12;");
        Assert.That(session.Parsed, Is.Empty);
        session.Edit(1, "G = 1;", "G = 12;");
        Assert.That(session.Parsed, Is.Empty);
    }

    [Test]
    public void An_edit_inside_a_callee_s_body_lowers_its_callers_only_when_it_changes_what_they_took_from_it()
    {
        // M5 calls M4: M5's kernel form depends on whether M4 is in the kernel subset. An edit that leaves M4 in it lowers
        // M4 alone (M5's result holds: M4's says the same of it).
        var session = new Session(Models());
        session.Edit(0, "0.54)", "0.541)");
        Assert.That(session.Parsed, Is.EqualTo(new[] { "M4" }));
        Assert.That(session.Reasons(GenGenerator.Steps.Models).Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(1));
        // An edit that takes M4 out of the subset changes M5's code (no kernel form, and the reason): both are lowered.
        session.Edit(0, "0.541)", "0.541 + System.Console.Read())");
        Assert.That(session.Parsed, Is.EquivalentTo(new[] { "M4", "M5" }));
        Assert.That(session.Reasons(GenGenerator.Steps.Models).Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(2));
        // And back: M5 has its kernel form again.
        session.Edit(0, "0.541 + System.Console.Read())", "0.542)");
        Assert.That(session.Parsed, Is.EquivalentTo(new[] { "M4", "M5" }));
        Assert.That(session.Reasons(GenGenerator.Steps.Models).Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(2));
    }

    [Test]
    public void Models_that_call_each_other_are_lowered_again_and_give_a_fresh_driver_s_output()
    {
        // A cycle of calls: each result depends on the other's; the check of one reads the other's, which must not loop.
        var session = new Session("""
            using Gen;
            using static Gen.Distributions;

            namespace Demo;

            public static partial class Cycle
            {
                [Gen]
                public static double A(int n) => n <= 0 ? normal(0, 1).At("a") : BGen(n - 1).At("b");

                [Gen]
                public static double B(int n) => n <= 0 ? normal(0, 2).At("z") : AGen(n - 1).At("c");
            }
            """);
        foreach (var digit in "123")
        {
            session.Edit(0, "normal(0, 2", "normal(0, 2" + digit);
            Assert.That(session.Parsed, Has.Member("B"));
        }
    }

    [Test]
    public void Models_moved_by_an_edit_above_them_are_reused()
    {
        var session = new Session(Models());
        session.Edit(0, "normal(slope * xs[i], 0.50)", "normal(slope * xs[i],\n                0.50)");
        Assert.That(session.Parsed, Is.EqualTo(new[] { "M0" }), "the models below moved down a line, unchanged");
    }

    [Test]
    public void A_model_with_a_gradient_note_is_reused_and_its_note_moves_with_it()
    {
        // M4's address is known only at run time: no gradient body, a GEN015 note at its site.
        var session = new Session(Models().Replace("normal(slope * xs[i], 0.54).At(\"y\", i)", "normal(slope * xs[i], 0.54).At(\"y\" + i)"));
        var note = session.Driver.GetRunResult().Diagnostics.Single(d => d.Id == "GEN015");
        session.Edit(0, "normal(slope * xs[i], 0.50)", "normal(slope * xs[i],\n                0.50)");
        Assert.That(session.Parsed, Is.EqualTo(new[] { "M0" }), "M4 answered from the cache");
        // The session compares every diagnostic's location with a fresh driver's; the note moved down one line.
        var moved = session.Driver.GetRunResult().Diagnostics.Single(d => d.Id == "GEN015");
        Assert.That(moved.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(note.Location.GetLineSpan().StartLinePosition.Line + 1));
    }

    [Test]
    public void A_declaration_elsewhere_lowers_every_model_again()
    {
        // The address is a constant from another file: changing its value changes the model's trace.
        var session = new Session(Sources.Line.Replace("At(\"slope\")", "At(Names.Slope)"),
            "namespace Demo { public static class Names { public const string Slope = \"slope\"; } }");
        session.Edit(1, "\"slope\"", "\"gradient\"");
        Assert.That(session.Parsed, Is.EqualTo(new[] { "Line" }));
        Assert.That(session.Driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString(), Does.Contain("\"gradient\""));

        // A helper's return type decides whether a site is a primitive or a distribution object.
        session = new Session(Models().Replace("normal(0, 1).At(\"slope\")", "Prior().At(\"slope\")")
            .Replace("public static partial class Many\n{", "public static partial class Many\n{\n    static Normal Prior() => normal(0, 1);"));
        session.Edit(0, "static Normal Prior() => normal(0, 1);", "static Distribution<double> Prior() => normal(0, 1);");
        Assert.That(session.Parsed, Has.Count.EqualTo(Count));
    }

    [Test]
    public void A_directive_in_a_body_reaches_the_models_after_it()
    {
        var session = new Session(Models().Replace("public static double M7(double[] xs)", "public static double M7(double[] xs, string? name = null)"));
        session.Edit(0, "var slope = normal(0, 1).At(\"slope\");\n        for (var i = 0; i < xs.Length; i++)\n            normal(slope * xs[i], 0.54)",
            "var slope = normal(0, 1).At(\"slope\");\n#nullable disable\n        for (var i = 0; i < xs.Length; i++)\n            normal(slope * xs[i], 0.54)");
        Assert.That(session.Parsed, Is.SupersetOf(new[] { "M4", "M7" }));
    }

    [Test]
    public void A_model_with_a_diagnostic_is_lowered_again_so_that_its_location_follows_the_edit()
    {
        var session = new Session(Models().Replace("return normal(a, 0.58).At(\"y\");", "return normal(a, 0.58).At(\"coin\");"));
        Assert.That(session.Driver.GetRunResult().Diagnostics.Select(d => d.Id).Where(id => id != "GEN015"), Is.EqualTo(new[] { "GEN002" }));
        session.Edit(0, "0.50)", "0.50 +\n                0)");
        Assert.That(session.Parsed, Is.EquivalentTo(new[] { "M0", "M8" }));
    }

    [Test]
    public void Identical_models_in_two_types_are_two_models()
    {
        const string Twice = """
            using Gen;
            using static Gen.Distributions;

            namespace Demo;

            public static partial class A
            {
                [Gen]
                public static double M() => normal(0, 1).At("x");
            }

            public static partial class B
            {
                [Gen]
                public static double M() => normal(0, 1).At("x");
            }
            """;
        var session = new Session(Twice);
        Assert.That(session.Driver.GetRunResult().Results.Single().GeneratedSources, Has.Length.EqualTo(2));
        session.Edit(0, "public static partial class B\n{", "public static partial class B\n{\n    static int unrelated;");
        Assert.That(session.Driver.GetRunResult().Results.Single().GeneratedSources, Has.Length.EqualTo(2));
    }
}
