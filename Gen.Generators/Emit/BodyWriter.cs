using System.Linq;
using Gen.Generators.Ir;
using Gen.Generators.Models;

namespace Gen.Generators.Emit;

/// <summary>
/// Prints a [Gen] body from its IR as C#, once, generic in its mode: plain computation as written, each sample site
/// one call of the mode's rule (<c>__mode.Choice(new Normal.Primitive(0, 1), "slope", ref __trace._slope)</c>). With
/// <paramref name="gradient"/>, it prints the gradient body instead: the same statements over <c>Real</c> numbers where
/// values depend on continuous choices, each site a call of the gradient's site operation, and no value returned. With
/// <paramref name="kernel"/>, the kernel form's body: the same statements, each choice a call of the kernel's site rule
/// over a column of the batch (<c>KernelSites.Real(ref __state, ref __memory, KernelPrimitives.Normal(ref __state, 0, 1), 0, 0)</c>).
/// </summary>
internal sealed class BodyWriter(GenMethodModel model, bool gradient = false, bool kernel = false)
{
    public void Statement(CodeWriter w, IrStatement statement)
    {
        switch (statement)
        {
            case IrBlock block:
                using (w.Block()) foreach (var inner in block.Statements) Statement(w, inner);
                break;
            case IrCode code:
                var text = gradient ? code.GradientText : kernel ? code.KernelText : code.Text;
                if (code.Reindent) foreach (var line in text.Split('\n')) w.Line(line);
                else w.Line(text); // a string literal spans lines: exactly as written
                break;
            case IrLet let:
                w.Line(Let(let) + ";");
                break;
            case IrEvaluate { Expression: IrTracedCall call } when kernel && KernelCallee(call).Map is { } map:
                KernelCombinatorCalls(w, call, KernelCallee(call), map);
                break;
            case IrEvaluate evaluate:
                w.Line(Expr(evaluate.Expression) + ";");
                break;
            case IrReturn ret when gradient:
                if (ret.Value is not null) w.Line(Ir.Differentiation.Returned(model.ReturnType, Expr(ret.Value)));
                w.Line("return;");
                break;
            case IrReturn { Value: { } value } when kernel:
                // The state lives in a local for the body (the JIT keeps its fields in registers) and goes back at each return.
                w.Line(KernelReturns.Statement(model.ReturnType, Expr(value)));
                break;
            case IrReturn ret:
                w.Line(ret.Value is null ? "return;" : "return " + Expr(ret.Value) + ";");
                break;
            case IrIf branch:
                If(w, branch, "if");
                break;
            case IrFor loop:
                var init = loop.Declaration is null ? string.Join(", ", loop.Initializers.Select(Expr)) : Let(loop.Declaration);
                w.Line($"for ({init}; {(loop.Condition is null ? "" : Expr(loop.Condition))}; {string.Join(", ", loop.Incrementors.Select(Expr))})");
                Embedded(w, loop.Body);
                break;
            case IrForeach loop:
                w.Line($"foreach ({(gradient ? loop.GradientVariable ?? loop.Variable : loop.Variable)} in {Expr(loop.Collection)})");
                Embedded(w, loop.Body);
                break;
            case IrWhile loop:
                w.Line($"while ({Expr(loop.Condition)})");
                Embedded(w, loop.Body);
                break;
            case IrDoWhile loop:
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

    private string Let(IrLet let) =>
        (gradient ? let.GradientType ?? let.DeclaredType : let.DeclaredType) + " " +
        string.Join(", ", let.Variables.Select(v => v.Name + (v.Initializer is null ? "" : " = " + Expr(v.Initializer))));

    public string Expr(IrExpr expression) => expression switch
    {
        IrText text => gradient ? text.GradientText : text.Text,
        IrCast { KeepsGradient: true } cast when gradient => Expr(cast.Operand),
        IrChoice choice when gradient => GradientChoice(choice),
        IrChoice choice when kernel => KernelChoice(choice),
        IrChoice choice => Choice(choice),
        IrTracedCall call when gradient => GradientCall(call),
        IrTracedCall call when kernel => KernelCall(call),
        IrTracedCall call => Call(call),
        _ => IrExpressionText.Print(expression, Expr),
    };

    /// <summary>
    /// A choice in the gradient body: a differentiable one gives its density's gradient in its value and parameters
    /// (<c>__gradient.Choice(default(Normal.Primitive), mu, sigma, address, in slot)</c>); any other is a constant of the score.
    /// </summary>
    private string GradientChoice(IrChoice choice)
    {
        var (_, address, storage) = GradientSlot(choice.Site, choice.Address);
        return choice.Distribution switch
        {
            IrPrimitive { GradientSite: "DiscreteChoice" } p => $"{Names.Gradient}.DiscreteChoice(default({p.Primitive}), {Arguments(p)}, {address}, in {storage})",
            IrPrimitive { GradientSite: { } site } p => $"{Names.Gradient}.{site}({Arguments(p)}, {address}, in {storage})",
            IrPrimitive { Vector: true } p => $"{Names.Gradient}.VectorChoice(new {p.Primitive}({Arguments(p)}), {address}, in {storage})",
            IrPrimitive { Differentiable: true } p =>
                $"{Names.Gradient}.Choice(default({p.Primitive}), {Arguments(p)}, {address}, in {storage})",
            IrPrimitive p => $"{Names.Gradient}.Constant(new {p.Primitive}({Arguments(p)}), {address}, in {storage})",
            IrDistributionObject o => $"{Names.Gradient}.Constant({Expr(o.Value)}, {address}, in {storage})",
            _ => "",
        };
    }

    /// <summary>A choice in the kernel form: its slot's column (entry i of a family), sampled or fixed by the batch's constraints.</summary>
    private string KernelChoice(IrChoice choice)
    {
        var primitive = (IrPrimitive)choice.Distribution; // the kernel subset has only primitives of KernelPrimitives
        // The slot's first column and extent were read once at the top of the kernel (a constant address has one column).
        var slot = model.Sites[choice.Site].Slot;
        var place = choice.Address is IndexedAddress indexed
            ? $"{Names.KernelOffset(slot)}, {Names.KernelExtent(slot)}, {Expr(indexed.Index)}"
            : $"{Names.KernelOffset(slot)}, 1, 0";
        var rule = model.Sites[choice.Site].ValueType switch { "bool" => "Boolean", "int" => "Integer", _ => "Real" };
        var arguments = string.Concat(primitive.Arguments.Select(a => ", " + Expr(a)));
        var state = Names.KernelState;
        return $"{Names.Internal}.KernelSites.{rule}(ref {state}, ref {Names.KernelMemory}, " +
            $"{Names.Internal}.KernelPrimitives.{KernelSubset.Factory(primitive.Primitive)}(ref {state}{arguments}), {place})";
    }

    /// <summary>
    /// A traced call in the kernel form: the callee's kernel form run through its call entry over the block its slot
    /// names (<c>__LineKernel.Call(ref __state, ref __memory, __offset3, __extent3, xs)</c>; <c>CallAt</c>, with the
    /// index last, for <c>(name, i)</c>, as C# evaluates the callee's arguments before the address).
    /// </summary>
    private string KernelCall(IrTracedCall call)
    {
        var slot = model.Sites[call.Site].Slot;
        var callee = KernelCallee(call);
        var state = $"ref {Names.KernelState}, ref {Names.KernelMemory}, {Names.KernelOffset(slot)}, {Names.KernelExtent(slot)}";
        if (callee.Switch is { } choice) return KernelSwitch(choice, state);
        var arguments = string.Concat(callee.Arguments.Select(a => ", " + a));
        return call.Address is IndexedAddress indexed
            ? $"{callee.Struct}.CallAt({state}{arguments}, {Expr(indexed.Index)})"
            : $"{callee.Struct}.Call({state}{arguments})";
    }

    /// <summary>The kernel subset admits resolved calls only: the kernel call of a traced-call site.</summary>
    private KernelCallModel KernelCallee(IrTracedCall call) => model.KernelCalls.First(c => c.Site == call.Site);

    /// <summary>
    /// A Vmap's, Repeat's or Scan's call in the kernel form (a statement): the combinator's call over the block its slot names,
    /// then its calls by index through the callee's <c>CallAt</c> (call i at index i, key index i, as the CPU's combinator
    /// makes them), none where the CPU would throw (the particle faults and runs there).
    /// </summary>
    private void KernelCombinatorCalls(CodeWriter w, IrTracedCall call, KernelCallModel callee, KernelMap map)
    {
        var (slot, site) = (model.Sites[call.Site].Slot, call.Site);
        var (state, memory) = (Names.KernelState, Names.KernelMemory);
        var (inner, block, count, index) = ($"__call{site}", $"__block{site}", $"__count{site}", $"__i{site}");
        using (w.Block($"if ({Names.Internal}.KernelCalls.Enter(ref {state}, ref {memory}, {Names.KernelOffset(slot)}, {Names.KernelExtent(slot)}, out var {inner}, out var {block}))"))
        {
            w.Line($"var {count} = {map.Count};");
            if (map.Fault is { } fault)
            {
                using (w.Block($"if ({fault})"))
                {
                    w.Line($"{inner}.Fault();");
                    w.Line($"{count} = 0;");
                }
            }
            // The combinator's block has one slot: the table of its calls (each one's block and presence) and its extent.
            w.Line($"var __table{site} = {memory}.Offset({block});");
            w.Line($"var __calls{site} = {memory}.Extent({block});");
            var arguments = string.Concat(callee.Arguments.Select(a => ", " + a));
            var step = $"{callee.Struct}.CallAt(ref {inner}, ref {memory}, __table{site}, __calls{site}{arguments}, {index})";
            // A Scan carries each call's value to the next as its state.
            if (map.Carry is { } carry) w.Line($"var __carry{site} = {carry.Init};");
            w.Line($"for (var {index} = 0; {index} < {count}; {index}++) {(map.Carry is null ? "" : $"__carry{site} = ")}{step};");
            w.Line($"{Names.Internal}.KernelCalls.Leave(ref {state}, in {inner});");
        }
    }

    /// <summary>
    /// A Switch in the kernel form: branch b's call through its callee's <c>CallAt</c> at entry b of the Switch's table of
    /// branches (the call claims the Switch's key index, as the branch runs with the Switch's key on the CPU); an index
    /// that selects no branch faults the particle (the CPU throws).
    /// </summary>
    private static string KernelSwitch(KernelSwitch choice, string state)
    {
        string Branch(int b) => $"{choice.Branches[b].Struct}.CallAt({state}{string.Concat(choice.Branches[b].Arguments.Select(a => ", " + a))}, {b})";
        if (choice.Condition) return $"(({choice.Selector}) ? {Branch(0)} : {Branch(1)})";
        var arms = string.Concat(Enumerable.Range(0, choice.Branches.Count).Select(b => $"{b} => {Branch(b)}, "));
        return $"(({choice.Selector}) switch {{ {arms}_ => {Names.Internal}.KernelCalls.Unselected<{choice.ReturnType}>(ref {Names.KernelState}) }})";
    }

    /// <summary>
    /// A traced call in the gradient body: the callee's gradient body runs over its subtrace when it holds selected
    /// choices (<c>__gradient.CallReal(callee, address, in slot)</c>, whose value carries its gradient for a double).
    /// </summary>
    private string GradientCall(IrTracedCall call)
    {
        // The callee is the subtrace's own function (its arguments are no continuous values): the expression is not
        // evaluated again, unless it is what says the value's type (a type the generator could not see).
        var (addressType, address, storage) = GradientSlot(call.Site, call.Address);
        var reals = string.Concat(call.GradientArguments.Select(a => ", " + Expr(a))); // the callee's double parameters
        // The callee's double[] parameters that get continuous values, handed over just before the call.
        var receiver = call.GradientArrays.Count == 0 ? Names.Gradient : $"{Names.Gradient}.WithArrays({string.Join(", ", call.GradientArrays.Select(Expr))})";
        return model.Sites[call.Site].ValueType switch
        {
            "double" => $"{receiver}.CallReal({address}, in {storage}{reals})",
            "double[]" => $"{receiver}.CallReals({address}, in {storage}{reals})",
            "" => $"{Names.Gradient}.Call({Expr(call.Callee)}, {address}, in {storage})", // no arguments: its callee is no [Gen] method of this compilation
            var type => $"{receiver}.Call<{type}, {addressType}>({address}, in {storage}{reals})",
        };
    }

    /// <summary>A site's address in its cheapest form (its type, and the value made of it) and its slot, as the gradient's site operations take them.</summary>
    private (string AddressType, string Address, string Storage) GradientSlot(int site, IrAddress address)
    {
        var slot = model.SlotOf(site)!; // a model with a run-time address gets no gradient body
        var (type, arguments, storage) = address switch
        {
            IndexedAddress indexed => ("IndexedName", $"{Names.Literal(indexed.Head)}, {Expr(indexed.Index)}", $"{Names.Trace}.{slot.Field}.Peek({Expr(indexed.Index)})"),
            _ when slot.IsSingleName => ("ConstantName", Names.Literal(slot.Address[0].Name!), $"{Names.Trace}.{slot.Field}"),
            _ => ("FullAddress", $"{model.TraceClass}.{Names.StaticField(slot.Field)}, false", $"{Names.Trace}.{slot.Field}"),
        };
        return ($"{Names.Internal}.{type}", $"new {Names.Internal}.{type}({arguments})", storage);
    }

    private string Choice(IrChoice choice)
    {
        var distribution = choice.Distribution switch
        {
            IrPrimitive primitive => model.SlotOf(choice.Site) is null
                ? $"{primitive.Factory}({Arguments(primitive)})" // a run-time address: the distribution object
                : $"new {primitive.Primitive}({Arguments(primitive)})",
            IrDistributionObject value => Expr(value.Value),
            _ => "",
        };
        return Site("Choice", choice.Site, distribution, choice.Address);
    }

    private string Call(IrTracedCall call) => Site("Call", call.Site, Expr(call.Callee), call.Address);

    private string Arguments(IrPrimitive primitive) => string.Join(", ", primitive.Arguments.Select(Expr));

    /// <summary>One call of the mode's rule: the distribution or callee, the address in its cheapest form, the slot.</summary>
    private string Site(string rule, int site, string receiver, IrAddress address)
    {
        var mode = Names.Mode;
        if (model.SlotOf(site) is not { } slot) return $"{mode}.Dynamic({receiver}, {RuntimeAddress(address)})";
        var storage = $"{Names.Trace}.{slot.Field}";
        return address switch
        {
            IndexedAddress indexed => $"{mode}.{rule}({receiver}, {Names.Literal(indexed.Head)}, {Expr(indexed.Index)}, {storage})",
            _ when slot.IsSingleName => $"{mode}.{rule}({receiver}, {Names.Literal(slot.Address[0].Name!)}, ref {storage})",
            _ => $"{mode}.{rule}({receiver}, {model.TraceClass}.{Names.StaticField(slot.Field)}, ref {storage})",
        };
    }

    private string RuntimeAddress(IrAddress address) => address switch
    {
        ConstantAddress constant => TraceClassWriter.AddressOf(constant.Parts),
        IndexedAddress indexed => $"{Names.Address}.Of({Names.Literal(indexed.Head)}, {Expr(indexed.Index)})",
        DynamicAddress { Arguments.Count: 1 } dynamic => $"({Names.Address})({Expr(dynamic.Arguments[0])})",
        DynamicAddress dynamic => $"{Names.Address}.Of({string.Join(", ", dynamic.Arguments.Select(Expr))})",
        _ => "null!",
    };
}
