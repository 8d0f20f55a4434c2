using System.Collections.Generic;
using System.Linq;
using Gen.Generators.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Parsing;

/// <summary>What the parser learns about one <c>receiver.At(address)</c> invocation.</summary>
internal sealed record SiteShape(
    InvocationExpressionSyntax Invocation,
    ExpressionSyntax Receiver,
    SiteKind Kind,
    ITypeSymbol? ValueType,
    string DisplayName,
    string? Primitive,
    string? Factory,
    IReadOnlyList<ExpressionSyntax> PrimitiveArguments,
    bool Differentiable = false);

/// <summary>How a sample site samples and scores its value.</summary>
internal enum SiteKind
{
    /// <summary>A distribution from a [SamplerFactory], sampled through its value-type primitive: no allocation.</summary>
    Primitive,

    /// <summary>A <c>Distribution&lt;T&gt;</c> object: its virtual Sample/LogDensity are called.</summary>
    DistributionObject,

    /// <summary>A traced call of another generative function: its GFI methods are called and its trace kept.</summary>
    Call,
}

/// <summary>
/// Recognises sample sites: calls of <c>GenerativeFunction&lt;T&gt;.At</c>, including traced calls of
/// generated <c>XGen(...)</c> factories that do not exist yet while the generator runs.
/// </summary>
internal sealed class SiteRecognizer(SemanticModel model, KnownTypes known)
{
    public static bool LooksLikeSite(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "At" };

