using Gen.Analyzers.Common;
using Gen.Analyzers.Rules;
using Gen.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN000: an analyzer never throws; an internal failure becomes a diagnostic at the code it was checking.</summary>
public class InternalErrorTests
{
    private sealed class FaultyTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : GenAnalyzer, new()
    {
        public FaultyTest()
        {
            ReferenceAssemblies = TestReferences.Framework;
            TestReferences.AddTo(TestState);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
        {
            // Fail on .At(...) calls only, so the expected GEN000 locations are exact.
            yield return new TAnalyzer
            {
                FaultInjection = operation =>
                {
                    if (operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "At" } })
                        throw new InvalidOperationException("injected failure");
                },
            };
        }
    }

    private const string Source = TestReferences.Usings + """
        public static partial class Models
        {
            [Gen]
            public static double M() => {|#0:normal(0, 1).At("x")|};
        }
        class C
        {
            double N() => {|#1:normal(0, 1).At("y")|};
            void J() => Jit({|#3:(double mu) => {|#2:normal(mu, 1).At("z")|}|});
        }
        """;

    private static DiagnosticResult InternalError(int location, string analyzer) =>
        new DiagnosticResult("GEN000", DiagnosticSeverity.Warning).WithLocation(location)
            .WithArguments(analyzer, "InvalidOperationException: injected failure");

    [Test]
    public Task GEN005_reports_its_failure_as_GEN000()
    {
        var test = new FaultyTest<AtOutsideGenAnalyzer> { TestCode = Source };
        test.ExpectedDiagnostics.Add(InternalError(0, "analyzer GEN005 (AtOutsideGenAnalyzer)"));
        test.ExpectedDiagnostics.Add(InternalError(1, "analyzer GEN005 (AtOutsideGenAnalyzer)"));
        test.ExpectedDiagnostics.Add(InternalError(2, "analyzer GEN005 (AtOutsideGenAnalyzer)"));
        return test.RunAsync();
    }

    [Test]
    public Task GEN003_reports_its_failure_as_GEN000()
    {
        var test = new FaultyTest<UntracedRandomnessAnalyzer> { TestCode = Source };
        test.ExpectedDiagnostics.Add(InternalError(0, "analyzer GEN003 (UntracedRandomnessAnalyzer)"));
        return test.RunAsync();
    }

    [Test]
    public Task GEN001_reports_its_failure_as_GEN000()
    {
        var test = new FaultyTest<UnseededJitAnalyzer> { TestCode = Source };
        test.ExpectedDiagnostics.Add(InternalError(0, "analyzer GEN001 (UnseededJitAnalyzer)"));
        test.ExpectedDiagnostics.Add(InternalError(1, "analyzer GEN001 (UnseededJitAnalyzer)"));
        test.ExpectedDiagnostics.Add(InternalError(2, "analyzer GEN001 (UnseededJitAnalyzer)"));
        // The Jit call itself was analysed without a fault: the rule still works around the failure.
        test.ExpectedDiagnostics.Add(new DiagnosticResult("GEN001", DiagnosticSeverity.Warning).WithLocation(3));
        return test.RunAsync();
    }

    private sealed class FaultyDeclarationTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : GenAnalyzer, new()
    {
        public FaultyDeclarationTest()
        {
            ReferenceAssemblies = TestReferences.Framework;
            TestReferences.AddTo(TestState);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
        {
            // Fail on the declaration of a method named Faulty only.
            yield return new TAnalyzer
            {
                SyntaxFaultInjection = node =>
                {
                    if (node is MethodDeclarationSyntax { Identifier.ValueText: "Faulty" })
                        throw new InvalidOperationException("injected failure");
                },
            };
        }
    }

    [Test]
    public Task A_declaration_rule_reports_its_failure_as_GEN000_at_the_method_name()
    {
        var test = new FaultyDeclarationTest<InstanceGenMethodAnalyzer>
        {
            TestCode = TestReferences.Usings + """
                public partial class Models
                {
                    [Gen] public static double {|#0:Faulty|}() => normal(0, 1).At("x");
                    [Gen] public double {|#1:Instance|}() => normal(0, 1).At("y");
                }
                """,
        };
        test.ExpectedDiagnostics.Add(InternalError(0, "analyzer GEN006 (InstanceGenMethodAnalyzer)"));
        // The other declaration was checked without a fault: the rule still works around the failure.
        test.ExpectedDiagnostics.Add(new DiagnosticResult("GEN006", DiagnosticSeverity.Error).WithLocation(1));
        return test.RunAsync();
    }
}
