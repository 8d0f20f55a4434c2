using System.Linq;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Common;

/// <summary>
/// An analyzer for one declaration rule of <c>[Gen]</c> methods (<see cref="DeclarationRules"/>). It looks at the
/// same declarations as the generator: method declarations that carry <c>[Gen]</c> themselves (for a partial
/// method, the part the attribute is written on), and reports each breach of its rule with the rule's own id.
/// The generator emits nothing for such a method and reports nothing, so each mistake is reported once, here.
/// </summary>
public abstract class GenDeclarationAnalyzer : GenAnalyzer
{
    private readonly DeclarationRule _rule;

    private protected GenDeclarationAnalyzer(DeclarationRule rule) : base(rule.Descriptor) => _rule = rule;

    /// <inheritdoc />
    private protected sealed override void Register(CompilationStartAnalysisContext context, GenSymbols symbols)
    {
        if (symbols.GenAttribute is not { } genAttribute) return;
        context.RegisterSyntaxNodeAction(Guard(c =>
        {
            var syntax = (MethodDeclarationSyntax)c.Node;
            if (syntax.AttributeLists.Count == 0) return;
            if (c.SemanticModel.GetDeclaredSymbol(syntax, c.CancellationToken) is not { } method || !HasGenAttribute(method, syntax, genAttribute)) return;
            foreach (var violation in _rule.Check(method, syntax, c.SemanticModel, c.CancellationToken))
                c.ReportDiagnostic(Diagnostic.Create(Rule, violation.Location, violation.Arguments));
        }), SyntaxKind.MethodDeclaration);
    }

    /// <summary>Whether <c>[Gen]</c> is written on this declaration (what the generator's attribute lookup matches).</summary>
    private static bool HasGenAttribute(IMethodSymbol method, MethodDeclarationSyntax syntax, INamedTypeSymbol genAttribute) =>
        method.GetAttributes().Any(attribute =>
            SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, genAttribute)
            && attribute.ApplicationSyntaxReference is { } reference
            && reference.SyntaxTree == syntax.SyntaxTree
            && syntax.Span.Contains(reference.Span));
}
