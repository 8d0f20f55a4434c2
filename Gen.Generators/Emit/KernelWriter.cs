using System.Linq;
using Gen.Generators.Ir;
using Gen.Generators.Models;

namespace Gen.Generators.Emit;

/// <summary>
/// Writes the kernel form of a [Gen] method in the kernel subset: a struct whose static <c>Run</c> is the body once
/// more, generic in the memory it reads and writes (device views on a GPU), with the arguments read from the packed
/// buffer under their own names, so the copied statements compile unchanged (<c>xs[i]</c>, <c>xs.Length</c>).
/// </summary>
internal static class KernelWriter
{
    public static void Write(CodeWriter w, GenMethodModel model)
    {
        w.Line();
        w.Line($"/// <summary>The kernel form of <c>{model.Name}</c>: one particle's Importance over the batch's columns (the CPU batch path and Gen.Runtime.Gpu run it).</summary>");
        if (model.DeviceObstacle is { } onHost) w.Line($"[{Names.Internal}.NoKernel({Names.Literal(onHost)})]");
        // Internal: the kernel forms of callers in this compilation call its Call and CallAt.
        using (w.Block($"internal struct {model.KernelStruct} : {Names.Internal}.IKernelModel<{model.ReturnType}>"))
        {
            // Optimised at once: dynamic PGO's instrumented tiers made the hot body 2-3x slower on the cores (measured).
            w.Line(Optimised);
            w.Line($"public static {model.ReturnType} Run<{Names.MemoryType}>(ref {Names.Internal}.KernelState {Names.KernelStateParameter}, ref {Names.MemoryType} {Names.KernelMemory})");
            using (w.Indent()) w.Line(MemoryConstraint);
            using (w.Block())
            {
                Slots(w, model, block: null);
                for (var k = 0; k < model.Parameters.Count; k++) w.Line(Argument(model.Parameters[k], 2 * k));
                Statements(w, model);
            }
            CallEntries(w, model);
        }
    }

    private const string Optimised = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    private static string MemoryConstraint => $"where {Names.MemoryType} : struct, {Names.Internal}.IKernelMemory";

    /// <summary>
    /// The particle's state in a local, and each slot's first column (or callee block) and extent read once, from the
    /// model's block (the root's, at 0) or the callee block <paramref name="block"/>.
    /// </summary>
    private static void Slots(CodeWriter w, GenMethodModel model, string? block)
    {
        w.Line($"var {Names.KernelState} = {Names.KernelStateParameter};");
        for (var k = 0; k < model.Trace.Slots.Count; k++)
        {
            var slot = block is null ? $"{k}" : $"{block} + {k}";
            w.Line($"var {Names.KernelOffset(k)} = {Names.KernelMemory}.Offset({slot});");
            if (model.Trace.Slots[k].Shape == SlotShape.Indexed || model.Trace.Slots[k].IsCall) w.Line($"var {Names.KernelExtent(k)} = {Names.KernelMemory}.Extent({slot});");
        }
    }

    /// <summary>The body's statements over the columns.</summary>
    private static void Statements(CodeWriter w, GenMethodModel model)
    {
        var body = new BodyWriter(model, kernel: true);
        foreach (var statement in model.Body.Statements) body.Statement(w, statement);
    }

