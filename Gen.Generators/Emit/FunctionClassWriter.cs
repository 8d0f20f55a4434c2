using System.Linq;
using Gen.Generators.Ir;
using Gen.Generators.Models;

namespace Gen.Generators.Emit;

/// <summary>
/// Writes the generative-function class of a [Gen] method: its arguments, the GFI overrides that run the
/// specialised bodies, the constant addresses, and one helper per site and GFI method.
/// </summary>
internal static class FunctionClassWriter
{
    public static void Write(CodeWriter w, GenMethodModel model, string ir)
    {
        var r = model.ReturnType;
        var t = model.TraceClass;
        w.Line($"/// <summary>The generative function <c>{model.Name}</c> applied to its arguments (compiled from its [Gen] body).</summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Gen.Generators\", \"0.1.0\")]");
        using (w.Block($"private sealed class {model.FunctionClass} : {Names.Function(r)}"))
        {
            w.Line($"internal const string IrText = {Names.Literal(ir)};");
            foreach (var slot in model.Slots.Where(s => s.Shape == SlotShape.Constant))
                w.Line($"internal static readonly {Names.Address} {Names.AddressField(slot.Field)} = {AddressOf(slot.Address)};");
            foreach (var site in DynamicConstantSites(model))
                w.Line($"internal static readonly {Names.Address} Site{site.Index}Address = {AddressOf(((ConstantAddress)site.Address).Parts)};");
            foreach (var slot in model.Slots.Where(s => s.Shape == SlotShape.Indexed))
                w.Line($"internal static int {Names.Capacity(slot.Field)};");
            foreach (var p in model.Parameters) w.Line($"internal readonly {p.Type} {Names.ArgumentField(p.Name)};");
            w.Line();
            using (w.Block($"internal {model.FunctionClass}({string.Join(", ", model.Parameters.Select(p => p.Type + " " + p.Name))})"))
                foreach (var p in model.Parameters) w.Line($"{Names.ArgumentField(p.Name)} = {p.Name};");
            w.Line();
            w.Line($"public override string Name => {Names.Literal(model.Name)};");
            w.Line("public override string Ir => IrText;");
            w.Line();

            var args = string.Concat(model.Parameters.Select(p => ", " + Names.ArgumentField(p.Name)));
            using (w.Block($"{model.OverrideAccess} override {Names.Trace(r)} SimulateCore({Names.Key} key)"))
            {
                Start(w, model, $"key, {Names.ChoiceMap}.Empty");
                w.Line($"trace.Retval_ = {Names.Body(model.UniqueName, GfiMode.Simulate)}(trace, ref state{args});");
                Finish(w, model);
                w.Line("return trace;");
            }
            w.Line();
            using (w.Block($"{model.OverrideAccess} override ({Names.Trace(r)} Trace, double Weight) GenerateCore({Names.Key} key, {Names.ChoiceMap} constraints, ref int used)"))
            {
                Start(w, model, "key, constraints");
                w.Line($"trace.Retval_ = {Names.Body(model.UniqueName, GfiMode.Generate)}(trace, ref state{args});");
                Finish(w, model);
                w.Line("used += state.Used;");
                w.Line("return (trace, state.Weight);");
            }
            w.Line();
            using (w.Block($"{model.OverrideAccess} override (double Weight, {r} Retval) AssessCore({Names.ChoiceMap} choices, ref int used)"))
            {
                Start(w, model, "default, choices");
                w.Line($"var retval = {Names.Body(model.UniqueName, GfiMode.Assess)}(trace, ref state{args});");
                w.Line("used += state.Used;");
                w.Line("return (state.Weight, retval);");
            }
            w.Line();
            using (w.Block($"{model.OverrideAccess} override {Names.EditResult(r)} UpdateCore({Names.Key} key, {Names.Trace(r)} previous, {Names.ChoiceMap} constraints, ref int used)"))
            {
                w.Line($"var prev = ({t})previous;");
                Start(w, model, "key, constraints");
                w.Line($"trace.Retval_ = {Names.Body(model.UniqueName, GfiMode.Update)}(trace, prev, ref state{args});");
                w.Line("prev.RemoveUnvisited(trace, ref state);");
                w.Line("state.SubtractRemoved();");
                Finish(w, model);
                w.Line("used += state.Used;");
                w.Line($"return new {Names.EditResult(r)}(trace, state.Weight, state.BuildDiscard());");
            }
            w.Line();
            using (w.Block($"{model.OverrideAccess} override {Names.EditResult(r)} RegenerateCore({Names.Key} key, {Names.Trace(r)} previous, {Names.Selection} selection)"))
            {
                w.Line($"var prev = ({t})previous;");
                Start(w, model, $"key, {Names.ChoiceMap}.Empty, selection");
                w.Line($"trace.Retval_ = {Names.Body(model.UniqueName, GfiMode.Regenerate)}(trace, prev, ref state{args});");
                Finish(w, model);
                w.Line($"return new {Names.EditResult(r)}(trace, state.Weight, {Names.ChoiceMap}.Empty);");
            }
            w.Line();
            w.Line($"{model.OverrideAccess} override bool CanEdit({Names.Trace(r)} previous) => previous is {t};");

            foreach (var site in model.Sites.Where(s => model.Slots[s.Slot].Shape != SlotShape.Dynamic))
            {
                var code = new SiteCode(model, site);
                w.Line();
                w.Line($"// site {site.Index}: {Describe(site, model)}");
                foreach (var mode in GfiModes.All) SiteHelperWriter.Write(w, code, mode, t);
            }
        }
    }

    private static void Start(CodeWriter w, GenMethodModel model, string stateArguments)
    {
        w.Line($"var trace = new {model.TraceClass}(this);");
        w.Line($"var state = new {Names.State}({stateArguments});");
    }

    /// <summary>Stores the score and remembers indexed extents, so the next trace is allocated at its final size.</summary>
    private static void Finish(CodeWriter w, GenMethodModel model)
    {
        w.Line("trace.Score_ = state.Score;");
        foreach (var slot in model.Slots.Where(s => s.Shape == SlotShape.Indexed))
            w.Line($"{Names.Capacity(slot.Field)} = trace.{slot.Field}.Extent;");
    }

    private static System.Collections.Generic.IEnumerable<IrSiteAddress> DynamicConstantSites(GenMethodModel model) =>
        Ir.SiteAddresses.Of(model.Body)
            .Where(s => s.Address is ConstantAddress && model.Slots[model.Sites[s.Index].Slot].Shape == SlotShape.Dynamic);

    private static string AddressOf(EquatableArray<AddressPartModel> parts) =>
        $"{Names.Address}.Of({string.Join(", ", parts.Select(p => p.Name is null ? p.Index.ToString() : Names.Literal(p.Name)))})";

    private static string Describe(IrSite site, GenMethodModel model)
    {
        var slot = model.Slots[site.Slot];
        var where = slot.Shape == SlotShape.Indexed ? $"(\"{slot.Address[0].Name}\", i)" : string.Join("/", slot.Address.Select(p => p.Name ?? p.Index.ToString()));
        return $"{site.ValueDisplay} {(site.Kind == SiteKind.Call ? "call" : "sample")} {site.DisplayName} @ {where}";
    }
}
