using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Gen.Analyzers.Tests.Support;

/// <summary>Analyzer checks: diagnostics are written into the source as <c>{|GEN001:span|}</c> markup.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Framework;
            TestReferences.AddTo(TestState);
        }
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);

    /// <summary>An expected diagnostic of a rule whose severity is Error (GEN004, the declaration rules).</summary>
    public static DiagnosticResult Error(string id) => new(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

    /// <summary>The source (usings added) must report exactly the marked diagnostics and <paramref name="expected"/>.</summary>
    public static Task Analyzer(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = TestReferences.Usings + source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}

/// <summary>Code fix checks: before and after, with FixAll over the document, project and solution.</summary>
internal static class Verify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Framework;
            TestReferences.AddTo(TestState);
        }
    }

    public static Task CodeFix(string source, string fixedSource)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        return test.RunAsync();
    }
}
