using System.Linq;
using Gen.Generators.Ir;
using Gen.Generators.Models;

namespace Gen.Generators.Emit;

/// <summary>
/// Writes the trace class of a [Gen] method: one typed field per constant address, a typed array per indexed
/// family, subtraces for traced calls and a run-time record only for dynamic addresses.
/// </summary>
internal static class TraceClassWriter
{
    public static void Write(CodeWriter w, GenMethodModel model)
    {
        var r = model.ReturnType;
        var f = model.FunctionClass;
        w.Line($"/// <summary>The trace of one execution of <c>{model.Name}</c>.</summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Gen.Generators\", \"0.1.0\")]");
        using (w.Block($"private sealed class {model.TraceClass} : {Names.Trace(r)}"))
        {
            w.Line($"internal readonly {f} Function_;");
            w.Line($"internal {r} Retval_ = default!;");
            w.Line("internal double Score_;");
            foreach (var slot in model.Slots) w.Line($"internal {(slot.Shape == SlotShape.Constant ? "" : "readonly ")}{FieldType(slot)} {slot.Field};");
            w.Line($"private {Names.ChoiceMap}? Choices_;");
            w.Line();
            using (w.Block($"internal {model.TraceClass}({f} function)"))
            {
                w.Line("Function_ = function;");
                foreach (var slot in model.Slots.Where(s => s.Shape == SlotShape.Indexed))
                    w.Line($"{slot.Field} = new({f}.{Names.Capacity(slot.Field)});");
                if (model.Slots.Any(s => s.Shape == SlotShape.Dynamic)) w.Line($"Dynamic = new({Names.Literal(model.Name)});");
            }
            w.Line();
            w.Line($"public override {r} Retval => Retval_;");
            w.Line("public override double Score => Score_;");
            w.Line($"public override {Names.Function(r)} Function => Function_;");
            w.Line($"public override {Names.ChoiceMap} Choices => Choices_ ??= BuildChoices();");
            w.Line();
            WriteGet(w, model);
            w.Line();
            using (w.Block($"private {Names.ChoiceMap} BuildChoices()"))
            {
                w.Line($"var builder = new {Names.ChoiceMapBuilder}();");
                foreach (var slot in model.Slots) AddChoices(w, slot, f);
                w.Line("return builder.Build();");
            }
            w.Line();
            w.Line("/// <summary>After an update: the sites of this (previous) trace that the new execution did not visit are removed.</summary>");
            using (w.Block($"internal void RemoveUnvisited({model.TraceClass} next, ref {Names.State} state)"))
            {
                foreach (var slot in model.Slots) Remove(w, slot, f);
            }
        }
    }

    /// <summary>
    /// <c>Get&lt;T&gt;</c> (its type parameter named so as not to shadow a containing type's) reads typed storage directly (no choice map is built, no boxing); anything else — a missing
    /// address, a dynamic one — goes to the base, whose error names the nearest existing addresses.
    /// </summary>
    private static void WriteGet(CodeWriter w, GenMethodModel model)
    {
        var f = model.FunctionClass;
        using (w.Block($"public override __T Get<__T>({Names.Address} address)"))
        {
            w.Line("var parts = address.Parts;");
            foreach (var slot in model.Slots.Where(s => s.Shape == SlotShape.Constant && !s.IsCall && !SingleName(s)))
                w.Line($"if ({slot.Field}.Has && address.Equals({f}.{Names.AddressField(slot.Field)})) return {Names.Gfi}.As<{slot.ValueType}, __T>({slot.Field}.Value, address);");
            var cases = model.Slots.Where(s => s.Shape != SlotShape.Dynamic && s.ValueType.Length > 0 && (SingleName(s) || s.Shape == SlotShape.Indexed)).ToList();
            if (cases.Count > 0)
            {
                using (w.Block("switch (parts[0].Name)"))
                {
                    foreach (var slot in cases)
                    {
                        var head = Names.Literal(slot.Address[0].Name!);
                        switch (slot.Shape, slot.IsCall)
                        {
                            case (SlotShape.Constant, false):
                                w.Line($"case {head} when parts.Count == 1 && {slot.Field}.Has:");
                                using (w.Indent()) w.Line($"return {Names.Gfi}.As<{slot.ValueType}, __T>({slot.Field}.Value, address);");
                                break;
                            case (SlotShape.Constant, true):
                                w.Line($"case {head} when parts.Count > 1 && {slot.Field} is not null:");
                                using (w.Indent()) w.Line($"return {slot.Field}.Get<__T>(address.Tail!);");
                                break;
                            case (SlotShape.Indexed, false):
                                w.Line($"case {head} when parts.Count == 2 && parts[1].IsIndex && {slot.Field}.Has(parts[1].Index):");
                                using (w.Indent()) w.Line($"return {Names.Gfi}.As<{slot.ValueType}, __T>({slot.Field}.Get(parts[1].Index).Value, address);");
                                break;
                            case (SlotShape.Indexed, true):
                                w.Line($"case {head} when parts.Count > 2 && parts[1].IsIndex && {slot.Field}.Has(parts[1].Index):");
                                using (w.Indent()) w.Line($"return {slot.Field}.Get(parts[1].Index).Get<__T>(address.Tail!.Tail!);");
                                break;
                        }
                    }
                }
            }
            w.Line("return base.Get<__T>(address);");
        }
    }

