using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>A statement of the sample-primitive IR. Statements without sample sites stay verbatim C#.</summary>
internal abstract record IrStatement;

/// <summary>
/// A statement with no sample site, as written. <see cref="Reindent"/>: its lines may be re-indented (false when a
/// string literal spans lines, whose text indentation would change).
/// </summary>
internal sealed record IrVerbatim(string Text, bool Reindent) : IrStatement;

/// <summary><c>{ ... }</c></summary>
internal sealed record IrBlock(EquatableArray<IrStatement> Statements) : IrStatement;

/// <summary>A local declaration: <c>var slope = ...;</c>. <see cref="DisplayType"/> is the resolved type, for printing.</summary>
internal sealed record IrLocal(string DeclaredType, string DisplayType, EquatableArray<IrDeclarator> Variables) : IrStatement;

/// <summary>One variable of a local declaration.</summary>
internal sealed record IrDeclarator(string Name, IrExpr? Initializer);

/// <summary>An expression evaluated for its effect, e.g. an observed choice <c>normal(mu, 1).At("y", i);</c>.</summary>
internal sealed record IrExpressionStatement(IrExpr Expression) : IrStatement;

/// <summary><c>if (Condition) Then else Else</c></summary>
internal sealed record IrIf(IrExpr Condition, IrStatement Then, IrStatement? Else) : IrStatement;

/// <summary><c>for (Declaration | Initializers; Condition; Incrementors) Body</c></summary>
internal sealed record IrFor(IrLocal? Declaration, EquatableArray<IrExpr> Initializers, IrExpr? Condition, EquatableArray<IrExpr> Incrementors, IrStatement Body) : IrStatement;

/// <summary><c>foreach (Variable in Collection) Body</c>; <see cref="Variable"/> is the declaration as written.</summary>
internal sealed record IrForeach(string Variable, IrExpr Collection, IrStatement Body) : IrStatement;

/// <summary><c>while (Condition) Body</c></summary>
internal sealed record IrWhile(IrExpr Condition, IrStatement Body) : IrStatement;

/// <summary><c>do Body while (Condition);</c></summary>
internal sealed record IrDo(IrStatement Body, IrExpr Condition) : IrStatement;

/// <summary><c>switch (Subject) { sections }</c></summary>
internal sealed record IrSwitch(IrExpr Subject, EquatableArray<IrSwitchSection> Sections) : IrStatement;

/// <summary>One switch section: its labels as written and its statements.</summary>
internal sealed record IrSwitchSection(EquatableArray<string> Labels, EquatableArray<IrStatement> Statements);

/// <summary><c>return Value;</c></summary>
internal sealed record IrReturn(IrExpr? Value) : IrStatement;
