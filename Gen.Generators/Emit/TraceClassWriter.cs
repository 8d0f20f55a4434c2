using System.Linq;
using Gen.Generators.Ir;
using Gen.Generators.Models;

namespace Gen.Generators.Emit;

/// <summary>
/// Writes the trace class of a [Gen] method from its schema: one typed slot per constant address, a typed array per
/// indexed family, and <c>Slots</c>, which lists them so the runtime can build choice maps, read choices and edit.
/// </summary>
internal static class TraceClassWriter
{
    public static void Write(CodeWriter w, GenMethodModel model)
    {
        var slots = model.Trace.Slots;
        w.Line($"/// <summary>The trace of one execution of <c>{model.Name}</c>: one typed slot per address.</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private sealed class {model.TraceClass} : {Names.CompiledTrace(model.ReturnType)}"))
        {
            foreach (var slot in slots.Where(s => s.Shape == SlotShape.Constant && !s.IsSingleName))
                w.Line($"internal static readonly {Names.Address} {Names.StaticField(slot.Field)} = {AddressOf(slot.Address)};");
            foreach (var slot in slots.Where(s => s.Shape == SlotShape.Indexed))
                w.Line($"private static readonly {Names.CapacityHint} {Names.StaticField(slot.Field)} = new {Names.CapacityHint}();");
            foreach (var slot in slots) w.Line(Field(slot));
            w.Line();
            w.Line($"internal {model.TraceClass}({model.FunctionClass} function) : base(function, {(model.Trace.HasRuntimeAddresses ? "true" : "false")}) {{ }}");
            w.Line();
            using (w.Block("protected override void Slots<TVisitor>(ref TVisitor visitor)"))
            {
                foreach (var slot in slots)
                {
                    var key = slot.Shape == SlotShape.Indexed || slot.IsSingleName ? Names.Literal(slot.Address[0].Name!) : Names.StaticField(slot.Field);
                    var visit = (slot.Shape, slot.IsCall) switch
                    {
                        (SlotShape.Constant, false) => "Choice",
                        (SlotShape.Constant, true) => "Call",
                        (SlotShape.Indexed, false) => "Choices",
                        _ => "Calls",
                    };
                    w.Line($"visitor.{visit}({key}, ref {slot.Field});");
                }
            }
        }
    }

    private static string Field(IrSlot slot)
    {
        var item = slot.IsCall ? Names.Subtrace : Names.Choice(slot.ValueType);
        if (slot.Shape == SlotShape.Constant) return $"internal {item} {slot.Field};";
        var indexed = Names.Indexed(item);
        return $"internal {indexed} {slot.Field} = new {indexed}({Names.StaticField(slot.Field)});";
    }

    public static string AddressOf(EquatableArray<AddressPartModel> parts) =>
        $"{Names.Address}.Of({string.Join(", ", parts.Select(p => p.Name is null ? p.Index.ToString() : Names.Literal(p.Name)))})";
}
