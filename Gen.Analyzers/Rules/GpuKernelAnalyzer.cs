using System.Linq;
using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN017: a [Gen] method without a GPU kernel form passed to a GPU API (<c>model.ImportanceK(n, constraints, gpu)</c>).
/// The generator marks such a method's factory <c>[NoKernel(reason)]</c>; this reports the call with the reason, where
/// the call would throw <c>NotSupportedException</c> at run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GpuKernelAnalyzer : GenAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public GpuKernelAnalyzer() : base(Descriptors.NotKernel) { }

    /// <inheritdoc />
    private protected override void Register(CompilationStartAnalysisContext context, GenSymbols symbols)
    {
        var gpu = context.Compilation.GetTypeByMetadataName("Gen.Gpu.GpuInference");
        var noKernel = context.Compilation.GetTypeByMetadataName("Gen.Internal.NoKernelAttribute");
        if (gpu is null || noKernel is null) return;
        context.RegisterOperationAction(Guard(c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, gpu) || invocation.Arguments.Length == 0) return;
            // The model: the extension's first argument, made by a generated factory.
            if (Unwrap(invocation.Arguments[0].Value) is not IInvocationOperation { TargetMethod: var factory } model) return;
            var reason = factory.GetAttributes()
                .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, noKernel))?
                .ConstructorArguments.FirstOrDefault().Value as string;
            if (reason is null) return;
            var name = factory.Name.EndsWith("Gen", System.StringComparison.Ordinal) ? factory.Name.Substring(0, factory.Name.Length - 3) : factory.Name;
            c.ReportDiagnostic(Diagnostic.Create(Rule, model.Syntax.GetLocation(), name, reason));
        }), OperationKind.Invocation);
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion) operation = conversion.Operand;
        return operation;
    }
}
