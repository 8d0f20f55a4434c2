using System;
using System.Collections.Immutable;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Common;

/// <summary>
/// What every Gen analyzer shares: concurrent execution, generated code skipped, nothing to do in a compilation
/// that does not reference Gen.Runtime, and callbacks that never throw. An unexpected exception in a callback is
/// reported as GEN000 at the code being analysed instead of failing the build (the compiler would otherwise
/// report AD0001 and drop the analyzer).
/// </summary>
public abstract class GenAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<DiagnosticDescriptor> _supported;

    /// <summary>Creates an analyzer for <paramref name="rule"/> (GEN000 is always supported too).</summary>
    protected GenAnalyzer(DiagnosticDescriptor rule)
    {
        Rule = rule;
        _supported = ImmutableArray.Create(rule, Descriptors.InternalError);
    }

    /// <summary>The rule this analyzer reports.</summary>
    protected DiagnosticDescriptor Rule { get; }

    /// <summary>Test hook: runs inside every guarded callback, so a test can make one throw and see GEN000.</summary>
    internal Action<IOperation>? FaultInjection { get; set; }

    /// <summary>Test hook: runs inside every guarded syntax-node callback, so a test can make one throw and see GEN000.</summary>
    internal Action<SyntaxNode>? SyntaxFaultInjection { get; set; }

    /// <inheritdoc />
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _supported;

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            GenSymbols? symbols;
            try
            {
                symbols = GenSymbols.TryCreate(start.Compilation);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                start.RegisterCompilationEndAction(end => end.ReportDiagnostic(InternalError(null, exception)));
                return;
            }
            if (symbols is not null) Register(start, symbols);
        });
    }

    /// <summary>Registers the rule's callbacks for a compilation that references Gen.Runtime.</summary>
    private protected abstract void Register(CompilationStartAnalysisContext context, GenSymbols symbols);

    /// <summary><paramref name="action"/>, made never to throw: a failure becomes GEN000 at the operation.</summary>
    protected Action<OperationAnalysisContext> Guard(Action<OperationAnalysisContext> action) => context =>
    {
        try
        {
            FaultInjection?.Invoke(context.Operation);
            action(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(InternalError(context.Operation.Syntax.GetLocation(), exception));
        }
    };

    /// <summary><paramref name="action"/>, made never to throw: a failure becomes GEN000 at the block's owner.</summary>
    protected Action<OperationBlockStartAnalysisContext> Guard(Action<OperationBlockStartAnalysisContext> action) => context =>
    {
        try
        {
            action(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var location = context.OwningSymbol.Locations.IsEmpty ? null : context.OwningSymbol.Locations[0];
            context.RegisterOperationBlockEndAction(end => end.ReportDiagnostic(InternalError(location, exception)));
        }
    };

    /// <summary>
    /// <paramref name="action"/>, made never to throw: a failure becomes GEN000 at the node (at its name, for a
    /// declaration).
    /// </summary>
    protected Action<SyntaxNodeAnalysisContext> Guard(Action<SyntaxNodeAnalysisContext> action) => context =>
    {
        try
        {
            SyntaxFaultInjection?.Invoke(context.Node);
            action(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var location = context.Node is MethodDeclarationSyntax method ? method.Identifier.GetLocation() : context.Node.GetLocation();
            context.ReportDiagnostic(InternalError(location, exception));
        }
    };

    private Diagnostic InternalError(Location? location, Exception exception) =>
        Diagnostic.Create(Descriptors.InternalError, location, $"analyzer {Rule.Id} ({GetType().Name})",
            $"{exception.GetType().Name}: {exception.Message}");
}
