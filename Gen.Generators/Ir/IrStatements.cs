using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>
/// A statement of the sample-primitive IR. One node kind per concept: plain computation (<see cref="IrCode"/>, a
/// statement without sample sites, kept as written), let, evaluation, branch, loop and return; choices and traced
/// calls are expressions (<see cref="IrChoice"/>, <see cref="IrTracedCall"/>).
/// </summary>
internal abstract record IrStatement;

/// <summary>
/// Plain computation: a statement with no sample site, as written. <see cref="Reindent"/>: its lines may be
/// re-indented (false when a string literal spans lines, whose text indentation would change).
/// </summary>
internal sealed record IrCode(string Text, bool Reindent, string? Gradient = null, string? Kernel = null) : IrStatement
{
    /// <summary>The statement in the gradient body (see <see cref="IrText.Gradient"/>).</summary>
    public string GradientText => Gradient ?? Text;

    /// <summary>The statement in the kernel form, where each <c>return</c> also hands the particle's state back.</summary>
    public string KernelText => Kernel ?? Text;
}

/// <summary><c>{ ... }</c></summary>
internal sealed record IrBlock(EquatableArray<IrStatement> Statements) : IrStatement;

/// <summary>
/// A let: a local declaration such as <c>var slope = ...;</c>. <see cref="DisplayType"/> is the resolved type, for
/// printing; <see cref="GradientType"/> the declared type in the gradient body where it differs (<c>Real</c> for a local
/// that depends on continuous choices).
/// </summary>
internal sealed record IrLet(string DeclaredType, string DisplayType, EquatableArray<IrDeclarator> Variables, string? GradientType = null) : IrStatement;

/// <summary>One variable of a let.</summary>
internal sealed record IrDeclarator(string Name, IrExpr? Initializer);

/// <summary>An expression evaluated for its effect, e.g. an observed choice <c>normal(mu, 1).At("y", i);</c>.</summary>
internal sealed record IrEvaluate(IrExpr Expression) : IrStatement;

/// <summary>A return.</summary>
internal sealed record IrReturn(IrExpr? Value) : IrStatement;

/// <summary>A branch: <c>if</c> or <c>switch</c>.</summary>
internal abstract record IrBranch : IrStatement;

/// <summary><c>if (Condition) Then else Else</c></summary>
internal sealed record IrIf(IrExpr Condition, IrStatement Then, IrStatement? Else) : IrBranch;

/// <summary><c>switch (Subject) { sections }</c></summary>
internal sealed record IrSwitch(IrExpr Subject, EquatableArray<IrSwitchSection> Sections) : IrBranch;

/// <summary>One switch section: its labels as written and its statements.</summary>
internal sealed record IrSwitchSection(EquatableArray<string> Labels, EquatableArray<IrStatement> Statements);

/// <summary>A loop; its <see cref="Body"/> may run any number of times (so a constant address inside is a GEN002 error).</summary>
internal abstract record IrLoop(IrStatement Body) : IrStatement;

/// <summary><c>for (Declaration | Initializers; Condition; Incrementors) Body</c></summary>
internal sealed record IrFor(IrLet? Declaration, EquatableArray<IrExpr> Initializers, IrExpr? Condition, EquatableArray<IrExpr> Incrementors, IrStatement Body) : IrLoop(Body);

/// <summary>
/// <c>foreach (Variable in Collection) Body</c>; <see cref="Variable"/> is the declaration as written,
/// <see cref="GradientVariable"/> the gradient body's where it differs (a double variable over continuous values is a <c>Real</c>).
/// </summary>
internal sealed record IrForeach(string Variable, IrExpr Collection, IrStatement Body, string? GradientVariable = null) : IrLoop(Body);

/// <summary><c>while (Condition) Body</c></summary>
internal sealed record IrWhile(IrExpr Condition, IrStatement Body) : IrLoop(Body);

/// <summary><c>do Body while (Condition);</c></summary>
internal sealed record IrDoWhile(IrStatement Body, IrExpr Condition) : IrLoop(Body);
