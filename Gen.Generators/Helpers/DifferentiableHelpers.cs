using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Helpers;

/// <summary>
/// Which methods are [Differentiable] helpers a gradient body may call with continuous values: both the helper's own
/// pipeline (which adds its Real overload) and a model's differentiation (which lets the call through) ask here, so
/// a model calls only helpers that get an overload. Every rule is about the declaration, never the body, so a
/// model's cached lowering stays right while a helper's body is edited.
/// </summary>
internal static class DifferentiableHelpers
{
    public const string AttributeName = "Gen.DifferentiableAttribute";

    public static bool IsMarked(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeName);

    /// <summary>A marked helper that gets a Real overload: a model's gradient body may call it with continuous values.</summary>
    public static bool Accepts(IMethodSymbol method) => IsMarked(method) && Ineligible(method) is null;

    /// <summary>Why a marked method cannot get a Real overload (its declaration), or null.</summary>
    public static string? Ineligible(IMethodSymbol method)
    {
        if (!method.IsStatic) return "it is an instance method (a helper is static)";
        if (method.IsGenericMethod) return "it is generic";
        if (method.ReturnType.SpecialType != SpecialType.System_Double || method.ReturnsByRef || method.ReturnsByRefReadonly)
            return $"it returns {method.ReturnType.ToDisplayString()}, not double";
        // The Real overload replaces the double parameters' type: without one it would repeat the method's own signature.
        if (!method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_Double))
            return "it has no double parameter (its Real overload would have the method's own signature; pass the elements as doubles)";
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams) return $"its parameter '{parameter.Name}' is ref, out, in or params";
            if (parameter.Type.SpecialType == SpecialType.System_Double && parameter.HasExplicitDefaultValue)
                return $"its double parameter '{parameter.Name}' has a default value (the Real overload cannot have one)";
            if (parameter.Type.ToDisplayString() == "Gen.Internal.Real") return $"its parameter '{parameter.Name}' is a Real already";
        }
        if (method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Gen.GenAttribute")) return "it is a [Gen] method too";
        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not MethodDeclarationSyntax syntax
            || syntax.Body is null && syntax.ExpressionBody is null)
            return "it has no body in this project's source";
        if (syntax.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)) is { } type)
            return $"its type '{type.Identifier.ValueText}' is not partial (the overload is added to it)";
        return null;
    }
}