    /// <summary>
    /// The entries a caller's kernel form makes a traced call through (<see cref="KernelCalls"/>): at a constant address
    /// (<c>Call</c>) or at <c>(name, i)</c> (<c>CallAt</c>), then the body with the arguments as parameters.
    /// </summary>
    private static void CallEntries(CodeWriter w, GenMethodModel model)
    {
        var parameters = string.Concat(model.Parameters.Select(p => $", {ViewType(p.Type)} {p.Name}"));
        var arguments = string.Concat(model.Parameters.Select(p => ", " + p.Name));
        var state = $"ref {Names.Internal}.KernelState __caller, ref {Names.MemoryType} {Names.KernelMemory}";
        foreach (var (entry, enter, index) in new[] { ("Call", "Enter", ""), ("CallAt", "EnterAt", ", int __index") })
        {
            w.Line();
            w.Line($"public static {model.ReturnType} {entry}<{Names.MemoryType}>({state}, int __first, int __second{parameters}{index})");
            using (w.Indent()) w.Line(MemoryConstraint);
            using (w.Block())
            {
                var at = index.Length == 0 ? "" : ", __index";
                w.Line($"if (!{Names.Internal}.KernelCalls.{enter}(ref __caller, ref {Names.KernelMemory}, __first, __second{at}, out var __callee, out var __block)) return default;");
                w.Line($"var __result = Body(ref __callee, ref {Names.KernelMemory}, __block{arguments});");
                w.Line($"{Names.Internal}.KernelCalls.Leave(ref __caller, in __callee);");
                w.Line("return __result;");
            }
        }
        w.Line();
        w.Line(Optimised);
        w.Line($"private static {model.ReturnType} Body<{Names.MemoryType}>(ref {Names.Internal}.KernelState {Names.KernelStateParameter}, ref {Names.MemoryType} {Names.KernelMemory}, int __block{parameters})");
        using (w.Indent()) w.Line(MemoryConstraint);
        using (w.Block())
        {
            Slots(w, model, "__block");
            Statements(w, model);
        }
    }

    /// <summary>A parameter's type inside a kernel: a scalar as declared, an array as its view of the packed arguments.</summary>
    private static string ViewType(string type) => type switch
    {
        "double[]" => $"{Names.Internal}.KernelDoubles<{Names.MemoryType}>",
        "int[]" => $"{Names.Internal}.KernelInts<{Names.MemoryType}>",
        "bool[]" => $"{Names.Internal}.KernelBools<{Names.MemoryType}>",
        var scalar => scalar,
    };

    /// <summary>The function class's members that hand the kernel form to the runtime, or say why there is none.</summary>
    public static void Overrides(CodeWriter w, GenMethodModel model)
    {
        if (model.KernelObstacle is { } obstacle)
        {
            w.Line($"protected override string? KernelObstacle => {Names.Literal(obstacle)};");
            return;
        }
        w.Line("protected override string? KernelObstacle => null;");
        if (model.DeviceObstacle is { } onHost)
        {
            w.Line();
            w.Line($"protected override string? DeviceObstacle => {Names.Literal(onHost)};");
        }
        w.Line();
        w.Line($"protected override bool DispatchKernel({Names.Internal}.IKernelDispatch dispatch)");
        using (w.Block())
        {
            w.Line($"dispatch.Run<{model.KernelStruct}, {model.ReturnType}>();");
            w.Line("return true;");
        }
        if (model.Parameters.Count == 0) return;
        w.Line();
        w.Line($"protected override void WriteKernelArguments({Names.Internal}.KernelArguments arguments)");
        using (w.Block()) foreach (var p in model.Parameters) w.Line($"arguments.Add({Names.ArgumentField(p.Name)});");
    }

    /// <summary>A parameter as the kernel reads it: header entry <paramref name="header"/> of the packed arguments.</summary>
    private static string Argument(ParameterModel parameter, int header)
    {
        var read = $"{Names.KernelMemory}.Argument({header})";
        var array = $"{Names.KernelMemory}, {header}, {Names.KernelState}.Row";
        return parameter.Type switch
        {
            "double" => $"double {parameter.Name} = {read};",
            "int" => $"int {parameter.Name} = (int){read};",
            "bool" => $"bool {parameter.Name} = {read} != 0;",
            "double[]" => $"var {parameter.Name} = new {Names.Internal}.KernelDoubles<{Names.MemoryType}>({array});",
            "int[]" => $"var {parameter.Name} = new {Names.Internal}.KernelInts<{Names.MemoryType}>({array});",
            _ => $"var {parameter.Name} = new {Names.Internal}.KernelBools<{Names.MemoryType}>({array});",
        };
    }
}
