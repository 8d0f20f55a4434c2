using Gen.Generators.Models;

namespace Gen.Generators.Helpers;

/// <summary>
/// A [Differentiable] helper's Real overload, as plain values: where it goes, its signature over <c>Real</c>, and
/// its body rewritten for <c>Real</c> numbers (or, when the helper is outside the differentiable subset, the reason its
/// overload throws).
/// </summary>
internal sealed record HelperModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    EquatableArray<string> Usings,
    string Name,
    string UniqueName,
    string Accessibility,
    string Signature,
    string Parameters,
    string? Body,
    string? Obstacle);

/// <summary>What parsing one [Differentiable] method produced: an overload to emit (if any) and diagnostics.</summary>
internal sealed record HelperResult(HelperModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
