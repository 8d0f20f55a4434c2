using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Models;

/// <summary>
/// What a caller's kernel analysis took from a callee: the [Gen] method <paramref name="Name"/> (<paramref name="Unique"/>
/// among its overloads, as the generator names them) of the type <paramref name="Type"/> (a metadata name) was outside the kernel subset for
/// <paramref name="Obstacle"/>, or ran on the host only for <paramref name="OnHost"/> (both null: in the subset). The
/// caller's result holds while the callee's analysis says the same, however its body was edited.
/// </summary>
internal sealed record BodyDependency(string Type, string Name, string Unique, string? Obstacle, string? OnHost)
{
    /// <summary>
    /// Whether the callee's result that <paramref name="parsed"/> gives for <paramref name="compilation"/> (the cache's,
    /// without lowering anything) still says the same; false where there is none.
    /// </summary>
    public bool Holds(Compilation compilation, Func<Compilation, MethodDeclarationSyntax, CancellationToken, ParseResult?> parsed, CancellationToken cancellation)
    {
        if (compilation.GetTypeByMetadataName(Type) is not { } type) return false;
        foreach (var method in type.GetMembers(Name).OfType<IMethodSymbol>())
        {
            if (Parsing.GenMethodParser.UniqueName(method) != Unique || method.DeclaringSyntaxReferences.Length != 1) continue;
            return method.DeclaringSyntaxReferences[0].GetSyntax(cancellation) is MethodDeclarationSyntax syntax
                && parsed(compilation, syntax, cancellation) is { Model: { } model }
                && model.KernelObstacle == Obstacle && model.DeviceObstacle == OnHost;
        }
        return false;
    }
}