    private static bool SingleName(IrSlot slot) => slot.Address.Count == 1 && slot.Address[0].Name is not null;

    private static string FieldType(IrSlot slot)
    {
        // An indexed slot's Get returns null for an absent index, guarded by Has: its items are declared non-null.
        var trace = slot.ValueType.Length == 0 ? "global::Gen.Trace" : Names.Trace(slot.ValueType); // untyped: see SiteCode.Untyped
        var item = slot.IsCall ? trace + (slot.Shape == SlotShape.Constant ? "?" : "") : Names.Choice(slot.ValueType);
        return slot.Shape switch
        {
            SlotShape.Constant => item,
            SlotShape.Indexed => Names.Indexed(item),
            _ => Names.SiteRecord,
        };
    }

    private static void AddChoices(CodeWriter w, IrSlot slot, string f)
    {
        var head = slot.Address.Count > 0 ? Names.Literal(slot.Address[0].Name ?? "") : "";
        switch (slot.Shape, slot.IsCall)
        {
            case (SlotShape.Constant, false):
                w.Line($"if ({slot.Field}.Has) builder.Add({f}.{Names.AddressField(slot.Field)}, {slot.Field}.Value!);");
                break;
            case (SlotShape.Constant, true):
                w.Line($"if ({slot.Field} is not null) builder.AddSubmap({f}.{Names.AddressField(slot.Field)}, {slot.Field}.Choices);");
                break;
            case (SlotShape.Indexed, false):
                w.Line($"foreach (var (i, choice) in {slot.Field}.Entries()) builder.Add({Names.Address}.Of({head}, i), choice.Value!);");
                break;
            case (SlotShape.Indexed, true):
                w.Line($"foreach (var (i, trace) in {slot.Field}.Entries()) builder.AddSubmap({Names.Address}.Of({head}, i), trace.Choices);");
                break;
            default:
                w.Line("Dynamic.AddChoicesTo(builder);");
                break;
        }
    }

    private static void Remove(CodeWriter w, IrSlot slot, string f)
    {
        var head = slot.Address.Count > 0 ? Names.Literal(slot.Address[0].Name ?? "") : "";
        var address = $"{f}.{Names.AddressField(slot.Field)}";
        switch (slot.Shape, slot.IsCall)
        {
            case (SlotShape.Constant, false):
                w.Line($"if ({slot.Field}.Has && !next.{slot.Field}.Has) state.Remove({address}, {slot.Field}.Score, {Names.ChoiceMap}.Leaf({slot.Field}.Value!));");
                break;
            case (SlotShape.Constant, true):
                w.Line($"if ({slot.Field} is not null && next.{slot.Field} is null) state.Remove({address}, {slot.Field}.Score, {slot.Field}.Choices);");
                break;
            case (SlotShape.Indexed, false):
                w.Line($"if ({slot.Field}.DroppedIn(next.{slot.Field}) is {{ }} dropped{slot.Field})");
                using (w.Indent())
                    w.Line($"foreach (var i in dropped{slot.Field}) state.Remove({Names.Address}.Of({head}, i), {slot.Field}.Get(i).Score, {Names.ChoiceMap}.Leaf({slot.Field}.Get(i).Value!));");
                break;
            case (SlotShape.Indexed, true):
                w.Line($"if ({slot.Field}.DroppedIn(next.{slot.Field}) is {{ }} dropped{slot.Field})");
                using (w.Indent())
                    w.Line($"foreach (var i in dropped{slot.Field}) state.Remove({Names.Address}.Of({head}, i), {slot.Field}.Get(i).Score, {slot.Field}.Get(i).Choices);");
                break;
            default:
                w.Line($"{Names.SiteOps}.RemoveUnedited(Dynamic, next.Dynamic, ref state);");
                break;
        }
    }
}
