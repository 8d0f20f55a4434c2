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

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return differentiation.GradientType(node) is { } type
            ? visited.WithType(SyntaxFactory.ParseTypeName(type).WithTriviaFrom(node.Type))
            : visited;
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        // Only where RealMath has the overload bound (Math.Max(int, int) of lengths stays as it is).
        if (model.GetSymbolInfo(node).Symbol is IMethodSymbol method && Differentiation.IsMath(method)
            && node.ArgumentList.Arguments.Any(a => differentiation.IsActive(a.Expression))
            && differentiation.HasRealOverload(method, node.ArgumentList.Arguments.Select(a => (SyntaxNode)a.Expression).ToList()))
            return visited.WithExpression(SyntaxFactory.ParseExpression("global::Gen.Internal.RealMath." + method.Name).WithTriviaFrom(node.Expression));
        return visited;
    }

    public override SyntaxNode? VisitArrayCreationExpression(ArrayCreationExpressionSyntax node)
    {
        var visited = (ArrayCreationExpressionSyntax)base.VisitArrayCreationExpression(node)!;
        // An array of doubles stored in an active local, or holding continuous values itself (new double[] { mu, mu } as
        // an mv_normal's mean), is an array of Reals.
        if (!StoredInActive(node) && !differentiation.IsActive(node)) return visited;
        // new double[n] and new double[n, m] become arrays the gradient reuses from run to run (a target evaluated many
        // times allocates nothing).
        if (visited.Initializer is null && visited.Type.RankSpecifiers.Count == 1 && visited.Type.RankSpecifiers[0].Sizes is { Count: 1 or 2 } sizes
            && sizes.All(size => size is not OmittedArraySizeExpressionSyntax))
            return SyntaxFactory.ParseExpression(sizes.Count == 1
                    ? $"{Emit.Names.Gradient}.NewArray({sizes[0].WithoutTrivia()})"
                    : $"{Emit.Names.Gradient}.NewMatrix({sizes[0].WithoutTrivia()}, {sizes[1].WithoutTrivia()})")
                .WithTriviaFrom(node);
        return visited.WithType(visited.Type.WithElementType(SyntaxFactory.ParseTypeName(Differentiation.Real).WithTriviaFrom(node.Type.ElementType)));
    }

    public override SyntaxNode? VisitImplicitArrayCreationExpression(ImplicitArrayCreationExpressionSyntax node)
    {
        var visited = (ImplicitArrayCreationExpressionSyntax)base.VisitImplicitArrayCreationExpression(node)!;
        // new[] { 1.0, 2.0 } stored in an active local (an element later set from a choice) is an array of Reals.
        if (!StoredInActive(node)) return visited;
        return SyntaxFactory.ParseExpression($"new {Differentiation.Real}[{new string(',', node.Commas.Count)}] {visited.Initializer.WithoutTrivia()}").WithTriviaFrom(node);
    }

    public override SyntaxNode? VisitCastExpression(CastExpressionSyntax node)
    {
        // Only a double that is a Real already: (double)(n - 1) / n of integers keeps its cast (else integer division).
        if (model.GetTypeInfo(node.Type).Type?.SpecialType == SpecialType.System_Double && differentiation.IsActive(node.Expression)
            && model.GetTypeInfo(node.Expression).Type?.SpecialType == SpecialType.System_Double)
            return Visit(node.Expression)!.WithTriviaFrom(node);
        return base.VisitCastExpression(node);
    }

    // x + y * z (and −, and the product first, and x ±= y * z on a local) becomes one fused tape node: half the nodes
    // of a model's linear predictor. Operands keep their order; one of them is an active local or element, so the
    // unfused expression was a Real too.
    public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
    {
        var add = node.IsKind(SyntaxKind.AddExpression);
        if ((add || node.IsKind(SyntaxKind.SubtractExpression)) && IsDouble(node))
        {
            if (Product(node.Right) is { } right && AnyActive(node.Left, right.Left, right.Right))
                return Fused(add ? "AddMul" : "SubMul", node, node.Left, right.Left, right.Right);
            if (Product(node.Left) is { } left && AnyActive(left.Left, left.Right, node.Right))
                return Fused(add ? "MulAdd" : "MulSub", node, left.Left, left.Right, node.Right);
        }
        return base.VisitBinaryExpression(node);
    }

    public override SyntaxNode? VisitAssignmentExpression(AssignmentExpressionSyntax node)
    {
        var add = node.IsKind(SyntaxKind.AddAssignmentExpression);
        if ((add || node.IsKind(SyntaxKind.SubtractAssignmentExpression)) && node.Left is IdentifierNameSyntax target
            && differentiation.IsActive(model.GetSymbolInfo(target).Symbol) && Product(node.Right) is { } product)
        {
            var fused = Fused(add ? "AddMul" : "SubMul", node, target, product.Left, product.Right);
            return SyntaxFactory.ParseExpression($"{target.Identifier.ValueText} = {fused.WithoutTrivia()}").WithTriviaFrom(node);
        }
        return base.VisitAssignmentExpression(node);
    }

    // for (var k = i0; k < n; k++) acc += a[k] * b[k]; becomes one dot-product node: acc = RealMath.AddDot(acc, a, b, i0, n),
    // the same sum in the same order, one tape node instead of one per term (a model's row of data times its coefficients).
    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        if (DotProduct(node) is not { } dot) return base.VisitForStatement(node);
        var (acc, a, b, from, to) = dot;
        return SyntaxFactory.ParseStatement(
                $"{acc.Identifier.ValueText} = global::Gen.Internal.RealMath.AddDot({acc.Identifier.ValueText}, {Visit(a)!.WithoutTrivia()}, " +
                $"{Visit(b)!.WithoutTrivia()}, {Visit(from)!.WithoutTrivia()}, {Visit(to)!.WithoutTrivia()});")
            .WithTriviaFrom(node);
    }

    /// <summary>The parts of a loop <c>for (var k = from; k &lt; to; k++) acc += a[k] * b[k];</c> over doubles, acc an active local.</summary>
    private (IdentifierNameSyntax Acc, ExpressionSyntax A, ExpressionSyntax B, ExpressionSyntax From, ExpressionSyntax To)? DotProduct(ForStatementSyntax node)
    {
        if (node.Declaration is not { Variables.Count: 1 } declaration || node.Initializers.Count > 0) return null;
        var variable = declaration.Variables[0];
        if (variable.Initializer?.Value is not { } from) return null;
        if (model.GetDeclaredSymbol(variable) is not ILocalSymbol { Type.SpecialType: SpecialType.System_Int32 } index) return null;
        if (node.Condition is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression, Left: IdentifierNameSyntax bounded } condition
            || !IsLocal(bounded, index)) return null;
        if (node.Incrementors.Count != 1) return null;
        var stepped = node.Incrementors[0] switch
        {
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression, Operand: IdentifierNameSyntax i } => i,
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression, Operand: IdentifierNameSyntax i } => i,
            _ => null,
        };
        if (stepped is null || !IsLocal(stepped, index)) return null;
        var body = node.Statement is BlockSyntax { Statements.Count: 1 } block ? block.Statements[0] : node.Statement;
        if (body is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Left: IdentifierNameSyntax acc } assignment }
            || !differentiation.IsActive(model.GetSymbolInfo(acc).Symbol) || !IsDouble(acc) || Product(assignment.Right) is not { } product) return null;
        if (Element(product.Left, index) is not { } a || Element(product.Right, index) is not { } b) return null;
        // The loop's other parts must not see the index, and the arrays and the bound are read once: plain names only.
        if (Mentions(condition.Right, index) || !Plain(a) || !Plain(b) || !Plain(condition.Right)) return null;
        // RealMath.AddDot takes an int bound (k < xs[0] of doubles stays a loop).
        if (model.GetTypeInfo(condition.Right).Type?.SpecialType != SpecialType.System_Int32 || differentiation.IsActive(condition.Right)) return null;
        return (acc, a, b, from, condition.Right);
    }

    private bool IsLocal(IdentifierNameSyntax name, ILocalSymbol local) => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol, local);

    /// <summary>The array of <c>array[k]</c>, an element of type double at the loop's index, or null.</summary>
    private ExpressionSyntax? Element(ExpressionSyntax expression, ILocalSymbol index)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        return expression is ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } element
               && element.ArgumentList.Arguments[0].Expression is IdentifierNameSyntax at
               && IsLocal(at, index) && !Mentions(element.Expression, index)
               && model.GetTypeInfo(element.Expression).Type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double }
            ? element.Expression
            : null;
    }

    private bool Mentions(SyntaxNode node, ILocalSymbol local) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => IsLocal(n, local));

    /// <summary>Names, element accesses of names, member accesses and literals: no call, no assignment (read once, the same value).</summary>
    private static bool Plain(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or LiteralExpressionSyntax => true,
        ElementAccessExpressionSyntax element => Plain(element.Expression) && element.ArgumentList.Arguments.All(a => Plain(a.Expression)),
        MemberAccessExpressionSyntax member => Plain(member.Expression),
        ParenthesizedExpressionSyntax parenthesized => Plain(parenthesized.Expression),
        _ => false,
    };

    public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
    {
        if (node.Expression is null || !OfTheMethod(node) || differentiation.KeepsReturns) return base.VisitReturnStatement(node);
        var value = (ExpressionSyntax)Visit(node.Expression)!;
        return SyntaxFactory.ParseStatement("{ " + Differentiation.Returned(differentiation.ReturnType, value.ToString()) + " return; }").WithTriviaFrom(node);
    }

    /// <summary>A return of the [Gen] method itself (not of a lambda or local function inside it).</summary>
    public static bool OfTheMethod(ReturnStatementSyntax node) =>
        node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax) is BaseMethodDeclarationSyntax;

    private SyntaxNode Fused(string function, SyntaxNode node, ExpressionSyntax a, ExpressionSyntax b, ExpressionSyntax c) =>
        SyntaxFactory.ParseExpression($"global::Gen.Internal.RealMath.{function}({Visit(a)!.WithoutTrivia()}, {Visit(b)!.WithoutTrivia()}, {Visit(c)!.WithoutTrivia()})").WithTriviaFrom(node);

    /// <summary>A multiplication of doubles, through parentheses.</summary>
    private BinaryExpressionSyntax? Product(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        return expression is BinaryExpressionSyntax multiply && multiply.IsKind(SyntaxKind.MultiplyExpression) && IsDouble(multiply) ? multiply : null;
    }

    private bool IsDouble(ExpressionSyntax expression) => model.GetTypeInfo(expression).Type?.SpecialType == SpecialType.System_Double;

    /// <summary>Whether one operand is surely a Real in the gradient body: an active local, or an element of an active array.</summary>
    private bool AnyActive(params ExpressionSyntax[] operands) => operands.Any(operand =>
    {
        while (operand is ParenthesizedExpressionSyntax parenthesized) operand = parenthesized.Expression;
        return operand switch
        {
            IdentifierNameSyntax name => differentiation.IsActive(model.GetSymbolInfo(name).Symbol) && IsDouble(name),
            ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax array } element => differentiation.IsActive(model.GetSymbolInfo(array).Symbol) && IsDouble(element),
            _ => false,
        };
    });

    /// <summary>An array created to be stored in an active <c>double[]</c> local.</summary>
    private bool StoredInActive(SyntaxNode node) => node.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => differentiation.IsActive(model.GetDeclaredSymbol(declarator)),
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } => differentiation.IsActive(model.GetSymbolInfo(name).Symbol),
        _ => false,
    };
}
