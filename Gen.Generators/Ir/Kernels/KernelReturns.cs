using System.Linq;
using Gen.Generators.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>
/// The kernel form keeps the particle's state in a local (so the JIT holds its fields in registers) and hands it back
/// at each return: a plain statement's <c>return e;</c> becomes <c>{ R __value = e; __kernelState = __state; return __value; }</c>
/// (typed as the method returns, so that <c>return default;</c> and <c>return 0;</c> in a model of double mean what they did).
/// </summary>
internal static class KernelReturns
{
    /// <summary>The statement with its returns rewritten, or null when it has none.</summary>
    public static string? Rewrite(StatementSyntax statement, string returnType) =>
        statement.DescendantNodesAndSelf(Descend).OfType<ReturnStatementSyntax>().Any(r => r.Expression is not null)
            ? new Rewriter(returnType).Visit(statement).ToString()
            : null;

    /// <summary>Statements inside lambdas and local functions return from those (a kernel has none, but the text must stay right).</summary>
    private static bool Descend(SyntaxNode node) => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);

    public static string Statement(string returnType, string value) =>
        $"{{ {returnType} {Names.KernelValue} = {value}; {Names.KernelStateParameter} = {Names.KernelState}; return {Names.KernelValue}; }}";

    private sealed class Rewriter(string returnType) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node) =>
            node.Expression is null ? node : SyntaxFactory.ParseStatement(Statement(returnType, node.Expression.ToString())).WithTriviaFrom(node);

        public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => node;

        public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => node;

        public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => node;

        public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) => node;
    }
}