    public SiteShape? Recognize(InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "At" } access) return null;
        var receiver = access.Expression;
        var valueType = ValueTypeOf(invocation, receiver);
        if (valueType is not null && !IsComplete(valueType)) valueType = null;
        if (valueType is null)
        {
            // The receiver involves generated code the generator cannot see yet (e.g. Vmap(PointGen).Apply(xs)):
            // treat it as a traced call whose type the C# compiler infers from the emitted generic call.
            return IsUnresolved(invocation, receiver)
                ? new SiteShape(invocation, receiver, SiteKind.Call, CombinatorValueType(receiver), DisplayName(receiver), null, null, [])
                : null;
        }

        if (Primitive(receiver, valueType) is { } primitive) return primitive with { Invocation = invocation };
        var receiverType = model.GetTypeInfo(receiver).Type;
        var isDistribution = known.DistributionBase(receiverType) is not null;
        return new SiteShape(invocation, receiver, isDistribution ? SiteKind.DistributionObject : SiteKind.Call, valueType,
            DisplayName(receiver), null, null, []);
    }

    /// <summary>
    /// For <c>f.At(x)</c> on a generative function that fails to bind because <c>x</c> is no address: the argument
    /// to point at (the compiler's own error does not say what an address may be).
    /// </summary>
    public ExpressionSyntax? IsMistypedAddress(InvocationExpressionSyntax invocation)
    {
        var info = model.GetSymbolInfo(invocation);
        if (info.Symbol is not null || info.CandidateReason != CandidateReason.OverloadResolutionFailure) return null;
        if (!info.CandidateSymbols.OfType<IMethodSymbol>().Any(m => known.GenerativeFunctionBase(m.ContainingType) is not null)) return null;
        return invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
    }

    /// <summary>The T of <c>GenerativeFunction&lt;T&gt;.At</c>, or of the [Gen] method behind an unresolved <c>XGen(...)</c>.</summary>
    private ITypeSymbol? ValueTypeOf(InvocationExpressionSyntax invocation, ExpressionSyntax receiver)
    {
        var symbol = model.GetSymbolInfo(invocation).Symbol as IMethodSymbol;
        if (symbol is not null)
            return known.GenerativeFunctionBase(symbol.ContainingType) is not null ? symbol.ReturnType : null;
        return GeneratedFactoryTarget(receiver)?.ReturnType;
    }

    /// <summary>
    /// An <c>.At</c> whose receiver the compiler cannot type yet (its type depends on generated code): unresolved, or
    /// inferred with error types or another method's type parameters in it.
    /// </summary>
    private bool IsUnresolved(InvocationExpressionSyntax invocation, ExpressionSyntax receiver)
    {
        var type = model.GetTypeInfo(receiver).Type;
        if (type is not null && IsComplete(type)) return false;
        return model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Name: "At" } || model.GetSymbolInfo(invocation).CandidateSymbols.IsEmpty;
    }

    /// <summary>
    /// A type with no error types and no type parameters of other methods in it: one the compiler has settled while
    /// the generator runs (an incomplete one comes from generated code not written yet).
    /// </summary>
    public static bool IsComplete(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => false,
        ITypeParameterSymbol parameter => parameter.DeclaringMethod is null,
        IArrayTypeSymbol array => IsComplete(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.All(IsComplete),
        _ => true,
    };

    /// <summary>
    /// The value type of <c>Vmap(XGen, args…)</c> or <c>Scan(XGen, steps, init)</c>, which the compiler infers only once
    /// the factory <c>XGen</c> exists: the array of the [Gen] method X's return type (every overload of X returning the
    /// same); of <c>Repeat(count, XGen(…))</c>, the array of X's; of <c>Switch(index, XGen(…), YGen(…))</c>, the
    /// branches' common return type; null for anything else.
    /// </summary>
    private ITypeSymbol? CombinatorValueType(ExpressionSyntax receiver)
    {
        if (receiver is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: >= 2 } call) return null;
        var name = call.Expression switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
            _ => null,
        };
        if (name is not ("Vmap" or "Scan" or "Switch" or "Repeat")) return null;
        if (!IsCombinator(call)) return null;
        if (name == "Repeat")
        {
            // Repeat(count, XGen(…)): an array of X's return type.
            var element = GeneratedFactoryTarget(call.ArgumentList.Arguments[1].Expression)?.ReturnType;
            return element is not null && IsComplete(element) ? model.Compilation.CreateArrayTypeSymbol(element) : null;
        }
        if (name == "Switch")
        {
            // Switch(index, XGen(…), YGen(…), …): the branches' common return type.
            var branches = call.ArgumentList.Arguments.Skip(1).Select(a => GeneratedFactoryTarget(a.Expression)?.ReturnType).ToList();
            return branches.All(b => b is not null && IsComplete(b)) && branches.Distinct(SymbolEqualityComparer.Default).Count() == 1 ? branches[0] : null;
        }

        var kernel = call.ArgumentList.Arguments[0].Expression;
        var (factory, container) = NameAndContainer(kernel);
        if (factory is null || !factory.EndsWith("Gen", System.StringComparison.Ordinal) || factory.Length == 3) return null;
        if (model.GetSymbolInfo(kernel).Symbol is not null) return null; // a real method of that name exists
        var target = factory.Substring(0, factory.Length - 3);
        var candidates = container is not null ? container.GetMembers(target) : model.LookupSymbols(kernel.SpanStart, name: target);
        var returns = candidates.OfType<IMethodSymbol>().Where(known.IsGenMethod).Select(m => m.ReturnType)
            .Distinct(SymbolEqualityComparer.Default).OfType<ITypeSymbol>().ToList();
        return returns.Count == 1 && IsComplete(returns[0]) ? model.Compilation.CreateArrayTypeSymbol(returns[0]) : null;
    }

    /// <summary>Whether <paramref name="shape"/> is a traced call of <c>Scan(XGen, steps, init)</c> over a double state (its value type inferred).</summary>
    public bool IsScanOfDoubles(SiteShape shape) =>
        shape.Receiver is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Scan" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Scan" } } call
        && shape.ValueType is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Double }
        && IsCombinator(call);

    /// <summary>Whether <paramref name="call"/> binds (or would bind, once generated code exists) to one of Gen's combinators.</summary>
    private bool IsCombinator(InvocationExpressionSyntax call)
    {
        var info = model.GetSymbolInfo(call);
        var bound = info.Symbol is { } symbol ? [symbol] : info.CandidateSymbols;
        return bound.OfType<IMethodSymbol>().Any(m => m.ContainingType?.ToDisplayString() == "Gen.Combinators");
    }

    /// <summary>The [Gen] method <c>X</c> behind a call of its (not yet generated) factory <c>XGen(...)</c>.</summary>
    public IMethodSymbol? GeneratedFactoryTarget(ExpressionSyntax receiver)
    {
        if (receiver is not InvocationExpressionSyntax call || FactoryCandidates(call, out _) is not { } candidates) return null;
        // Among [Gen] overloads, the one whose parameters the arguments convert to (identity conversions first).
        var arguments = call.ArgumentList.Arguments.Select(a => model.GetTypeInfo(a.Expression).Type).ToList();
        return candidates
            .Where(m => m.Parameters.Length == arguments.Count)
            .Select(m => (Method: m, Score: Fit(m, arguments)))
            .Where(c => c.Score >= 0)
            .OrderByDescending(c => c.Score)
            .Select(c => c.Method)
            .FirstOrDefault();
    }

    /// <summary>
    /// The [Gen] method C# will bind <c>XGen(args)</c> to, for code that must call exactly that overload (a kernel's
    /// call entry): X itself bound speculatively with the same arguments (the factory's overloads mirror X's), or the
    /// only [Gen] X there is; null where neither settles it (overloads, and arguments typed by generated code), and
    /// <paramref name="overloaded"/> says whether that was the reason.
    /// </summary>
    public IMethodSymbol? BoundFactoryTarget(InvocationExpressionSyntax call, out bool overloaded)
    {
        overloaded = false;
        if (FactoryCandidates(call, out var target) is not { Count: > 0 } candidates) return null;
        // The factories do not carry [OverloadResolutionPriority]: where it decides between X's overloads, XGen's may bind otherwise.
        if (candidates.Any(HasPriority))
        {
            overloaded = true;
            return null;
        }
        var method = call.Expression is MemberAccessExpressionSyntax access ? $"{access.Expression}.{target}" : target;
        var speculative = SyntaxFactory.ParseExpression(method + call.ArgumentList);
        var bound = model.GetSpeculativeSymbolInfo(call.SpanStart, speculative, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        // A [Gen] method found by the lookup C# makes (an inherited one too): what the factory call binds. Anything else
        // bound (another method of that name) says the factory's lookup differs: no answer.
        if (bound is not null) return known.IsGenMethod(bound.OriginalDefinition) && !HasPriority(bound) ? bound : null;
        overloaded = candidates.Count > 1;
        return overloaded ? null : candidates[0];
    }

    /// <summary>
    /// For a call of a factory <c>XGen(...)</c> the generator has not written yet: the [Gen] methods X it may stand for,
    /// by the lookup the call makes (in its container, or in scope), and X's name; null for any other call.
    /// </summary>
    private List<IMethodSymbol>? FactoryCandidates(InvocationExpressionSyntax call, out string target)
    {
        target = "";
        var (name, container) = NameAndContainer(call.Expression);
        if (name is null || !name.EndsWith("Gen", System.StringComparison.Ordinal) || name.Length == 3) return null;
        if (model.GetSymbolInfo(call).Symbol is not null) return null; // a real method of that name exists
        target = name.Substring(0, name.Length - 3);
        return (container is not null ? container.GetMembers(target) : model.LookupSymbols(call.SpanStart, name: target))
            .OfType<IMethodSymbol>().Where(known.IsGenMethod).ToList();
    }

    private static bool HasPriority(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.Name == "OverloadResolutionPriorityAttribute");

    /// <summary>The name a method is referred to by (<c>XGen</c> or <c>Type.XGen</c>), and the type or namespace it is looked up in (null: in scope).</summary>
    private (string? Name, INamespaceOrTypeSymbol? Container) NameAndContainer(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax id => (id.Identifier.ValueText, null),
        MemberAccessExpressionSyntax m => (m.Name.Identifier.ValueText, model.GetSymbolInfo(m.Expression).Symbol as INamespaceOrTypeSymbol),
        _ => (null, null),
    };

    /// <summary>How well the arguments fit the parameters: −1 if one cannot convert, else the number of exact matches.</summary>
    private int Fit(IMethodSymbol method, IReadOnlyList<ITypeSymbol?> arguments)
    {
        var exact = 0;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is not { TypeKind: not TypeKind.Error } argument) continue; // unknown yet: any parameter may do
            var conversion = model.Compilation.ClassifyConversion(argument, method.Parameters[i].Type);
            if (!conversion.IsImplicit) return -1;
            if (conversion.IsIdentity) exact++;
        }
        return exact;
    }

    /// <summary>
    /// A call of a [SamplerFactory] (a static factory that only constructs its distribution) whose distribution derives
    /// from <c>Distribution&lt;T, TPrimitive&gt;</c> with a public primitive constructor taking the factory's parameters:
    /// sampled through the primitive, with no object allocated. Any other factory may do more than construct, so its
    /// result is used as an object.
    /// </summary>
    private SiteShape? Primitive(ExpressionSyntax receiver, ITypeSymbol valueType)
    {
        if (receiver is not InvocationExpressionSyntax call) return null;
        // An argument typed by generated code not written yet (a traced call's value, 'var mu = MuGen().At("mu")') leaves
        // the factory a sole candidate rather than the bound symbol: it is the factory the compiler will bind.
        var info = model.GetSymbolInfo(call);
        var bound = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        if (bound is not IMethodSymbol { IsStatic: true } factory || !known.IsSamplerFactory(factory)) return null;
        if (known.PrimitiveOf(factory.ReturnType) is not { } primitive) return null;
        if (call.ArgumentList.Arguments.Count != factory.Parameters.Length) return null;
        if (call.ArgumentList.Arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))) return null;
        if (factory.Parameters.Any(p => p.IsParams || p.RefKind != RefKind.None)) return null;
        if (!primitive.InstanceConstructors.Any(c => c.DeclaredAccessibility == Accessibility.Public && SameParameters(c, factory))) return null;

        return new SiteShape(null!, receiver, SiteKind.Primitive, valueType, factory.Name,
            primitive.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            call.Expression.ToString(),
            call.ArgumentList.Arguments.Select(a => a.Expression).ToList(),
            known.IsDifferentiable(primitive));
    }

    private static bool SameParameters(IMethodSymbol constructor, IMethodSymbol factory) =>
        constructor.Parameters.Length == factory.Parameters.Length
        && constructor.Parameters.Zip(factory.Parameters, (c, f) => SymbolEqualityComparer.Default.Equals(c.Type, f.Type) && c.RefKind == RefKind.None).All(x => x);

    private static string DisplayName(ExpressionSyntax receiver) => receiver switch
    {
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax id } => id.Identifier.ValueText,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax m } => m.Name.Identifier.ValueText,
        _ => receiver.ToString(),
    };
}
