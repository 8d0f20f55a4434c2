using System;
using System.Linq;

namespace Gen.Generators.Ir;

/// <summary>
/// Prints the C# of the IR's expression nodes around sample sites; each emitter (C#, the IR printer) says how a site
/// and plain text print through <c>leaf</c>, which also prints the node's children.
/// </summary>
internal static class IrExpressionText
{
    public static string Print(IrExpr expression, Func<IrExpr, string> leaf) => expression switch
    {
        IrBinary binary => $"{leaf(binary.Left)} {binary.Operator} {leaf(binary.Right)}",
        IrUnary unary => unary.Postfix ? leaf(unary.Operand) + unary.Operator : unary.Operator + leaf(unary.Operand),
        IrConditional conditional => $"{leaf(conditional.Condition)} ? {leaf(conditional.WhenTrue)} : {leaf(conditional.WhenFalse)}",
        IrAssign assign => $"{leaf(assign.Target)} {assign.Operator} {leaf(assign.Value)}",
        IrInvoke invoke => $"{leaf(invoke.Callee)}({Arguments(invoke.Arguments, leaf)})",
        IrMember member => $"{leaf(member.Receiver)}.{member.Name}",
        IrElement element => $"{leaf(element.Receiver)}[{Arguments(element.Arguments, leaf)}]",
        IrParenthesized parenthesized => $"({leaf(parenthesized.Inner)})",
        IrCast cast => $"({cast.Type}){leaf(cast.Operand)}",
        IrComposite composite => string.Concat(composite.Parts.Select(leaf)),
        _ => leaf(expression),
    };

    private static string Arguments(Models.EquatableArray<IrArgument> arguments, Func<IrExpr, string> leaf) =>
        string.Join(", ", arguments.Select(a => a.Prefix + leaf(a.Value)));
}
