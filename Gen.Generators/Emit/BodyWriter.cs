using System.Linq;
using Gen.Generators.Ir;
using Gen.Generators.Models;

namespace Gen.Generators.Emit;

/// <summary>
/// Prints a [Gen] body from its IR as C# for one GFI mode: verbatim code as written, each sample node replaced by
/// the call of its site helper (typed storage) or of <c>SiteOps</c> (dynamic addresses).
/// </summary>
internal sealed class BodyWriter(GenMethodModel model, GfiMode mode)
{
    public void Statement(CodeWriter w, IrStatement statement)
    {
        switch (statement)
        {
            case IrBlock block:
                using (w.Block()) foreach (var inner in block.Statements) Statement(w, inner);
                break;
            case IrVerbatim verbatim:
                if (verbatim.Reindent) foreach (var line in verbatim.Text.Split('\n')) w.Line(line);
                else w.Line(verbatim.Text); // a string literal spans lines: exactly as written
                break;
            case IrLocal local:
                w.Line(Local(local) + ";");
                break;
            case IrExpressionStatement expression:
                w.Line(Expr(expression.Expression) + ";");
                break;
            case IrReturn ret:
                w.Line(ret.Value is null ? "return;" : "return " + Expr(ret.Value) + ";");
                break;
            case IrIf branch:
                If(w, branch, "if");
                break;
            case IrFor loop:
                var init = loop.Declaration is null ? string.Join(", ", loop.Initializers.Select(Expr)) : Local(loop.Declaration);
                w.Line($"for ({init}; {(loop.Condition is null ? "" : Expr(loop.Condition))}; {string.Join(", ", loop.Incrementors.Select(Expr))})");
                Embedded(w, loop.Body);
                break;
            case IrForeach loop:
                w.Line($"foreach ({loop.Variable} in {Expr(loop.Collection)})");
                Embedded(w, loop.Body);
                break;
            case IrWhile loop:
                w.Line($"while ({Expr(loop.Condition)})");
                Embedded(w, loop.Body);
                break;
            case IrDo loop:
                w.Line("do");
                Embedded(w, loop.Body);
                w.Line($"while ({Expr(loop.Condition)});");
                break;
            case IrSwitch @switch:
                using (w.Block($"switch ({Expr(@switch.Subject)})"))
                {
                    foreach (var section in @switch.Sections)
                    {
                        foreach (var label in section.Labels) w.Line(label);
                        using (w.Indent()) foreach (var inner in section.Statements) Statement(w, inner);
                    }
                }
                break;
        }
    }

    private void If(CodeWriter w, IrIf branch, string keyword)
    {
        w.Line($"{keyword} ({Expr(branch.Condition)})");
        Embedded(w, branch.Then);
        if (branch.Else is IrIf elseIf) If(w, elseIf, "else if");
        else if (branch.Else is not null)
        {
            w.Line("else");
            Embedded(w, branch.Else);
        }
    }

    /// <summary>Bodies of if/loops are always braced, so a rewritten statement never changes what it governs.</summary>
    private void Embedded(CodeWriter w, IrStatement statement)
    {
        if (statement is IrBlock) Statement(w, statement);
        else using (w.Block()) Statement(w, statement);
    }

    private string Local(IrLocal local) =>
        local.DeclaredType + " " + string.Join(", ", local.Variables.Select(v => v.Name + (v.Initializer is null ? "" : " = " + Expr(v.Initializer))));

    public string Expr(IrExpr expression) => expression switch
    {
        IrCode code => code.Text,
        IrSplice splice => string.Concat(splice.Parts.Select(Expr)),
        IrSample sample => Sample(sample),
        _ => expression.ToString(),
    };

    private string Sample(IrSample sample)
    {
        var site = model.Sites[sample.Site];
        var slot = model.Slots[site.Slot];
        var traces = mode.Edits() ? "__t, __prev" : "__t";
        if (slot.Shape == SlotShape.Dynamic)
        {
            var records = mode.Edits() ? "__t.Dynamic, __prev.Dynamic" : "__t.Dynamic";
            return $"{Names.SiteOps}.{mode.SiteOp()}({records}, ref __s, {Expr(sample.Receiver)}, {DynamicAddress(sample)})";
        }
        var arguments = site.Kind == SiteKind.Primitive ? sample.Arguments.Select(Expr).ToList() : [Expr(sample.Receiver)];
        if (sample.Address is IndexedAddress indexed) arguments.Add(Expr(indexed.Index));
        return $"{model.FunctionClass}.{Names.Helper(mode, site.Index)}({traces}, ref __s, {string.Join(", ", arguments)})";
    }

    private string DynamicAddress(IrSample sample) => sample.Address switch
    {
        ConstantAddress => $"{model.FunctionClass}.Site{sample.Site}Address",
        IndexedAddress indexed => $"{Names.Address}.Of({Names.Literal(indexed.Head)}, {Expr(indexed.Index)})",
        DynamicAddress { Arguments.Count: 1 } dynamic => $"({Names.Address})({Expr(dynamic.Arguments[0])})",
        DynamicAddress dynamic => $"{Names.Address}.Of({string.Join(", ", dynamic.Arguments.Select(Expr))})",
        _ => "null!",
    };
}
