using System.Linq;
using Microsoft.CodeAnalysis;

namespace Gen.Generators.Parsing;

/// <summary>The runtime types the parser recognises, resolved once per compilation.</summary>
internal sealed class KnownTypes
{
    public KnownTypes(Compilation compilation)
    {
        GenerativeFunction = compilation.GetTypeByMetadataName("Gen.GenerativeFunction`1");
        Distribution = compilation.GetTypeByMetadataName("Gen.Distribution`1");
        PrimitiveDistribution = compilation.GetTypeByMetadataName("Gen.Distribution`2");
        DifferentiablePrimitive = compilation.GetTypeByMetadataName("Gen.IDifferentiablePrimitive`1");
        DifferentiableVector = compilation.GetTypeByMetadataName("Gen.IDifferentiableVectorDensity");
        DifferentiableInParameters = compilation.GetTypeByMetadataName("Gen.IDifferentiableInParameters`2");
        ContractVersion = compilation.GetTypeByMetadataName("Gen.Internal.GeneratedCodeContract")?.GetMembers("Version")
            .OfType<IFieldSymbol>().FirstOrDefault() is { HasConstantValue: true, ConstantValue: int version } ? version : null;
        Key = compilation.GetTypeByMetadataName("Gen.Key");
        Address = compilation.GetTypeByMetadataName("Gen.Address");
        GenAttribute = compilation.GetTypeByMetadataName("Gen.GenAttribute");
        SamplerFactoryAttribute = compilation.GetTypeByMetadataName("Gen.SamplerFactoryAttribute");
    }

    public INamedTypeSymbol? GenerativeFunction { get; }
    public INamedTypeSymbol? Distribution { get; }
    public INamedTypeSymbol? PrimitiveDistribution { get; }
    public INamedTypeSymbol? DifferentiablePrimitive { get; }
    public INamedTypeSymbol? DifferentiableVector { get; }
    public INamedTypeSymbol? DifferentiableInParameters { get; }

    /// <summary>
    /// Whether <paramref name="primitive"/> gives gradients: it implements <c>IDifferentiablePrimitive&lt;itself&gt;</c>
    /// (a double, in its value and parameters), <c>IDifferentiableVectorDensity</c> (a double[], in its value) or
    /// <c>IDifferentiableInParameters&lt;itself, T&gt;</c> (a discrete value, in its parameters).
    /// </summary>
    public bool IsDifferentiable(INamedTypeSymbol primitive) =>
        primitive.AllInterfaces.Any(i =>
            (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, DifferentiablePrimitive) || SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, DifferentiableInParameters))
            && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], primitive))
        || DifferentiableVector is { } vector && primitive.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, vector));

    /// <summary>The generated-code contract the referenced runtime implements (null when it declares none).</summary>
    public int? ContractVersion { get; }
    public INamedTypeSymbol? Key { get; }
    public INamedTypeSymbol? Address { get; }
    public INamedTypeSymbol? GenAttribute { get; }
    public INamedTypeSymbol? SamplerFactoryAttribute { get; }

    /// <summary>The closed <c>Distribution&lt;T&gt;</c> that <paramref name="type"/> derives from, if any.</summary>
    public INamedTypeSymbol? DistributionBase(ITypeSymbol? type) => Base(type, Distribution);

    /// <summary>The <c>TPrimitive</c> of the <c>Distribution&lt;T, TPrimitive&gt;</c> that <paramref name="type"/> derives from, if any.</summary>
    public INamedTypeSymbol? PrimitiveOf(ITypeSymbol? type) => Base(type, PrimitiveDistribution)?.TypeArguments[1] as INamedTypeSymbol;

    /// <summary>The closed <c>GenerativeFunction&lt;T&gt;</c> that <paramref name="type"/> derives from, if any.</summary>
    public INamedTypeSymbol? GenerativeFunctionBase(ITypeSymbol? type) => Base(type, GenerativeFunction);

    public bool IsGenMethod(IMethodSymbol method) => HasAttribute(method, GenAttribute);

    /// <summary>A factory that only constructs its distribution, so its statics may stand in for it ([SamplerFactory]).</summary>
    public bool IsSamplerFactory(IMethodSymbol method) => HasAttribute(method, SamplerFactoryAttribute);

    private static bool HasAttribute(IMethodSymbol method, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null) return false;
        foreach (var attribute in method.GetAttributes())
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType)) return true;
        return false;
    }

    private static INamedTypeSymbol? Base(ITypeSymbol? type, INamedTypeSymbol? definition)
    {
        if (definition is null) return null;
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, definition)) return current;
        return null;
    }
}
