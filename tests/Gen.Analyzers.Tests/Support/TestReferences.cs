using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Gen.Analyzers.Tests.Support;

/// <summary>
/// What every test compilation references: .NET 10's reference assemblies (from Basic.Reference.Assemblies, no
/// download at test time) and Gen.Runtime.dll, as a consumer of the package sees it.
/// </summary>
internal static class TestReferences
{
    public static ReferenceAssemblies Framework { get; } = new("net10.0");

    public static void AddTo(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Gen.Key).Assembly.Location));
    }

    /// <summary>The usings every test source starts with.</summary>
    public const string Usings = """
        using System;
        using Gen;
        using static Gen.Distributions;
        using static Gen.Transforms;

        """;
}
