using System.Text.RegularExpressions;
using Gen.Analyzers.Common;
using Gen.Analyzers.Rules;
using Gen.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>
/// Each declaration rule has an id of its own, so it can be suppressed on its own: with
/// <c>#pragma warning disable GEN0xx</c> that rule is quiet and every other one still fires.
/// </summary>
public class DeclarationSuppressionTests
{
    private sealed class AllDeclarationRules : CSharpAnalyzerTest<NonPartialTypeAnalyzer, DefaultVerifier>
    {
        public AllDeclarationRules()
        {
            ReferenceAssemblies = TestReferences.Framework;
            TestReferences.AddTo(TestState);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => DeclarationAnalyzers();
    }

    /// <summary>Every analyzer of a declaration rule in Gen.Analyzers, found by reflection so that a new one is covered.</summary>
    internal static IEnumerable<DiagnosticAnalyzer> DeclarationAnalyzers() =>
        typeof(GenDeclarationAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(GenDeclarationAnalyzer)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    /// <summary>One mistake per declaration rule, each marked with the id that reports it.</summary>
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        file sealed class Local { public static double One => 1; }
        static class {|GEN004:NotPartial|} { [Gen] static double A() => normal(0, 1).At("x"); }
        partial class M
        {
            [Gen] double {|GEN006:Instance|}() => normal(0, 1).At("x");
            [Gen] static double Generic{|GEN007:<T>|}() => normal(0, 1).At("x");
            [Gen] static {|GEN008:void|} Void() => normal(0, 1).At("x");
            [Gen] static async Task<double> {|GEN009:Async|}() { await Task.Yield(); return normal(0, 1).At("x"); }
            [Gen] static double Ref({|GEN010:ref double x|}) => normal(x, 1).At("x");
            [Gen] static IEnumerable<double> {|GEN011:Iterator|}() { yield return normal(0, 1).At("x"); }
            [Gen] static double UsesFileType() => {|GEN012:Local|}.One + normal(0, 1).At("x");
            [Gen] static extern double {|GEN013:External|}();
            [Gen] static double Fine() => normal(0, 1).At("x");
        }
        """;

    public static readonly string[] Ids = ["GEN004", "GEN006", "GEN007", "GEN008", "GEN009", "GEN010", "GEN011", "GEN012", "GEN013"];

    [Test]
    public void Every_declaration_rule_has_an_analyzer_of_its_own()
    {
        var ids = DeclarationAnalyzers().Select(a => a.SupportedDiagnostics.First().Id).ToList();
        Assert.That(ids, Is.EquivalentTo(Ids).And.Unique);
        Assert.That(Gen.Diagnostics.DeclarationRules.All.Select(r => r.Descriptor.Id), Is.EquivalentTo(Ids));
    }

    [Test]
    public Task Each_mistake_is_reported_with_its_own_id()
    {
        return new AllDeclarationRules { TestCode = TestReferences.Usings + Source }.RunAsync();
    }

    [TestCaseSource(nameof(Ids))]
    public Task Suppressing_one_rule_leaves_the_others(string id)
    {
        // The suppressed id's markers are removed: it must not fire; every other marked one must.
        var source = Regex.Replace(Source, @"\{\|" + id + @":(.*?)\|\}", "$1");
        return new AllDeclarationRules { TestCode = $"#pragma warning disable {id}\n" + TestReferences.Usings + source }.RunAsync();
    }

    [TestCaseSource(nameof(Ids))]
    public Task An_editorconfig_severity_turns_one_rule_off(string id)
    {
        var source = Regex.Replace(Source, @"\{\|" + id + @":(.*?)\|\}", "$1");
        var test = new AllDeclarationRules { TestCode = TestReferences.Usings + source };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", $"root = true\n[*]\ndotnet_diagnostic.{id}.severity = none\n"));
        return test.RunAsync();
    }
}
