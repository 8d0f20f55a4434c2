using System.Collections.Generic;
using System.Linq;
using Gen.Generators.Models;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>
/// Whether a [Gen] method can run as a GPU kernel, and if not, the first construct that keeps it out: the kernel subset
/// is value-type computation over the arguments (<c>double</c>, <c>int</c>, <c>bool</c> and arrays of them, read only),
/// locals of numeric and Boolean types, <c>Math</c> functions, loops and branches, and choices of the kernel
/// distributions at constant or <c>(name, i)</c> addresses — nothing that allocates, calls user code or reads other state.
/// </summary>
internal static class KernelSubset
{
    /// <summary>The distributions a kernel samples (Gen.Internal.KernelPrimitives), by primitive type.</summary>
    private static readonly Dictionary<string, string> Primitives = new()
    {
        ["global::Gen.Normal.Primitive"] = "Normal",
        ["global::Gen.Uniform.Primitive"] = "Uniform",
        ["global::Gen.Exponential.Primitive"] = "Exponential",
        ["global::Gen.Flip.Primitive"] = "Flip",
        ["global::Gen.Bernoulli.Primitive"] = "Bernoulli",
        ["global::Gen.LogNormal.Primitive"] = "LogNormal",
        ["global::Gen.HalfNormal.Primitive"] = "HalfNormal",
        ["global::Gen.Laplace.Primitive"] = "Laplace",
        ["global::Gen.Cauchy.Primitive"] = "Cauchy",
        ["global::Gen.HalfCauchy.Primitive"] = "HalfCauchy",
        ["global::Gen.Geometric.Primitive"] = "Geometric",
        ["global::Gen.UniformDiscrete.Primitive"] = "UniformDiscrete",
    };

    /// <summary>Distributions a kernel samples on the host only: their densities use MathNet's special functions.</summary>
    private static readonly Dictionary<string, string> HostPrimitives = new()
    {
        ["global::Gen.Beta.Primitive"] = "Beta",
        ["global::Gen.Gamma.Primitive"] = "Gamma",
        ["global::Gen.InverseGamma.Primitive"] = "InverseGamma",
        ["global::Gen.StudentT.Primitive"] = "StudentT",
        ["global::Gen.Poisson.Primitive"] = "Poisson",
        ["global::Gen.Binomial.Primitive"] = "Binomial",
    };

    /// <summary>The KernelPrimitives factory of a primitive type, or null when kernels cannot sample it.</summary>
    public static string? Factory(string primitive) =>
        Primitives.TryGetValue(primitive, out var name) || HostPrimitives.TryGetValue(primitive, out name) ? name : null;

    /// <summary>
    /// Whether the method has a kernel form, and if not, the first construct outside the kernel subset (as the run-time
    /// message and GEN017 name it); where it has one, why it runs on the host only (a distribution whose density needs
    /// MathNet, here or in a callee), and the traced calls it makes of other kernel forms.
    /// </summary>
    /// <param name="siteSlots">Per site of <paramref name="lowering"/>, its trace slot (the planner's).</param>
    public static KernelAnalysis Analyse(SemanticModel model, IMethodSymbol method, SyntaxNode body, IrLowering lowering, IReadOnlyList<int> siteSlots, KernelCallees callees)
    {
        var calls = new List<KernelCallModel>();
        string? onHost = null;
        var obstacle = Obstacle(model, method, body, lowering, callees, calls, ref onHost) ?? OneCalleePerSlot(calls, siteSlots, lowering);
        return obstacle is not null
            ? new KernelAnalysis(obstacle, null, EquatableArray<KernelCallModel>.Empty)
            : new KernelAnalysis(null, DeviceObstacle(lowering.Shapes) ?? onHost, calls.ToEquatableArray());
    }

