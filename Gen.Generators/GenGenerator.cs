using Gen.Generators.Emit;
using Gen.Generators.Models;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators;

/// <summary>
/// Compiles each <c>[Gen]</c> method into a specialised generative function. The pipeline reads as a table of
/// contents: parse each method into an equatable model (with its IR), report diagnostics on their own branch,
/// emit one source file per method.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GenGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps (asserted by the incremental-caching tests).</summary>
    public static class Steps
    {
        public const string Parse = nameof(Parse);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Models = nameof(Models);
        public const string Helpers = nameof(Helpers);
    }

    /// <summary>Test hook: told the name of each [Gen] method parsed (not answered from the parse cache).</summary>
    internal System.Action<string>? Parsed { get; set; }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Roslyn re-runs this step for every [Gen] method on each new compilation; the cache (one per pipeline, so per
        // driver) answers for the methods an edit cannot have changed, so a keystroke lowers only what it touched.
        var cache = new ParseCache(name => Parsed?.Invoke(name));
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Gen.GenAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                (syntax, cancellation) => cache.Parse(syntax, cancellation))
            .WithTrackingName(Steps.Parse);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(Steps.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, found) =>
        {
            foreach (var diagnostic in found) output.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        var models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(Steps.Models);
        context.RegisterSourceOutput(models, static (output, model) => Emit(output, model));

        // [Differentiable] helpers: each gets an overload over Real numbers, which gradient bodies call.
        var helpers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Helpers.DifferentiableHelpers.AttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntax, cancellation) => Helpers.HelperParser.Parse(syntax, cancellation))
            .WithTrackingName(Steps.Helpers);
        context.RegisterSourceOutput(helpers, static (output, helper) =>
        {
            foreach (var diagnostic in helper.Diagnostics) output.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (helper.Model is not { } model) return;
            try
            {
                output.AddSource(Helpers.HelperEmitter.HintName(model), Helpers.HelperEmitter.Emit(model));
            }
            catch (System.Exception exception)
            {
                output.ReportDiagnostic(Diagnostic.Create(Gen.Diagnostics.Descriptors.InternalError, null, "source generator",
                    $"emitting the Real overload of {model.Name}: {exception.GetType().Name}: {exception.Message}"));
            }
        });
    }

    private static void Emit(SourceProductionContext output, GenMethodModel model)
    {
        try
        {
            output.AddSource(SourceEmitter.HintName(model), SourceEmitter.Emit(model));
        }
        catch (System.Exception exception)
        {
            output.ReportDiagnostic(Diagnostic.Create(Gen.Diagnostics.Descriptors.InternalError, null, "source generator",
                $"emitting {model.Name}: {exception.GetType().Name}: {exception.Message}"));
        }
    }
}
