using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN005: <c>.At(...)</c> on a generative function outside any <c>[Gen]</c> body, where nothing traces it and it
/// draws unseeded randomness. A lambda or local function inside a <c>[Gen]</c> body counts as inside: a sample
/// site there is the generator's GEN004 ("inside a lambda"), and one diagnostic per mistake is enough.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AtOutsideGenAnalyzer : GenAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public AtOutsideGenAnalyzer() : base(Descriptors.AtOutsideGen) { }

    /// <inheritdoc />
    private protected override void Register(CompilationStartAnalysisContext context, GenSymbols symbols) =>
        context.RegisterOperationAction(Guard(c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!SampleSites.IsAt(invocation, symbols) || symbols.IsGenMethod(Member(c.ContainingSymbol))) return;
            c.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), SampleSites.Short(invocation.Syntax)));
        }), OperationKind.Invocation);

    /// <summary>The member whose body this is: lambdas and local functions belong to the method around them.</summary>
    private static ISymbol Member(ISymbol symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } && symbol.ContainingSymbol is { } outer)
            symbol = outer;
        return symbol;
    }
}
