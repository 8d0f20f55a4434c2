using System.Collections.Generic;
using System.Linq;
using Gen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>
/// Expressions: plain computation when they hold no sample site; otherwise lowered node by node along the syntax down
/// to the sites, so that the emitted code evaluates exactly what the source does, in the same order.
/// </summary>
internal sealed partial class IrLowering
{
    private IrExpr LowerExpr(ExpressionSyntax expression)
    {
        if (!ContainsSite(expression)) return Plain(expression);
        switch (expression)
        {
            case InvocationExpressionSyntax invocation when _shapes.ContainsKey(invocation):
                return LowerSite(invocation);
            case InvocationExpressionSyntax invocation:
                return new IrInvoke(Callee(invocation), Arguments(invocation.ArgumentList.Arguments));
            case ParenthesizedExpressionSyntax parenthesized:
                return new IrParenthesized(LowerExpr(parenthesized.Expression));
            case BinaryExpressionSyntax binary:
                return new IrBinary(LowerExpr(binary.Left), binary.OperatorToken.Text, LowerExpr(binary.Right));
            case AssignmentExpressionSyntax assignment:
                return new IrAssign(LowerExpr(assignment.Left), assignment.OperatorToken.Text, LowerExpr(assignment.Right));
            case PrefixUnaryExpressionSyntax prefix:
                return new IrUnary(prefix.OperatorToken.Text, LowerExpr(prefix.Operand), Postfix: false);
            case PostfixUnaryExpressionSyntax postfix when !postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                return new IrUnary(postfix.OperatorToken.Text, LowerExpr(postfix.Operand), Postfix: true);
            case ConditionalExpressionSyntax conditional:
                // Only one arm runs: sites in different arms are exclusive (GEN002).
                var id = ++_branches;
                return new IrConditional(LowerExpr(conditional.Condition),
                    InArm(id, 0, () => LowerExpr(conditional.WhenTrue)),
                    InArm(id, 1, () => LowerExpr(conditional.WhenFalse)));
            case CastExpressionSyntax cast:
                return new IrCast(cast.Type.ToString(), LowerExpr(cast.Expression),
                    KeepsGradient: _model.GetTypeInfo(cast.Type).Type?.SpecialType == SpecialType.System_Double && _gradient.IsActive(cast.Expression));
            case MemberAccessExpressionSyntax member when member.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                return new IrMember(LowerExpr(member.Expression), member.Name.ToString());
            case ElementAccessExpressionSyntax element:
                return new IrElement(LowerExpr(element.Expression), Arguments(element.ArgumentList.Arguments));
            case SwitchExpressionSyntax @switch:
                return LowerSwitchExpression(@switch);
            case ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax
                or ImplicitArrayCreationExpressionSyntax or InitializerExpressionSyntax or CollectionExpressionSyntax
                or TupleExpressionSyntax or PostfixUnaryExpressionSyntax:
                return Composite(expression);
            case AnonymousFunctionExpressionSyntax or QueryExpressionSyntax:
                // Reported at each site inside (LowerSite names the closure): the model is not emitted.
                foreach (var site in OutermostSites(expression)) LowerSite(site);
                return new IrText(expression.ToString());
            default:
                Unsupported(expression, $"a sample site inside {Describe(expression)}");
                return new IrText(expression.ToString());
        }
    }

    /// <summary>Site-free code: its text, and its text in the gradient body.</summary>
    private IrText Plain(ExpressionSyntax expression) => new(expression.ToString(), _gradient.Rewrite(expression));

    /// <summary>The method called (with sites among its arguments); a <c>Math</c> function of continuous values is <c>RealMath</c>'s in the gradient body.</summary>
    private IrExpr Callee(InvocationExpressionSyntax invocation)
    {
        var callee = LowerExpr(invocation.Expression);
        if (callee is IrText text && _model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method && Differentiation.IsMath(method)
            && invocation.ArgumentList.Arguments.Any(a => _gradient.IsActive(a.Expression)))
            return text with { Gradient = "global::Gen.Internal.RealMath." + method.Name };
        return callee;
    }

    private IEnumerable<InvocationExpressionSyntax> OutermostSites(SyntaxNode node) =>
        node.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(s => _shapes.ContainsKey(s) && !s.Ancestors().TakeWhile(a => a != node).Any(a => a is InvocationExpressionSyntax i && _shapes.ContainsKey(i)));

