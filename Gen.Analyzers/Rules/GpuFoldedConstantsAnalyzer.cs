using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN018: two constants in one floating-point expression of a <c>[Gen]</c> body that ILGPU's IR builder folds into
/// one when the body runs on a GPU — <c>(x + c1) + c2</c>, <c>(x - c1) - c2</c>, <c>(x * c1) * c2</c> (neither a
/// power of two) and <c>c1 - (c2 - x)</c> — so the GPU rounds differently from the CPU. Methods the generator gave no
/// kernel form (<c>[NoKernel]</c> on their factory) never run there and are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GpuFoldedConstantsAnalyzer : GenAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public GpuFoldedConstantsAnalyzer() : base(Descriptors.GpuFoldedConstants) { }

    /// <inheritdoc />
    private protected override void Register(CompilationStartAnalysisContext context, GenSymbols symbols)
    {
        context.RegisterOperationBlockStartAction(Guard((OperationBlockStartAnalysisContext block) =>
        {
            if (!symbols.IsGenMethod(block.OwningSymbol) || HasNoKernel((IMethodSymbol)block.OwningSymbol, symbols)) return;
            // The builder works on SSA values: a local assigned once is its value (var w = 1.0 - half; … 1.0 - w folds).
            var locals = new Lazy<Dictionary<ILocalSymbol, IOperation>>(() => SingleAssignments(block.OperationBlocks));
            block.RegisterOperationAction(Guard(c =>
            {
                var outer = (IBinaryOperation)c.Operation;
                if (new Folding(locals.Value).Folds(outer)) c.ReportDiagnostic(Diagnostic.Create(Rule, outer.Syntax.GetLocation(), outer.Syntax.ToString()));
            }), OperationKind.Binary);
        }));
    }

    /// <summary>Whether the method's generated factory (<c>NameGen</c>) says it has no kernel form.</summary>
    private static bool HasNoKernel(IMethodSymbol method, GenSymbols symbols) =>
        method.ContainingType.GetMembers(method.Name + "Gen").OfType<IMethodSymbol>().Any(factory => symbols.NoKernelReason(factory) is not null);

    /// <summary>The folds of one method's operations, given its locals that are assigned once.</summary>
    private readonly struct Folding(Dictionary<ILocalSymbol, IOperation> values)
    {
        /// <summary>Whether ILGPU's builder would fold <paramref name="outer"/>'s constant with its operand's.</summary>
        public bool Folds(IBinaryOperation outer)
        {
            if (!IsFloatingPoint(outer.Type) || outer.ConstantValue.HasValue) return false; // all constants: C# folds it itself
            switch (outer.OperatorKind)
            {
                case BinaryOperatorKind.Add:
                case BinaryOperatorKind.Multiply:
                    // Commutative: the builder moves a constant to the right, then folds it into a right-hand constant of the
                    // same operation on the left.
                    IOperation inner;
                    double constant;
                    if (Constant(outer.RightOperand) is { } right) (inner, constant) = (Resolve(outer.LeftOperand), right);
                    else if (Constant(outer.LeftOperand) is { } left) (inner, constant) = (Resolve(outer.RightOperand), left);
                    else return false;
                    if (inner is not IBinaryOperation nested || nested.OperatorKind != outer.OperatorKind || !IsFloatingPoint(nested.Type)) return false;
                    if ((Constant(nested.RightOperand) ?? Constant(nested.LeftOperand)) is not { } other) return false;
                    return outer.OperatorKind == BinaryOperatorKind.Add || !(IsPowerOfTwo(constant) || IsPowerOfTwo(other));
                case BinaryOperatorKind.Subtract:
                    // (x - c1) - c2, and c1 - (c2 - x).
                    if (Constant(outer.RightOperand) is not null)
                        return Resolve(outer.LeftOperand) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } before
                            && IsFloatingPoint(before.Type) && Constant(before.RightOperand) is not null && Constant(before.LeftOperand) is null;
                    return Constant(outer.LeftOperand) is not null
                        && Resolve(outer.RightOperand) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } after
                        && IsFloatingPoint(after.Type) && Constant(after.LeftOperand) is not null && Constant(after.RightOperand) is null;
                default:
                    return false;
            }
        }

        /// <summary>The operand's value when it is a compile-time constant (a literal or a const, converted or not).</summary>
        private double? Constant(IOperation operand) => Resolve(operand).ConstantValue is { HasValue: true, Value: var value } ? value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            _ => null,
        } : null;

        /// <summary>The operation a value is: implicit conversions stripped, a local assigned once replaced by its value.</summary>
        private IOperation Resolve(IOperation operation)
        {
            for (var depth = 0; depth < 16; depth++) // a chain of copies is short; a bound keeps a cycle finite
            {
                while (operation is IConversionOperation { IsImplicit: true } conversion) operation = conversion.Operand;
                if (operation is not ILocalReferenceOperation local || !values.TryGetValue(local.Local, out var value)) return operation;
                operation = value;
            }
            return operation;
        }

        private static bool IsFloatingPoint(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;
    }

    /// <summary>The method's locals that are assigned once, by their declaration, each with its value.</summary>
    private static Dictionary<ILocalSymbol, IOperation> SingleAssignments(ImmutableArray<IOperation> blocks)
    {
        var values = new Dictionary<ILocalSymbol, IOperation>(SymbolEqualityComparer.Default);
        var written = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in blocks.SelectMany(b => b.DescendantsAndSelf()))
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator when declarator.Symbol.RefKind == RefKind.None:
                    values[declarator.Symbol] = initializer.Value;
                    break;
                case IAssignmentOperation assignment: // =, op=, ??=, and a deconstruction's targets
                    foreach (var target in assignment.Target.DescendantsAndSelf().OfType<ILocalReferenceOperation>()) written.Add(target.Local);
                    break;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation counter }:
                    written.Add(counter.Local);
                    break;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation passed }:
                    written.Add(passed.Local);
                    break;
            }
        }
        foreach (var local in written) values.Remove(local);
        return values;
    }

    private static bool IsPowerOfTwo(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value)) return false;
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        return (bits & 0x000F_FFFF_FFFF_FFFFL) == 0 && (bits >> 52) != 0; // a normal number whose significand is 1
    }
}
