using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Gen.Analyzers.Common;

/// <summary>The runtime types and members the analyzers recognise, resolved once per compilation.</summary>
internal sealed class GenSymbols
{
    private GenSymbols(Compilation compilation, INamedTypeSymbol generativeFunction)
    {
        GenerativeFunction = generativeFunction;
        Trace = compilation.GetTypeByMetadataName("Gen.Trace`1");
        Particles = compilation.GetTypeByMetadataName("Gen.Particles`1");
        Transforms = compilation.GetTypeByMetadataName("Gen.Transforms");
        Key = compilation.GetTypeByMetadataName("Gen.Key");
        GenAttribute = compilation.GetTypeByMetadataName("Gen.GenAttribute");
        RequiresSeedAttribute = compilation.GetTypeByMetadataName("Gen.RequiresSeedAttribute");
        NoKernelAttribute = compilation.GetTypeByMetadataName("Gen.Internal.NoKernelAttribute");
        InferenceLibraries = new[] { "Gen.Inference.Mcmc", "Gen.Inference.ImportanceSampling", "Gen.Inference.ParticleFilter", "Gen.BatchExtensions" }
            .Select(compilation.GetTypeByMetadataName)
            .Where(type => type is not null)
            .ToImmutableArray()!;
    }

    /// <summary>The symbols of a compilation that references Gen.Runtime; null for one that does not (nothing to check).</summary>
    public static GenSymbols? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Gen.GenerativeFunction`1") is { } generativeFunction
            ? new GenSymbols(compilation, generativeFunction)
            : null;

    public INamedTypeSymbol GenerativeFunction { get; }
    public INamedTypeSymbol? Trace { get; }
    public INamedTypeSymbol? Particles { get; }
    public INamedTypeSymbol? Transforms { get; }
    public INamedTypeSymbol? Key { get; }
    public INamedTypeSymbol? GenAttribute { get; }
    public INamedTypeSymbol? RequiresSeedAttribute { get; }

    /// <summary>The attribute the generator puts on the factory of a [Gen] method without a GPU kernel form.</summary>
    public INamedTypeSymbol? NoKernelAttribute { get; }

    /// <summary>Why <paramref name="factory"/>'s method has no GPU kernel form (its <c>[NoKernel]</c> reason), or null when it has one.</summary>
    public string? NoKernelReason(IMethodSymbol factory) =>
        NoKernelAttribute is null ? null : factory.GetAttributes()
            .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, NoKernelAttribute))?
            .ConstructorArguments.FirstOrDefault().Value as string;

    /// <summary>Static inference entry points that draw their keys from the ambient stream (MH, importance sampling, SMC).</summary>
    public ImmutableArray<INamedTypeSymbol> InferenceLibraries { get; }

    /// <summary>Whether <paramref name="method"/> is one of the inference library's entry points.</summary>
    public bool IsInferenceEntryPoint(IMethodSymbol method) =>
        method.IsStatic && method.DeclaredAccessibility == Accessibility.Public
        && InferenceLibraries.Contains(method.ContainingType, SymbolEqualityComparer.Default);

    /// <summary>Whether <paramref name="symbol"/> is a method marked <c>[Gen]</c>.</summary>
    public bool IsGenMethod(ISymbol? symbol) =>
        GenAttribute is not null && symbol is IMethodSymbol method && HasAttribute(method.OriginalDefinition, GenAttribute);

    /// <summary>Whether <paramref name="parameter"/> is marked <c>[RequiresSeed]</c>.</summary>
    public bool RequiresSeed(IParameterSymbol? parameter) =>
        RequiresSeedAttribute is not null && parameter is not null && HasAttribute(parameter.OriginalDefinition, RequiresSeedAttribute);

    /// <summary><c>Transforms.Seed</c>: everything passed to it is seeded.</summary>
    public bool IsSeed(IMethodSymbol method) => method.Name == "Seed" && IsTransforms(method.ContainingType);

    /// <summary><c>Transforms.Jit</c> and its batched form: their arguments are checked at their own call site.</summary>
    public bool IsJit(IMethodSymbol method) => method.Name is "Jit" or "JitBatch" && IsTransforms(method.ContainingType);

    public bool IsGenerativeFunction(ITypeSymbol? type) => DerivesFrom(type, GenerativeFunction);
    public bool IsTrace(ITypeSymbol? type) => DerivesFrom(type, Trace);
    public bool IsParticles(ITypeSymbol? type) => DerivesFrom(type, Particles);

    /// <summary>Whether a delegate type takes a <see cref="Key"/> first (the shape <c>Seed(f)</c> returns).</summary>
    public bool TakesKeyFirst(ITypeSymbol? type) =>
        Key is not null
        && type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { Parameters.Length: > 0 } invoke }
        && SymbolEqualityComparer.Default.Equals(invoke.Parameters[0].Type, Key);

    private bool IsTransforms(INamedTypeSymbol? type) => Transforms is not null && SymbolEqualityComparer.Default.Equals(type, Transforms);

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? definition)
    {
        if (definition is null) return false;
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, definition)) return true;
        return false;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute) =>
        symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
}
