using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gen.Analyzers.Rules;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Gen.Analyzers.CodeFixes;

/// <summary>
/// "Wrap in Seed" for GEN001: rewrites <c>Jit(f)</c> to <c>Jit(Seed(f))</c>, so that the compiled function takes a
/// key per call. <c>Seed</c> is written the way the file can already see it (<c>Seed</c> under
/// <c>using static Gen.Transforms;</c>, else <c>Transforms.Seed</c> or the qualifier the call already uses), and
/// <c>using static Gen.Transforms;</c> is added when nothing else names it. Trivia around the argument is kept.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapInSeedCodeFix))]
public sealed class WrapInSeedCodeFix : CodeFixProvider
{
    /// <summary>The code action's title and equivalence key.</summary>
    public const string Title = "Wrap in Seed";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.UnseededJitId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(UnseededJitAnalyzer.WrapInSeedProperty, out var wrap) || wrap != "true") continue;
            if (ArgumentAt(root, diagnostic) is not { } expression) continue;
            context.RegisterCodeFix(
                CodeAction.Create(Title, cancellation => WrapAsync(context.Document, expression, cancellation), equivalenceKey: Title),
                diagnostic);
        }
    }

    private static ExpressionSyntax? ArgumentAt(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault() is { } argument && argument.Expression.Span == diagnostic.Location.SourceSpan
            ? argument.Expression
            : node as ExpressionSyntax;
    }

    private static async Task<Document> WrapAsync(Document document, ExpressionSyntax expression, CancellationToken cancellation)
    {
        var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellation).ConfigureAwait(false);
        if (root is null || model is null) return document;

        var (seed, needsUsing) = SeedName(model, expression, cancellation);
        if (NeedsTypeArguments(model, expression, cancellation) && SeedTypeArguments(model, expression, cancellation) is { } typeArguments)
            seed = WithTypeArguments(seed, typeArguments);
        var wrapped = InvocationExpression(seed, ArgumentList(SingletonSeparatedList(Argument(expression.WithoutTrivia()))))
            .WithTriviaFrom(expression);
        var newRoot = root.ReplaceNode(expression, wrapped);
        if (needsUsing && newRoot is CompilationUnitSyntax unit) newRoot = UsingStatic.Add(unit);
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>
    /// A method group or an implicitly typed lambda gives Seed nothing to infer its type arguments from; they are
    /// the unseeded parameter's <c>Func</c> type arguments.
    /// </summary>
    private static bool NeedsTypeArguments(SemanticModel model, ExpressionSyntax argument, CancellationToken cancellation) => argument switch
    {
        ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters.Any(p => p.Type is null),
        SimpleLambdaExpressionSyntax => true,
        AnonymousMethodExpressionSyntax => true,
        _ => model.GetTypeInfo(argument, cancellation).Type is null || model.GetSymbolInfo(argument, cancellation).Symbol is IMethodSymbol
            || model.GetSymbolInfo(argument, cancellation).CandidateSymbols.OfType<IMethodSymbol>().Any(),
    };

    private static TypeArgumentListSyntax? SeedTypeArguments(SemanticModel model, ExpressionSyntax argument, CancellationToken cancellation)
    {
        if (model.GetTypeInfo(argument, cancellation).ConvertedType is not INamedTypeSymbol { TypeKind: TypeKind.Delegate } func) return null;
        var position = argument.SpanStart;
        return TypeArgumentList(SeparatedList(func.TypeArguments.Select(t => ParseTypeName(t.ToMinimalDisplayString(model, position)))));
    }

    private static ExpressionSyntax WithTypeArguments(ExpressionSyntax seed, TypeArgumentListSyntax typeArguments) => seed switch
    {
        IdentifierNameSyntax name => GenericName(name.Identifier, typeArguments),
        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } access => access.WithName(GenericName(name.Identifier, typeArguments)),
        _ => seed,
    };

    /// <summary>How to write <c>Seed</c> at the argument, and whether <c>using static Gen.Transforms;</c> must be added.</summary>
    private static (ExpressionSyntax Name, bool NeedsUsing) SeedName(SemanticModel model, ExpressionSyntax argument, CancellationToken cancellation)
    {
        var transforms = model.Compilation.GetTypeByMetadataName("Gen.Transforms");
        var position = argument.SpanStart;

        // Transforms.Jit(f) / Gen.Transforms.Jit(f): reuse the qualifier the call already uses.
        if (argument.Parent?.Parent?.Parent is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression, cancellation).Symbol, transforms))
            return (MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression.WithoutTrivia(), IdentifierName("Seed")), false);

        var seed = model.GetSpeculativeSymbolInfo(position, IdentifierName("Seed"), SpeculativeBindingOption.BindAsExpression);
        var seedSymbols = seed.Symbol is { } symbol ? ImmutableArray.Create(symbol) : seed.CandidateSymbols;
        if (seedSymbols.Any(s => SymbolEqualityComparer.Default.Equals(s.ContainingType, transforms)))
            return (IdentifierName("Seed"), false);

        var type = model.GetSpeculativeSymbolInfo(position, IdentifierName("Transforms"), SpeculativeBindingOption.BindAsExpression);
        if (SymbolEqualityComparer.Default.Equals(type.Symbol, transforms))
            return (MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName("Transforms"), IdentifierName("Seed")), false);

        if (seedSymbols.IsEmpty) return (IdentifierName("Seed"), true);

        // Something else is called Seed here: name ours in full.
        return (MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParseName("global::Gen.Transforms"), IdentifierName("Seed")), false);
    }
}
