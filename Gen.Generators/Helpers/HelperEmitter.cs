using System.Linq;
using Gen.Generators.Emit;

namespace Gen.Generators.Helpers;

/// <summary>Writes a [Differentiable] helper's Real overload into the helper's own partial type.</summary>
internal static class HelperEmitter
{
    public static string HintName(HelperModel model) => FileFrame.HintName(model.Namespace, model.ContainingTypes, model.UniqueName + ".Real");

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static string Emit(HelperModel model)
    {
        var w = new CodeWriter();
        using (new FileFrame(w, "the [Differentiable] method " + model.Name, model.Usings, model.Namespace, model.ContainingTypes))
        {
            w.Line($"/// <summary>{Xml(model.Signature)} over <c>Real</c> numbers, for gradient bodies (compiled from its body).</summary>");
            w.Line(Names.GeneratedCode);
            w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
            w.Line("#pragma warning disable");
            var signature = $"{model.Accessibility} static {Ir.Differentiation.Real} {model.Name}({model.Parameters})";
            if (model.Body is null)
            {
                w.Line($"{signature} =>");
                using (w.Indent())
                    w.Line($"throw new global::System.NotSupportedException({Names.Literal($"{model.Signature} is marked [Differentiable], but {model.Obstacle}: gradients cannot flow through it.")});");
            }
            else if (model.Body.StartsWith("=>", System.StringComparison.Ordinal))
                w.Line(signature + " " + model.Body.Replace("\r\n", "\n").Replace("\n", " ") + ";");
            else
            {
                w.Line(signature);
                foreach (var line in model.Body.Replace("\r\n", "\n").Split('\n')) w.Line(line);
            }
            w.Line("#pragma warning restore");
        }
        return w.ToString();
    }
}
