using System.Linq;
using Gen.Generators.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>
/// The kernel form keeps the particle's state in a local (so the JIT holds its fields in registers) and hands it back
/// at each return: a plain statement's <c>return e;</c> becomes <c>{ var __value = e; __kernelState = __state; return __value; }</c>.
/// </summary>
internal static class KernelReturns
{
    /// <summary>The statement with its returns rewritten, or null when it has none.</summary>
    public static string? Rewrite(StatementSyntax statement) =>
        statement.DescendantNodesAndSelf(Descend).OfType<ReturnStatementSyntax>().Any(r => r.Expression is not null)
            ? new Rewriter().Visit(statement).ToString()
            : null;

    /// <summary>Statements inside lambdas and local functions return from those (a kernel has none, but the text must stay right).</summary>
    private static bool Descend(SyntaxNode node) => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);

    public static string Statement(string value) =>
        $"{{ var {Names.KernelValue} = {value}; {Names.KernelStateParameter} = {Names.KernelState}; return {Names.KernelValue}; }}";

    private sealed class Rewriter : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node) =>
            node.Expression is null ? node : SyntaxFactory.ParseStatement(Statement(node.Expression.ToString())).WithTriviaFrom(node);

        public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => node;

        public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => node;

        public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => node;

        public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) => node;
    }
}
