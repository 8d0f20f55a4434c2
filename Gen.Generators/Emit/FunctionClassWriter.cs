using System.Linq;
using Gen.Generators.Models;

namespace Gen.Generators.Emit;

/// <summary>
/// Writes the generative-function class of a [Gen] method: its arguments, its name and IR, and how to run the body;
/// the runtime's <c>CompiledFunction</c> implements the GFI over that.
/// </summary>
internal static class FunctionClassWriter
{
    public static void Write(CodeWriter w, GenMethodModel model, string ir)
    {
        var r = model.ReturnType;
        w.Line($"/// <summary>The generative function <c>{model.Name}</c> applied to its arguments (compiled from its [Gen] body).</summary>");
        w.Line(Names.GeneratedCode);
        using (w.Block($"private sealed class {model.FunctionClass} : {Names.CompiledFunction(r, model.TraceClass)}"))
        {
            foreach (var p in model.Parameters) w.Line($"private readonly {p.Type} {Names.ArgumentField(p.Name)};");
            if (model.Parameters.Count > 0) w.Line();
            var constructor = $"internal {model.FunctionClass}({string.Join(", ", model.Parameters.Select(p => p.Type + " " + p.Name))}) : base({GeneratedCodeContract.Version})";
            if (model.Parameters.Count == 0) w.Line(constructor + " { }");
            else using (w.Block(constructor)) foreach (var p in model.Parameters) w.Line($"{Names.ArgumentField(p.Name)} = {p.Name};");
            w.Line();
            w.Line($"public override string Name => {Names.Literal(model.Name)};");
            w.Line();
            w.Line($"public override string Ir => {Names.Literal(ir)};");
            w.Line();
            w.Line($"protected override {model.TraceClass} NewTrace() => new {model.TraceClass}(this);");
            w.Line();
            var arguments = string.Concat(model.Parameters.Select(p => ", " + Names.ArgumentField(p.Name)));
            w.Line($"protected override {r} Run<{Names.ModeType}>(ref {Names.ModeType} mode, {model.TraceClass} trace) => {model.BodyMethod}(ref mode, trace{arguments});");
            w.Line();
            if (model.GradientObstacle is null)
            {
                w.Line($"protected override void RunGradient({RunGradientParameters(model)}) => {model.GradientMethod}(gradient, trace{GradientArguments(model, arrays: false)});");
                if (model.Parameters.Any(model.IsRealParameter))
                {
                    w.Line();
                    w.Line($"protected override string[] RealParameters => new[] {{ {string.Join(", ", model.Parameters.Where(model.IsRealParameter).Select(p => Names.Literal(p.Name.TrimStart('@'))))} }};");
                }
                if (model.ArgumentGradientObstacle is not null)
                {
                    w.Line();
                    w.Line($"protected override string? ArgumentGradientObstacle => {Names.Literal(model.ArgumentGradientObstacle)};");
                }
                ArrayGradient(w, model);
            }
            else
                w.Line($"protected override string? GradientObstacle => {Names.Literal(model.GradientObstacle)};");
            w.Line();
            KernelWriter.Overrides(w, model);
        }
    }

    private static string RunGradientParameters(GenMethodModel model) =>
        $"global::Gen.Internal.Gradient gradient, {model.TraceClass} trace, global::System.ReadOnlySpan<global::Gen.Internal.Real> arguments";

    /// <summary>
    /// A gradient body's arguments: a double parameter is the caller's Real when a traced call passes one (the k-th
    /// double parameter is arguments[k]); with <paramref name="arrays"/>, the k-th double[] parameter is the gradient's
    /// k-th array; every other argument its field.
    /// </summary>
    private static string GradientArguments(GenMethodModel model, bool arrays)
    {
        var text = new System.Text.StringBuilder();
        var (real, array) = (0, 0);
        foreach (var p in model.Parameters)
            text.Append(", ").Append(
                arrays && GenMethodModel.IsArrayParameter(p) ? $"gradient.ArrayArgument({array++}, {Names.ArgumentField(p.Name)})"
                : model.IsRealParameter(p) ? $"gradient.Argument(arguments, {real++}, {Names.ArgumentField(p.Name)})"
                : Names.ArgumentField(p.Name));
        return text.ToString();
    }

    /// <summary>
    /// The gradient body in the double[] parameters: the k-th such parameter is the gradient's k-th array (of inputs at
    /// the top, a caller's Real[] in a traced call), a double parameter the caller's Real as in the ordinary body; or why
    /// there is none.
    /// </summary>
    private static void ArrayGradient(CodeWriter w, GenMethodModel model)
    {
        if (model.ArrayGradientObstacle is { } why)
        {
            w.Line();
            w.Line($"protected override string? ArrayGradientObstacle => {Names.Literal(why)};");
        }
        if (model.ArrayGradientBody is null) return;
        w.Line();
        w.Line($"protected override void RunArrayGradient({RunGradientParameters(model)}) => {model.ArrayGradientMethod}(gradient, trace{GradientArguments(model, arrays: true)});");
        w.Line();
        w.Line($"protected override string[] ArrayParameters => new[] {{ {string.Join(", ", model.Parameters.Where(GenMethodModel.IsArrayParameter).Select(p => Names.Literal(p.Name.TrimStart('@'))))} }};");
    }
}
