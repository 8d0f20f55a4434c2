namespace Gen.Generators.Emit;

/// <summary>The GFI methods the C# emitter specialises a [Gen] body for.</summary>
internal enum GfiMode
{
    Simulate,
    Generate,
    Assess,
    Update,
    Regenerate,
}

internal static class GfiModes
{
    public static readonly GfiMode[] All = [GfiMode.Simulate, GfiMode.Generate, GfiMode.Assess, GfiMode.Update, GfiMode.Regenerate];

    /// <summary>Whether the mode edits a previous trace (and so takes <c>__prev</c>).</summary>
    public static bool Edits(this GfiMode mode) => mode is GfiMode.Update or GfiMode.Regenerate;

    /// <summary>The <c>SiteOps</c> operation that dynamic-address sites use in this mode.</summary>
    public static string SiteOp(this GfiMode mode) => mode switch
    {
        GfiMode.Simulate or GfiMode.Generate => "Generate",
        _ => mode.ToString(),
    };
}
