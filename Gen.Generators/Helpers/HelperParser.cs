using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gen.Diagnostics;
using Gen.Generators.Ir;
using Gen.Generators.Models;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Helpers;

/// <summary>
/// Parses a [Differentiable] helper into its Real overload: the body rewritten over <c>Real</c> numbers with its double
/// parameters active, as a gradient body's plain computation is. A helper outside the differentiable subset still
/// gets an overload (so every model calling it compiles), one that throws with the reason, and GEN016 names it.
/// </summary>
internal static class HelperParser
{
    private static readonly Dictionary<InvocationExpressionSyntax, SiteShape> NoSites = new();

    public static HelperResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        try
        {
            return TryParse(context, cancellation);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            return new HelperResult(null, new[] { DiagnosticInfo.Create(Descriptors.InternalError, context.TargetNode.GetLocation(), "source generator",
                exception.GetType().Name + ": " + exception.Message) }.ToEquatableArray());
        }
    }

    private static HelperResult TryParse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        if (context.TargetNode is not MethodDeclarationSyntax syntax || context.TargetSymbol is not IMethodSymbol method || syntax.Identifier.IsMissing)
            return new HelperResult(null, EquatableArray<DiagnosticInfo>.Empty);
        if (DifferentiableHelpers.Ineligible(method) is { } why)
            return new HelperResult(null, new[] { DiagnosticInfo.Create(Descriptors.NotDifferentiable, syntax.Identifier.GetLocation(), method.Name, why) }.ToEquatableArray());

        SyntaxNode body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!;
        var differentiation = new Differentiation(context.SemanticModel, NoSites, body, "double", IrLowering.RealParameters(method)) { KeepsReturns = true };
        differentiation.Validate(body);
        string? text = null;
        var obstacle = differentiation.Obstacle;
        var location = differentiation.ObstacleLocation;
        if (obstacle is null)
        {
            cancellation.ThrowIfCancellationRequested();
            text = new RealRewriter(differentiation, context.SemanticModel).Visit(body)!.NormalizeWhitespace().ToFullString();
            // The gradient's reused arrays live in a gradient body, not in a helper.
            if (text.Contains(Emit.Names.Gradient))
            {
                (text, obstacle, location) = (null, "it creates an array of continuous values (create it in the [Gen] body and pass its elements)",
                    LocationInfo.From(syntax.Identifier.GetLocation()));
            }
        }
        var diagnostics = obstacle is null
            ? EquatableArray<DiagnosticInfo>.Empty
            : new[] { new DiagnosticInfo(Descriptors.NotDifferentiableId, location, new[] { method.Name, obstacle }.ToEquatableArray()) }.ToEquatableArray();

        var parameters = method.Parameters.Select(p =>
            (p.Type.SpecialType == SpecialType.System_Double ? Differentiation.Real : TypeNames.FullyQualified(p.Type)) + " " + GenMethodParser.Identifier(p.Name)
            + (p.HasExplicitDefaultValue ? " = " + GenMethodParser.DefaultValue(p) : ""));
        var model = new HelperModel(
            method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString(),
            GenMethodParser.ContainingTypes(syntax).ToEquatableArray(),
            GenMethodParser.Usings(syntax, context.SemanticModel).ToEquatableArray(),
            method.Name,
            GenMethodParser.UniqueName(method),
            GenMethodParser.Accessibility(method.DeclaredAccessibility),
            method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
            string.Join(", ", parameters),
            text,
            obstacle);
        return new HelperResult(model, diagnostics);
    }
}
