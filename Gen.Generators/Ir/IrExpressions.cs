using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>
/// An expression of the sample-primitive IR. Expressions without sample sites are plain computation
/// (<see cref="IrText"/>, as written). An expression with sites inside is lowered along its syntax, node by node, down
/// to the sites, so C# evaluation order (left to right, short-circuits, conditional arms) is kept exactly.
/// </summary>
internal abstract record IrExpr;

/// <summary>
/// Plain computation with no sample site, as written; <see cref="Gradient"/> is its text in the gradient body where that
/// differs (a call of <c>Math.Exp</c> on a value that depends on continuous choices becomes <c>RealMath.Exp</c>).
/// </summary>
internal sealed record IrText(string Text, string? Gradient = null) : IrExpr
{
    public string GradientText => Gradient ?? Text;
}

/// <summary><c>Left Operator Right</c>, including the short-circuit <c>&amp;&amp;</c>, <c>||</c> and <c>??</c>.</summary>
internal sealed record IrBinary(IrExpr Left, string Operator, IrExpr Right) : IrExpr;

/// <summary>A prefix (<c>-x</c>, <c>!x</c>, <c>++x</c>) or postfix (<c>x++</c>) operator.</summary>
internal sealed record IrUnary(string Operator, IrExpr Operand, bool Postfix) : IrExpr;

/// <summary><c>Condition ? WhenTrue : WhenFalse</c>: only one arm runs.</summary>
internal sealed record IrConditional(IrExpr Condition, IrExpr WhenTrue, IrExpr WhenFalse) : IrExpr;

/// <summary><c>Target Operator Value</c> with <c>=</c> or a compound operator.</summary>
internal sealed record IrAssign(IrExpr Target, string Operator, IrExpr Value) : IrExpr;

/// <summary>A call of a method that is not a sample site (a helper, <c>Math.Exp</c>, …) with sites in its receiver or arguments.</summary>
internal sealed record IrInvoke(IrExpr Callee, EquatableArray<IrArgument> Arguments) : IrExpr;

/// <summary>An argument as written: its name (<c>x: </c>), ref kind (<c>ref </c>) and value.</summary>
internal sealed record IrArgument(string Prefix, IrExpr Value);

/// <summary><c>Receiver.Name</c></summary>
internal sealed record IrMember(IrExpr Receiver, string Name) : IrExpr;

/// <summary><c>Receiver[Arguments]</c></summary>
internal sealed record IrElement(IrExpr Receiver, EquatableArray<IrArgument> Arguments) : IrExpr;

/// <summary><c>(Inner)</c>: parentheses as written.</summary>
internal sealed record IrParenthesized(IrExpr Inner) : IrExpr;

/// <summary><c>(Type)Operand</c>; <see cref="KeepsGradient"/>: a cast to <c>double</c> of a value that depends on continuous choices, dropped in the gradient body.</summary>
internal sealed record IrCast(string Type, IrExpr Operand, bool KeepsGradient = false) : IrExpr;

/// <summary>
/// Any other expression with sites inside (object and array creation, initializers, collection expressions, tuples,
/// switch expressions): its syntax children in order, tokens as written (with their spacing), the child
/// expressions that hold sites lowered in place.
/// </summary>
internal sealed record IrComposite(string Kind, EquatableArray<IrExpr> Parts) : IrExpr;