    /// <summary>
    /// Why a kernel form runs on the host only (the CPU batch path), not on a GPU: the first choice of a distribution
    /// whose density needs MathNet; null when it runs on both.
    /// </summary>
    private static string? DeviceObstacle(IReadOnlyDictionary<InvocationExpressionSyntax, SiteShape> shapes) =>
        shapes.Values.OrderBy(s => s.Invocation.SpanStart).FirstOrDefault(s => s.Primitive is { } p && HostPrimitives.ContainsKey(p)) is { } site
            ? $"a choice of {site.DisplayName}, whose density needs MathNet's special functions, which a GPU cannot run ('{Short(site.Invocation)}')"
            : null;

    /// <summary>
    /// Calls at one address (in exclusive branches) of different kernel forms: the layout holds one callee's columns per
    /// call slot, so such a model has none (the CPU batch path refuses such rows too).
    /// </summary>
    private static string? OneCalleePerSlot(List<KernelCallModel> calls, IReadOnlyList<int> siteSlots, IrLowering lowering)
    {
        var callees = new Dictionary<int, string>();
        foreach (var call in calls)
        {
            var slot = siteSlots[call.Site];
            var callee = call.Switch is { } branches ? $"Switch of {string.Join(" | ", branches.Branches.Select(b => b.Struct))}"
                : call.Map is null ? call.Struct : $"{call.Map.Combinator} of {call.Struct}";
            if (callees.TryGetValue(slot, out var other) && other != callee)
            {
                var invocation = lowering.SiteIndices.First(s => s.Value == call.Site).Key;
                return $"traced calls of different functions (or overloads) at one address ('{Short(invocation)}'): a kernel lays out one callee per address";
            }
            callees[slot] = callee;
        }
        return null;
    }

