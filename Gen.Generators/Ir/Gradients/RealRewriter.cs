using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>
/// Rewrites site-free C# for the gradient body: active locals are declared <c>Real</c> (or <c>Real[]</c>, with their
/// arrays created as such), <c>Math</c> functions of active values become <c>RealMath</c>'s, and a cast to double of an
/// active value is dropped (it would leave the gradient behind). Everything else reads the same: <c>Real</c> has the
/// arithmetic and comparison operators.
/// </summary>
internal sealed class RealRewriter(Differentiation differentiation, SemanticModel model) : CSharpSyntaxRewriter
{
    public override SyntaxNode? VisitVariableDeclaration(VariableDeclarationSyntax node)
    {
        var visited = (VariableDeclarationSyntax)base.VisitVariableDeclaration(node)!;
        return differentiation.GradientType(node) is { } type
            ? visited.WithType(SyntaxFactory.ParseTypeName(type).WithTriviaFrom(node.Type))
            : visited;
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (model.GetSymbolInfo(node).Symbol is IMethodSymbol method && Differentiation.IsMath(method)
            && node.ArgumentList.Arguments.Any(a => differentiation.IsActive(a.Expression)))
            return visited.WithExpression(SyntaxFactory.ParseExpression("global::Gen.Internal.RealMath." + method.Name).WithTriviaFrom(node.Expression));
        return visited;
    }

    public override SyntaxNode? VisitArrayCreationExpression(ArrayCreationExpressionSyntax node)
    {
        var visited = (ArrayCreationExpressionSyntax)base.VisitArrayCreationExpression(node)!;
        return StoredInActive(node)
            ? visited.WithType(visited.Type.WithElementType(SyntaxFactory.ParseTypeName(Differentiation.Real).WithTriviaFrom(node.Type.ElementType)))
            : visited;
    }

    public override SyntaxNode? VisitCastExpression(CastExpressionSyntax node)
    {
        if (model.GetTypeInfo(node.Type).Type?.SpecialType == SpecialType.System_Double && differentiation.IsActive(node.Expression))
            return Visit(node.Expression)!.WithTriviaFrom(node);
        return base.VisitCastExpression(node);
    }

    public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
    {
        if (node.Expression is null || !OfTheMethod(node)) return base.VisitReturnStatement(node);
        var value = (ExpressionSyntax)Visit(node.Expression)!;
        return SyntaxFactory.ParseStatement("{ _ = (" + differentiation.ReturnType + ")(" + value.ToString() + "); return; }").WithTriviaFrom(node);
    }

    /// <summary>A return of the [Gen] method itself (not of a lambda or local function inside it).</summary>
    public static bool OfTheMethod(ReturnStatementSyntax node) =>
        node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax) is BaseMethodDeclarationSyntax;

    /// <summary>An array created to be stored in an active <c>double[]</c> local.</summary>
    private bool StoredInActive(SyntaxNode node) => node.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => differentiation.IsActive(model.GetDeclaredSymbol(declarator)),
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } => differentiation.IsActive(model.GetSymbolInfo(name).Symbol),
        _ => false,
    };
}
