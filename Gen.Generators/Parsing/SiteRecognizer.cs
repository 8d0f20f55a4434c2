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
    string? Sampler,
    IReadOnlyList<string> ParameterTypes,
    IReadOnlyList<ExpressionSyntax> SamplerArguments);

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
                ? new SiteShape(invocation, receiver, SiteKind.Call, null, DisplayName(receiver), null, [], [])
                : null;
        }

        if (Primitive(receiver, valueType) is { } primitive) return primitive with { Invocation = invocation };
        var receiverType = model.GetTypeInfo(receiver).Type;
        var isDistribution = known.DistributionBase(receiverType) is not null;
        return new SiteShape(invocation, receiver, isDistribution ? SiteKind.DistributionObject : SiteKind.Call, valueType,
            DisplayName(receiver), null, [], []);
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

    /// <summary>A type with no error types and no type parameters of other methods in it.</summary>
    private static bool IsComplete(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => false,
        ITypeParameterSymbol parameter => parameter.DeclaringMethod is null,
        IArrayTypeSymbol array => IsComplete(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.All(IsComplete),
        _ => true,
    };

    /// <summary>The [Gen] method <c>X</c> behind a call of its (not yet generated) factory <c>XGen(...)</c>.</summary>
    public IMethodSymbol? GeneratedFactoryTarget(ExpressionSyntax receiver)
    {
        if (receiver is not InvocationExpressionSyntax call) return null;
        var (name, container) = call.Expression switch
        {
            IdentifierNameSyntax id => (id.Identifier.ValueText, (INamespaceOrTypeSymbol?)null),
            MemberAccessExpressionSyntax m => (m.Name.Identifier.ValueText, model.GetSymbolInfo(m.Expression).Symbol as INamespaceOrTypeSymbol),
            _ => (null, null),
        };
        if (name is null || !name.EndsWith("Gen", System.StringComparison.Ordinal) || name.Length == 3) return null;
        if (model.GetSymbolInfo(call).Symbol is not null) return null; // a real method of that name exists
        var target = name.Substring(0, name.Length - 3);
        var candidates = container is not null
            ? container.GetMembers(target)
            : model.LookupSymbols(call.SpanStart, name: target);
        // Among [Gen] overloads, the one whose parameters the arguments convert to (identity conversions first).
        var arguments = call.ArgumentList.Arguments.Select(a => model.GetTypeInfo(a.Expression).Type).ToList();
        return candidates.OfType<IMethodSymbol>()
            .Where(m => known.IsGenMethod(m) && m.Parameters.Length == arguments.Count)
            .Select(m => (Method: m, Score: Fit(m, arguments)))
            .Where(c => c.Score >= 0)
            .OrderByDescending(c => c.Score)
            .Select(c => c.Method)
            .FirstOrDefault();
    }

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
    /// A call of a [SamplerFactory] (a static factory that only constructs its distribution) whose distribution type
    /// offers static <c>Sample(Key, …)</c> and <c>LogDensity(T, …)</c> with the factory's parameters: sampled by
    /// direct static calls. Any other factory may do more than construct, so its result is used as an object.
    /// </summary>
    private SiteShape? Primitive(ExpressionSyntax receiver, ITypeSymbol valueType)
    {
        if (receiver is not InvocationExpressionSyntax call) return null;
        if (model.GetSymbolInfo(call).Symbol is not IMethodSymbol { IsStatic: true } factory || !known.IsSamplerFactory(factory)) return null;
        if (factory.ReturnType is not INamedTypeSymbol distribution || known.DistributionBase(distribution) is null) return null;
        if (call.ArgumentList.Arguments.Count != factory.Parameters.Length) return null;
        if (call.ArgumentList.Arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))) return null;
        if (factory.Parameters.Any(p => p.IsParams || p.RefKind != RefKind.None)) return null;

        var parameterTypes = factory.Parameters.Select(p => p.Type).ToList();
        var sample = FindStatic(distribution.GetMembers("Sample"), known.Key, parameterTypes, valueType, returnsValue: true);
        var logDensity = FindStatic(distribution.GetMembers("LogDensity"), valueType, parameterTypes, valueType, returnsValue: false);
        if (sample is null || logDensity is null) return null;

        return new SiteShape(null!, receiver, SiteKind.Primitive, valueType, factory.Name,
            distribution.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            parameterTypes.Select(t => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToList(),
            call.ArgumentList.Arguments.Select(a => a.Expression).ToList());
    }

    private static IMethodSymbol? FindStatic(IEnumerable<ISymbol> members, ITypeSymbol? first,
        IReadOnlyList<ITypeSymbol> rest, ITypeSymbol valueType, bool returnsValue)
    {
        if (first is null) return null;
        foreach (var member in members.OfType<IMethodSymbol>())
        {
            if (!member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.Parameters.Length != rest.Count + 1) continue;
            if (!SymbolEqualityComparer.Default.Equals(member.Parameters[0].Type, first)) continue;
            var matches = true;
            for (var i = 0; i < rest.Count && matches; i++)
                matches = SymbolEqualityComparer.Default.Equals(member.Parameters[i + 1].Type, rest[i]);
            if (!matches) continue;
            var expected = returnsValue ? valueType : null;
            if (expected is not null && !SymbolEqualityComparer.Default.Equals(member.ReturnType, expected)) continue;
            if (!returnsValue && member.ReturnType.SpecialType != SpecialType.System_Double) continue;
            return member;
        }
        return null;
    }

    private static string DisplayName(ExpressionSyntax receiver) => receiver switch
    {
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax id } => id.Identifier.ValueText,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax m } => m.Name.Identifier.ValueText,
        _ => receiver.ToString(),
    };
}