    private static string? Obstacle(SemanticModel model, IMethodSymbol method, SyntaxNode body, IrLowering lowering, KernelCallees callees,
        List<KernelCallModel> calls, ref string? onHost)
    {
        var shapes = lowering.Shapes;
        if (!IsScalar(method.ReturnType))
            return $"it returns {method.ReturnType.ToDisplayString()} (a kernel returns a double, an int or a bool)";
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || !(IsArgument(parameter.Type) || IsArray(parameter.Type)))
                return $"its parameter '{parameter.Name}' is {parameter.Type.ToDisplayString()} (a kernel takes doubles, ints, bools and arrays of them)";
        }
        if (body.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp11 })
            return "the project's C# version is below 11 (a kernel form implements a static abstract interface member)";
        // The sites first: a traced call or another distribution is the clearest reason.
        // What the traced calls' checks cover: the arrays a callee reads (no other use of an array), a Vmap's lambda and its call.
        var admitted = new HashSet<SyntaxNode>();
        foreach (var site in shapes.Values.OrderBy(s => s.Invocation.SpanStart))
        {
            if (site.Kind == SiteKind.Call && lowering.SiteIndices.TryGetValue(site.Invocation, out var index))
            {
                var (call, why, host) = callees.Resolve(model, site, index, admitted);
                if (call is null) return $"{why} ('{Short(site.Invocation)}')";
                calls.Add(call);
                onHost ??= host;
                continue;
            }
            if (SiteObstacle(site) is { } obstacle) return $"{obstacle} ('{Short(site.Invocation)}')";
        }
        var receivers = new HashSet<SyntaxNode>(shapes.Values.Select(s => s.Receiver));
        // An address ("y", i) or "y" belongs to the site (its slot), not a value the kernel computes; its index is one.
        var addresses = new HashSet<SyntaxNode>();
        foreach (var argument in shapes.Keys.SelectMany(i => i.ArgumentList.Arguments.Select(a => a.Expression)))
        {
            addresses.Add(argument);
            if (argument is TupleExpressionSyntax tuple) foreach (var part in tuple.Arguments) addresses.Add(part.Expression);
        }
        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (addresses.Contains(node) && (node is TupleExpressionSyntax || model.GetTypeInfo(node).Type?.SpecialType == SpecialType.System_String)) continue;
            if (admitted.Contains(node)) continue;
            if (Blocked(model, node, shapes, receivers) is { } why) return $"{why} ('{Short(node)}')";
        }
        return null;
    }

    /// <summary>Why a kernel cannot sample at this site: a traced call, a distribution object, a distribution it has no form of.</summary>
    private static string? SiteObstacle(SiteShape shape) =>
        shape.Kind == SiteKind.Primitive && shape.Primitive is { } primitive && Factory(primitive) is not null
            ? null
            : shape.Kind switch
            {
                SiteKind.Call => KernelCallees.NotAGenCall,
                SiteKind.DistributionObject => "a choice from a distribution object (a kernel samples the built-in distributions of docs/gpu.md)",
                _ => $"a choice of {shape.DisplayName}, which kernels cannot sample yet",
            };

    private static string? Blocked(SemanticModel model, SyntaxNode node, IReadOnlyDictionary<InvocationExpressionSyntax, SiteShape> shapes, HashSet<SyntaxNode> receivers)
    {
        switch (node)
        {
            case InvocationExpressionSyntax invocation when shapes.ContainsKey(invocation) || receivers.Contains(invocation):
                return null; // a site (checked first, by SiteObstacle) or its primitive, normal(mu, sigma)
            case InvocationExpressionSyntax invocation:
                return model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { IsStatic: true } callee && IsMathType(callee.ContainingType)
                    ? null
                    : "a call of a method other than Math's or PortableMath's (a kernel runs no user code)";
            case BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
                or StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax
                or CollectionExpressionSyntax or AnonymousObjectCreationExpressionSyntax or TupleExpressionSyntax
                or InitializerExpressionSyntax:
                return "an object, array or tuple made in the body (a kernel allocates nothing)";
            case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                return "a lambda or local function";
            case InterpolatedStringExpressionSyntax:
                return "a string";
            case ThrowStatementSyntax or ThrowExpressionSyntax or TryStatementSyntax:
                return "an exception (a kernel cannot throw or catch)";
            case ForEachStatementSyntax loop:
                return model.GetSymbolInfo(loop.Expression).Symbol is IParameterSymbol { Type: IArrayTypeSymbol }
                    ? null
                    : "a foreach loop over something other than an array argument";
            case CommonForEachStatementSyntax:
                return "a foreach loop with deconstruction";
            case UsingStatementSyntax or LockStatementSyntax or FixedStatementSyntax or UnsafeStatementSyntax or GotoStatementSyntax
                or LabeledStatementSyntax or YieldStatementSyntax or AwaitExpressionSyntax or QueryExpressionSyntax:
                return "a statement kernels do not support";
            case VariableDeclaratorSyntax or SingleVariableDesignationSyntax:
                return model.GetDeclaredSymbol(node) is ILocalSymbol local && !IsScalar(local.Type) && local.Type is not IErrorTypeSymbol
                    ? $"the local '{local.Name}' of type {local.Type.ToDisplayString()} (kernel locals are numbers and bools)"
                    : null;
            case ElementAccessExpressionSyntax access:
                if (model.GetSymbolInfo(access.Expression).Symbol is not IParameterSymbol { Type: IArrayTypeSymbol })
                    return "an element access of something other than an array argument";
                if (access.ArgumentList.Arguments.Count != 1 || model.GetTypeInfo(access.ArgumentList.Arguments[0].Expression).Type?.SpecialType != SpecialType.System_Int32)
                    return "an element access with an index that is not an int";
                return IsWritten(access) ? "a write to an argument array (a kernel reads its arguments)" : null;
            case RefExpressionSyntax or RefTypeSyntax:
                return "a ref local or ref expression";
            case IdentifierNameSyntax identifier:
                return Identifier(model, identifier) ?? Typed(model, identifier);
            case ExpressionSyntax expression:
                return Typed(model, expression);
        }
        return null;
    }

    /// <summary>
    /// Every value a kernel computes is a number or a bool: an expression of another type (a string, an object, a
    /// nullable, a delegate) would box, allocate or not compile over the kernel's views. Names of types, namespaces and
    /// methods are no values; an array argument is one only as <c>xs[i]</c>, <c>xs.Length</c> or what a <c>foreach</c> runs over.
    /// </summary>
    private static string? Typed(SemanticModel model, ExpressionSyntax expression)
    {
        var symbol = model.GetSymbolInfo(expression).Symbol;
        if (symbol is IMethodSymbol or INamespaceOrTypeSymbol) return null;
        if (symbol is IParameterSymbol { Type: IArrayTypeSymbol })
        {
            var use = expression.Parent;
            return use is ElementAccessExpressionSyntax element && element.Expression == expression
                || use is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } member && member.Expression == expression
                || use is ForEachStatementSyntax loop && loop.Expression == expression
                ? null
                : "a use of an array argument other than an element or its Length";
        }
        var type = model.GetTypeInfo(expression).Type;
        if (type is null or IErrorTypeSymbol || IsScalar(type) || type is IArrayTypeSymbol) return null;
        return $"a value of type {type.ToDisplayString()} (a kernel computes with numbers and bools)";
    }

    private static string? Identifier(SemanticModel model, IdentifierNameSyntax identifier)
    {
        var symbol = model.GetSymbolInfo(identifier).Symbol;
        switch (symbol)
        {
            case null:
                // An address's name, a named argument; an unbound name is the compiler's error.
                return null;
            case ILocalSymbol or INamespaceOrTypeSymbol or IMethodSymbol or IDiscardSymbol:
                return null;
            case IParameterSymbol parameter:
                return parameter.Type is IArrayTypeSymbol && IsWritten(identifier) ? "an assignment to an array argument" : null;
            case IFieldSymbol { IsConst: true }:
                return null;
            case IPropertySymbol { Name: "Length" } property when property.ContainingType.SpecialType == SpecialType.System_Array:
                return null;
            default:
                return $"'{symbol.Name}', which is not an argument, local or constant (a kernel reads nothing else)";
        }
    }

    private static bool IsWritten(ExpressionSyntax expression)
    {
        var node = expression.Parent is ParenthesizedExpressionSyntax ? expression.Parent : expression;
        return node.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == node,
            PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => node.Parent.IsKind(SyntaxKind.PreIncrementExpression)
                || node.Parent.IsKind(SyntaxKind.PreDecrementExpression) || node.Parent.IsKind(SyntaxKind.PostIncrementExpression)
                || node.Parent.IsKind(SyntaxKind.PostDecrementExpression),
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
            _ => false,
        };
    }

    // Gen.PortableMath is the math a CPU and a GPU compute to the same bits (docs/gpu.md).
    private static bool IsMathType(INamedTypeSymbol? type) =>
        type is { Name: "Math" or "Double" or "Int32", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
            or { Name: "PortableMath", ContainingNamespace: { Name: "Gen", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>A value a kernel computes with: a number or a bool.</summary>
    private static bool IsScalar(ITypeSymbol type) => type.SpecialType is SpecialType.System_Double or SpecialType.System_Single
        or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64
        or SpecialType.System_Boolean;

    /// <summary>A scalar argument, packed exactly as a double.</summary>
    public static bool IsArgument(ITypeSymbol type) => type.SpecialType is SpecialType.System_Double or SpecialType.System_Int32 or SpecialType.System_Boolean;

    /// <summary>An argument array a kernel reads from device memory.</summary>
    public static bool IsArray(ITypeSymbol type) => type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Int32 or SpecialType.System_Boolean };

    private static string Short(SyntaxNode node)
    {
        var text = string.Join(" ", node.ToString().Split(new[] { '\r', '\n', ' ', '\t' }, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}

/// <summary>What <see cref="KernelSubset.Analyse"/> found: why there is no kernel form, or why it runs on the host only, and the kernel calls it makes.</summary>
internal sealed record KernelAnalysis(string? Obstacle, string? OnHost, EquatableArray<KernelCallModel> Calls);
