using System.Collections.Generic;
using System.Linq;
using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN017: a [Gen] method without a GPU kernel form passed to a GPU API (<c>model.ImportanceK(n, constraints, gpu)</c>,
/// or returned by the model lambda of <c>ParticleFilter.Run(t =&gt; ModelGen(t + 1), observations, n, gpu)</c>).
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
        var device = context.Compilation.GetTypeByMetadataName("Gen.Gpu.GpuDevice");
        var request = context.Compilation.GetTypeByMetadataName("Gen.EditRequest");
        if (device is null || symbols.NoKernelAttribute is null) return;
        context.RegisterOperationAction(Guard(c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            // A GPU API: a method of the GPU assembly that takes the device (ImportanceK, Edit, ParticleFilter.Run).
            var method = invocation.TargetMethod;
            if (invocation.Arguments.Length == 0 || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, device.ContainingAssembly)
                || !method.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, device))) return;
            // The model: the first argument, made by a generated factory, or a lambda returning one (a filter's t => ModelGen(t + 1));
            // and an edit request's new call (particles.Edit(EditRequest.Update(ModelGen(2), …), gpu)).
            var models = Models(invocation.Arguments[0].Value).Concat(invocation.Arguments.Skip(1).SelectMany(a => NewCalls(a.Value, request)));
            foreach (var (factory, at) in models)
            {
                if (symbols.NoKernelReason(factory) is not { } reason) continue;
                var name = factory.Name.EndsWith("Gen", System.StringComparison.Ordinal) ? factory.Name.Substring(0, factory.Name.Length - 3) : factory.Name;
                c.ReportDiagnostic(Diagnostic.Create(Rule, at.GetLocation(), name, reason));
            }
        }), OperationKind.Invocation);
    }

    /// <summary>
    /// The factories that make the model, each with where to report it: the argument's call, the calls a lambda argument
    /// returns, or for a method group the method itself when it is a factory, else the calls its method returns when it is
    /// declared in the same file (reported at the argument, the GPU call's own place).
    /// </summary>
    private static IEnumerable<(IMethodSymbol Factory, SyntaxNode At)> Models(IOperation argument)
    {
        var value = Unwrap(argument);
        if (value is not IDelegateCreationOperation creation) return At(Calls(value));
        if (creation.Target is IAnonymousFunctionOperation lambda) return At(Returned(lambda.Body));
        if (creation.Target is not IMethodReferenceOperation { Method: var method }) return [];
        IEnumerable<(IMethodSymbol, SyntaxNode)> self = [(method, argument.Syntax)];
        if (argument.SemanticModel is not { } model) return self;
        return self.Concat(method.DeclaringSyntaxReferences
            .Where(reference => reference.SyntaxTree == model.SyntaxTree)
            .Select(reference => model.GetOperation(reference.GetSyntax()))
            .Where(body => body is not null)
            .SelectMany(body => Returned(body!))
            .Select(call => (call.TargetMethod, argument.Syntax)));
    }

    private static IEnumerable<(IMethodSymbol Factory, SyntaxNode At)> At(IEnumerable<IInvocationOperation> calls) =>
        calls.Select(call => (call.TargetMethod, call.Syntax));

    /// <summary>The new call of an edit request made in place (<c>EditRequest.Update(ModelGen(2), constraints)</c>), if any.</summary>
    private static IEnumerable<(IMethodSymbol Factory, SyntaxNode At)> NewCalls(IOperation argument, INamedTypeSymbol? request) =>
        Unwrap(argument) is IInvocationOperation { Arguments.Length: 2 } made && request is not null
        && SymbolEqualityComparer.Default.Equals(made.TargetMethod.ContainingType, request) && made.TargetMethod.IsGenericMethod
            ? At(Calls(made.Arguments[0].Value))
            : [];

    /// <summary>The calls <paramref name="body"/> returns, not counting those of functions nested in it.</summary>
    private static IEnumerable<IInvocationOperation> Returned(IOperation body)
    {
        foreach (var child in body.ChildOperations)
        {
            if (child is IAnonymousFunctionOperation or ILocalFunctionOperation) continue;
            if (child is IReturnOperation { ReturnedValue: { } returned })
            {
                foreach (var call in Calls(returned)) yield return call;
                continue;
            }
            foreach (var inner in Returned(child)) yield return inner;
        }
    }

    /// <summary>The calls a value is: itself, or either branch of a conditional.</summary>
    private static IEnumerable<IInvocationOperation> Calls(IOperation value) => Unwrap(value) switch
    {
        IInvocationOperation call => [call],
        IConditionalOperation { WhenFalse: { } otherwise } conditional => Calls(conditional.WhenTrue).Concat(Calls(otherwise)),
        _ => [],
    };

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion) operation = conversion.Operand;
        return operation;
    }
}
