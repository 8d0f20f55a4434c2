using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Gen.Generators.Models;

/// <summary>A callee's declaration a model's kernel analysis read: the method <paramref name="Method"/> of the type <paramref name="Type"/> (a metadata name), as written.</summary>
internal sealed record BodyDependency(string Type, string Method, string Text)
{
    /// <summary>Whether <paramref name="compilation"/> still declares the method with this text (no binding: a syntax lookup).</summary>
    public bool Holds(Compilation compilation, CancellationToken cancellation) =>
        compilation.GetTypeByMetadataName(Type) is { } type
        && type.GetMembers(Method).OfType<IMethodSymbol>().Any(m => m.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellation).ToString() == Text));
}
