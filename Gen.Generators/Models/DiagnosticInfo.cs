using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Gen.Generators.Models;

/// <summary>A location without the syntax tree it came from, so it can live in a cached pipeline value.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxNode node) => From(node.GetLocation());
}

/// <summary>A diagnostic to report, held as plain values (descriptor id, location, message arguments).</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] arguments) =>
        new(descriptor.Id, LocationInfo.From(node), arguments.ToEquatableArray());

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor.Id, LocationInfo.From(location), arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Gen.Diagnostics.Descriptors.ById(Id), Location?.ToLocation(), System.Linq.Enumerable.ToArray<object>(Arguments));
}
