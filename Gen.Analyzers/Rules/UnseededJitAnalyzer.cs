using System.Collections.Immutable;
using Gen.Analyzers.Common;
using Gen.Analyzers.Reachability;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN001: a function passed to <c>Jit</c>, or to any parameter marked <c>[RequiresSeed]</c>, reaches a sample site
/// without going through <c>Seed</c>. Compiled for repeated execution, it would bake one key in.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class UnseededJitAnalyzer : GenAnalyzer
{
    /// <summary>Diagnostic property: "true" when wrapping the argument in <c>Seed(...)</c> fixes it.</summary>
    public const string WrapInSeedProperty = "WrapInSeed";

    /// <summary>Creates the analyzer.</summary>
    public UnseededJitAnalyzer() : base(Descriptors.UnseededJit) { }

    /// <inheritdoc />
    private protected override void Register(CompilationStartAnalysisContext context, GenSymbols symbols)
    {
        if (symbols.RequiresSeedAttribute is null) return; // an older runtime: nothing is marked
        var search = new SampleSiteSearch(symbols, context.Compilation);
        context.RegisterOperationAction(Guard(c => Check(c, symbols, search, ((IInvocationOperation)c.Operation).Arguments)), OperationKind.Invocation);
        context.RegisterOperationAction(Guard(c => Check(c, symbols, search, ((IObjectCreationOperation)c.Operation).Arguments)), OperationKind.ObjectCreation);
    }

    private void Check(OperationAnalysisContext context, GenSymbols symbols, SampleSiteSearch search, ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            var parameter = argument.Parameter;
            if (parameter?.Type.TypeKind != TypeKind.Delegate || !symbols.RequiresSeed(parameter)) continue;
            if (search.Find(argument.Value, context.CancellationToken) is not { } site) continue;

            var expression = argument.Syntax is ArgumentSyntax syntax ? syntax.Expression : argument.Value.Syntax;
            var callee = parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                ? constructor.ContainingType.Name
                : parameter.ContainingSymbol.Name;
            var takesKey = symbols.TakesKeyFirst(parameter.Type);
            var advice = takesKey
                ? "It takes a Key but does not use it for this draw: derive the draw from the key (run it under Seed(key, ...) or call Sample(key))."
                : $"Wrap it in Seed so that each call takes its own key: {callee}(Seed(...)).";
            var properties = ImmutableDictionary<string, string?>.Empty.Add(WrapInSeedProperty, !takesKey && IsSeedable(parameter.Type) ? "true" : "false");
            context.ReportDiagnostic(Diagnostic.Create(Rule, expression.GetLocation(), properties,
                Describe(expression), site.ToString(), advice));
        }
    }

    /// <summary>Seed takes Func&lt;R&gt; to Func&lt;A, B, C, R&gt;: only those can be wrapped.</summary>
    private static bool IsSeedable(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Func", TypeArguments.Length: >= 1 and <= 4, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static string Describe(SyntaxNode expression) => expression switch
    {
        AnonymousFunctionExpressionSyntax => "this lambda",
        _ => SampleSites.Short(expression),
    };
}
