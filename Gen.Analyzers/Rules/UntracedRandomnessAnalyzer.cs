using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN003: randomness inside a <c>[Gen]</c> body that the trace does not record: <c>System.Random</c> (its
/// constructor, <c>Random.Shared</c>, every draw on an instance), <c>Guid.NewGuid</c>/<c>Guid.CreateVersion7</c>
/// and <c>RandomNumberGenerator</c>. The whole body counts, lambdas and local functions included: untraced
/// randomness there is just as invisible to inference.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UntracedRandomnessAnalyzer : GenAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public UntracedRandomnessAnalyzer() : base(Descriptors.UntracedRandomness) { }

    /// <inheritdoc />
    private protected override void Register(CompilationStartAnalysisContext context, GenSymbols symbols)
    {
        var random = context.Compilation.GetTypeByMetadataName("System.Random");
        var guid = context.Compilation.GetTypeByMetadataName("System.Guid");
        var cryptographic = context.Compilation.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator");
        if (random is null && guid is null && cryptographic is null) return;

        context.RegisterOperationBlockStartAction(Guard((OperationBlockStartAnalysisContext block) =>
        {
            if (!symbols.IsGenMethod(block.OwningSymbol)) return;
            block.RegisterOperationAction(Guard(c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (DerivesFrom(creation.Type, random) || DerivesFrom(creation.Type, cryptographic))
                    Report(c, $"new {creation.Type!.Name}(...)");
            }), OperationKind.ObjectCreation);
            block.RegisterOperationAction(Guard(c =>
            {
                var property = ((IPropertyReferenceOperation)c.Operation).Property;
                if (property.IsStatic && DerivesFrom(property.ContainingType, random) && property.Name == "Shared")
                    Report(c, "Random.Shared");
            }), OperationKind.PropertyReference);
            block.RegisterOperationAction(Guard(c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                var method = invocation.TargetMethod;
                if (DerivesFrom(method.ContainingType, random))
                {
                    // Random.Shared.Next() and new Random().Next() are reported once, at their source.
                    if (!method.IsStatic && !IsReportedSource(invocation.Instance, random))
                        Report(c, $"Random.{method.Name}");
                }
                else if (guid is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, guid) && method.Name is "NewGuid" or "CreateVersion7")
                {
                    Report(c, $"Guid.{method.Name}");
                }
                else if (DerivesFrom(method.ContainingType, cryptographic) && !IsReportedSource(invocation.Instance, cryptographic))
                {
                    Report(c, $"{method.ContainingType.Name}.{method.Name}");
                }
            }), OperationKind.Invocation);
        }));
    }

    private void Report(OperationAnalysisContext context, string what) =>
        context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), what));

    private static bool IsReportedSource(IOperation? instance, INamedTypeSymbol? type) => instance switch
    {
        IObjectCreationOperation => true,
        IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Shared" } property } => DerivesFrom(property.ContainingType, type),
        IInvocationOperation { TargetMethod.IsStatic: true } create => DerivesFrom(create.TargetMethod.ContainingType, type),
        _ => false,
    };

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? definition)
    {
        if (definition is null) return false;
        for (var current = type; current is not null; current = current.BaseType)
            if (SymbolEqualityComparer.Default.Equals(current, definition)) return true;
        return false;
    }
}