    private EquatableArray<IrArgument> Arguments(SeparatedSyntaxList<ArgumentSyntax> arguments) =>
        arguments.Select(a => new IrArgument(
            (a.NameColon is null ? "" : a.NameColon + " ") + (a.RefKindKeyword.IsKind(SyntaxKind.None) ? "" : a.RefKindKeyword.Text + " "),
            LowerExpr(a.Expression))).ToEquatableArray();

    /// <summary>
    /// Creation, initializer, collection and tuple expressions: their syntax children in order, tokens with their
    /// spacing as written, each child that holds a site lowered in place (initializers evaluate left to right, as here).
    /// </summary>
    private IrExpr Composite(ExpressionSyntax expression)
    {
        var parts = new List<IrExpr>();
        var text = new System.Text.StringBuilder();
        var gradient = new System.Text.StringBuilder();
        void Flush()
        {
            if (text.Length > 0) parts.Add(new IrText(text.ToString(), gradient.ToString() == text.ToString() ? null : gradient.ToString()));
            text.Clear();
            gradient.Clear();
        }
        void Walk(SyntaxNode node)
        {
            foreach (var child in node.ChildNodesAndTokens())
            {
                if (child.AsNode() is not { } inner || !ContainsSite(inner))
                {
                    text.Append(child.ToFullString());
                    var rewritten = child.AsNode() is { } plain ? _gradient.Rewrite(plain) : null;
                    gradient.Append(rewritten is null ? child.ToFullString()
                        : child.AsNode()!.GetLeadingTrivia().ToFullString() + rewritten + child.AsNode()!.GetTrailingTrivia().ToFullString());
                }
                else if (inner is ExpressionSyntax value)
                {
                    text.Append(inner.GetLeadingTrivia().ToFullString());
                    gradient.Append(inner.GetLeadingTrivia().ToFullString());
                    Flush();
                    parts.Add(LowerExpr(value));
                    text.Append(inner.GetTrailingTrivia().ToFullString());
                    gradient.Append(inner.GetTrailingTrivia().ToFullString());
                }
                else
                {
                    Walk(inner); // argument lists, arguments, an initializer's elements …
                }
            }
        }
        Walk(expression);
        Flush();
        // The expression's own leading and trailing trivia belong to the statement around it.
        if (parts[0] is IrText first) parts[0] = new IrText(first.Text.TrimStart(), first.Gradient?.TrimStart());
        if (parts[parts.Count - 1] is IrText last) parts[parts.Count - 1] = new IrText(last.Text.TrimEnd(), last.Gradient?.TrimEnd());
        parts.RemoveAll(p => p is IrText { Text.Length: 0 });
        return new IrComposite(expression.Kind().ToString(), parts.ToEquatableArray());
    }

    /// <summary>A switch expression: sites in its subject and arm values (one arm runs); none in patterns or guards.</summary>
    private IrExpr LowerSwitchExpression(SwitchExpressionSyntax @switch)
    {
        foreach (var arm in @switch.Arms)
            if (ContainsSite(arm.Pattern) || (arm.WhenClause is not null && ContainsSite(arm.WhenClause)))
                Unsupported(arm, $"a sample site in the pattern or guard of the switch arm '{Short(arm)}'; sample before the switch and match on the value");
        var id = ++_branches;
        var parts = new List<IrExpr> { LowerExpr(@switch.GoverningExpression), new IrText(" switch { ") };
        for (var i = 0; i < @switch.Arms.Count; i++)
        {
            var arm = @switch.Arms[i];
            var head = arm.Pattern + (arm.WhenClause is null ? "" : " " + arm.WhenClause) + " => ";
            parts.Add(new IrText((i == 0 ? "" : ", ") + head));
            var arm_ = i;
            parts.Add(InArm(id, arm_, () => LowerExpr(arm.Expression)));
        }
        parts.Add(new IrText(" }"));
        return new IrComposite("SwitchExpression", parts.ToEquatableArray());
    }

    private static string Describe(ExpressionSyntax expression) => expression switch
    {
        InterpolatedStringExpressionSyntax => "an interpolated string (sample into a local first)",
        ConditionalAccessExpressionSyntax => "a null-conditional access (?.)",
        IsPatternExpressionSyntax => "an is-pattern (sample into a local first)",
        CheckedExpressionSyntax => "a checked/unchecked expression",
        _ => "a " + System.Text.RegularExpressions.Regex.Replace(expression.Kind().ToString().Replace("Expression", ""), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant() + " expression",
    };
}
