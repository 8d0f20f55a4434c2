using System.Linq;
using Gen.Generators.Ir;
using Gen.Generators.Models;

namespace Gen.Generators.Emit;

/// <summary>
/// Writes the source file for one [Gen] method: the <c>MGen</c> factory, the body generic in its GFI mode (inside the
/// user's own partial class, so names in the copied body resolve as they did), and the nested function and trace
/// classes, which only say how to run the body and which slots the trace has: the runtime does the rest.
/// </summary>
internal static class SourceEmitter
{
    public static string HintName(GenMethodModel model) => FileFrame.HintName(model.Namespace, model.ContainingTypes, model.UniqueName);

    public static string Emit(GenMethodModel model)
    {
        var w = new CodeWriter();
        using (new FileFrame(w, "the [Gen] method " + model.Name, model.Usings.Concat([$"using static {Names.SiteCalls};"]), model.Namespace, model.ContainingTypes))
        {
            Factory(w, model);
            Body(w, model);
            FunctionClassWriter.Write(w, model, IrPrinter.Print(model));
            w.Line();
            TraceClassWriter.Write(w, model);
        }
        return w.ToString();
    }

    private static void Factory(CodeWriter w, GenMethodModel model)
    {
        var parameters = string.Join(", ", model.Parameters.Select(p =>
            (p.IsParams ? "params " : "") + p.FactoryType + " " + p.Name + (p.DefaultValue is null ? "" : " = " + p.DefaultValue)));
        w.Line($"/// <summary>The generative function compiled from the [Gen] method <c>{model.Name}</c>, applied to its arguments.</summary>");
        w.Line($"/// <remarks>Its sample-primitive IR is in <see cref=\"global::Gen.GenerativeFunction{{R}}.Ir\"/>.</remarks>");
        if (model.GpuObstacle is { } obstacle) w.Line($"[{Names.Internal}.NoKernel({Names.Literal(obstacle)})]");
        w.Line($"{model.Accessibility} static {Names.Function(model.ReturnType)} {model.FactoryName}({parameters}) =>");
        // A nullable argument goes on as the model's own body takes it (its null is the model's business, as in a plain call).
        using (w.Indent()) w.Line($"new {model.FunctionClass}({string.Join(", ", model.Parameters.Select(p => p.Declared is null ? p.Name : p.Name + "!"))});");
        w.Line();
    }

    /// <summary>
    /// A gradient body: its double parameters Reals where they carry gradients, and with <paramref name="arrays"/> (the
    /// array gradient body) its double[] parameters Real[]s.
    /// </summary>
    private static void GradientMethod(CodeWriter w, GenMethodModel model, string name, Ir.IrBlock statements, bool arrays)
    {
        w.Line();
        var parameters = string.Concat(model.Parameters.Select(p => ", " +
            (arrays && GenMethodModel.IsArrayParameter(p) ? Ir.Differentiation.Real + "[]" : model.IsRealParameter(p) ? Ir.Differentiation.Real : p.Type) + " " + p.Name));
        w.Line($"private static void {name}(global::Gen.Internal.Gradient {Names.Gradient}, {model.TraceClass} {Names.Trace}{parameters})");
        using (w.Block())
        {
            var body = new BodyWriter(model, gradient: true);
            foreach (var statement in statements.Statements) body.Statement(w, statement);
        }
    }

    /// <summary>The user's body, once, generic in its mode; warnings are off here because the original method reports them already.</summary>
    private static void Body(CodeWriter w, GenMethodModel model)
    {
        var parameters = string.Concat(model.Parameters.Select(p => ", " + p.Type + " " + p.Name));
        w.Line("#nullable restore");
        w.Line("#pragma warning disable");
        w.Line($"private static {model.ReturnType} {model.BodyMethod}<{Names.ModeType}>(ref {Names.ModeType} {Names.Mode}, {model.TraceClass} {Names.Trace}{parameters})");
        using (w.Indent()) w.Line($"where {Names.ModeType} : struct, {Names.SiteMode}");
        using (w.Block())
        {
            var body = new BodyWriter(model);
            foreach (var statement in model.Body.Statements) body.Statement(w, statement);
        }
        if (model.GradientObstacle is null) GradientMethod(w, model, model.GradientMethod, model.Body, arrays: false);
        if (model.ArrayGradientBody is { } arrayBody) GradientMethod(w, model, model.ArrayGradientMethod, arrayBody, arrays: true);
        if (model.KernelObstacle is null) KernelWriter.Write(w, model);
        w.Line("#pragma warning restore");
        w.Line("#nullable enable");
        w.Line();
    }
}
