using System.Linq;
using System.Text;
using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>
/// Prints a method's sample-primitive IR compactly, one statement per line:
/// <c>slope : f64 = sample normal(0, 1) @ "slope"</c>. Exposed to users as <c>GenerativeFunction.Ir</c>.
/// </summary>
internal static class IrPrinter
{
    public static string Print(GenMethodModel model)
    {
        var text = new StringBuilder();
        text.Append(model.Name).Append('(')
            .Append(string.Join(", ", model.Parameters.Select(p => p.Name + ": " + p.Display)))
            .Append(") -> ").Append(model.ReturnDisplay).Append('\n');
        foreach (var statement in model.Body.Statements) Statement(text, statement, model, 1);
        var slots = model.Trace.Slots.Select(Slot).ToList();
        if (model.Trace.HasRuntimeAddresses) slots.Add("dynamic addresses");
        text.Append("-- trace: ").Append(string.Join(", ", slots)).Append('\n');
        return text.ToString();
    }

    private static void Statement(StringBuilder text, IrStatement statement, GenMethodModel model, int depth)
    {
        var pad = new string(' ', 2 * depth);
        switch (statement)
        {
            case IrBlock block:
                foreach (var inner in block.Statements) Statement(text, inner, model, depth);
                break;
            case IrCode code:
                foreach (var line in code.Text.Split('\n')) text.Append(pad).Append(code.Reindent ? line.TrimEnd() : line.Trim()).Append('\n');
                break;
            case IrLet local:
                foreach (var variable in local.Variables)
                {
                    text.Append(pad).Append(variable.Name).Append(" : ").Append(local.DisplayType);
                    if (variable.Initializer is not null) text.Append(" = ").Append(Expr(variable.Initializer, model, top: true));
                    text.Append('\n');
                }
                break;
            case IrEvaluate expression:
                text.Append(pad).Append(Expr(expression.Expression, model, top: true)).Append('\n');
                break;
            case IrReturn ret:
                text.Append(pad).Append("return").Append(ret.Value is null ? "" : " " + Expr(ret.Value, model, top: true)).Append('\n');
                break;
            case IrIf branch:
                text.Append(pad).Append("if ").Append(Expr(branch.Condition, model, top: true)).Append('\n');
                Statement(text, branch.Then, model, depth + 1);
                if (branch.Else is not null)
                {
                    text.Append(pad).Append("else\n");
                    Statement(text, branch.Else, model, depth + 1);
                }
                break;
            case IrFor loop:
                var init = loop.Declaration is null
                    ? string.Join(", ", loop.Initializers.Select(e => Expr(e, model, top: true)))
                    : loop.Declaration.DeclaredType + " " + string.Join(", ", loop.Declaration.Variables.Select(v =>
                        v.Name + (v.Initializer is null ? "" : " = " + Expr(v.Initializer, model, top: true))));
                text.Append(pad).Append("for ").Append(init).Append("; ")
                    .Append(loop.Condition is null ? "" : Expr(loop.Condition, model, top: true)).Append("; ")
                    .Append(string.Join(", ", loop.Incrementors.Select(e => Expr(e, model, top: true)))).Append('\n');
                Statement(text, loop.Body, model, depth + 1);
                break;
            case IrForeach loop:
                text.Append(pad).Append("foreach ").Append(loop.Variable).Append(" in ").Append(Expr(loop.Collection, model, top: true)).Append('\n');
                Statement(text, loop.Body, model, depth + 1);
                break;
            case IrWhile loop:
                text.Append(pad).Append("while ").Append(Expr(loop.Condition, model, top: true)).Append('\n');
                Statement(text, loop.Body, model, depth + 1);
                break;
            case IrDoWhile loop:
                text.Append(pad).Append("do\n");
                Statement(text, loop.Body, model, depth + 1);
                text.Append(pad).Append("while ").Append(Expr(loop.Condition, model, top: true)).Append('\n');
                break;
            case IrSwitch @switch:
                text.Append(pad).Append("switch ").Append(Expr(@switch.Subject, model, top: true)).Append('\n');
                foreach (var section in @switch.Sections)
                {
                    foreach (var label in section.Labels) text.Append(pad).Append("  ").Append(label).Append('\n');
                    foreach (var inner in section.Statements) Statement(text, inner, model, depth + 2);
                }
                break;
        }
    }

    private static string Expr(IrExpr expression, GenMethodModel model, bool top) => expression switch
    {
        IrText text => text.Text,
        IrChoice or IrTracedCall => top ? Sample(expression, model) : "(" + Sample(expression, model) + ")",
        _ => IrExpressionText.Print(expression, e => Expr(e, model, top: false)),
    };

    private static string Sample(IrExpr site, GenMethodModel model)
    {
        var (what, address) = site switch
        {
            IrChoice { Distribution: IrPrimitive p } c => ("sample " + p.Name + "(" + string.Join(", ", p.Arguments.Select(a => Expr(a, model, top: false))) + ")", c.Address),
            IrChoice { Distribution: IrDistributionObject o } c => ("sample " + Expr(o.Value, model, top: true), c.Address),
            IrTracedCall t => ("call " + Expr(t.Callee, model, top: true), t.Address),
            _ => ("?", (IrAddress)null!),
        };
        return what + " @ " + Address(address, model);
    }

    private static string Address(IrAddress address, GenMethodModel model) => address switch
    {
        ConstantAddress constant => SlotPlanner.Print(constant),
        IndexedAddress indexed => "(\"" + indexed.Head + "\", " + Expr(indexed.Index, model, top: false) + ")",
        DynamicAddress dynamic => "dynamic(" + string.Join(", ", dynamic.Arguments.Select(a => Expr(a, model, top: true))) + ")",
        _ => address.ToString(),
    };

    private static string Slot(IrSlot slot)
    {
        var type = slot.IsCall ? "trace<" + slot.ValueDisplay + ">" : slot.ValueDisplay;
        return slot.Shape == SlotShape.Constant ? $"{Join(slot.Address)} {type}" : $"{Join(slot.Address)}[i] {type}";
    }

    private static string Join(EquatableArray<AddressPartModel> parts) => string.Join("/", parts.Select(p => p.Name ?? p.Index.ToString()));
}
