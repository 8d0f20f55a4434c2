namespace Gen.Generators.Emit;

/// <summary>Fully qualified names of the runtime types generated code uses.</summary>
internal static class Names
{
    public const string Key = "global::Gen.Key";
    public const string Address = "global::Gen.Address";
    public const string ChoiceMap = "global::Gen.ChoiceMap";
    public const string ChoiceMapBuilder = "global::Gen.ChoiceMapBuilder";
    public const string Selection = "global::Gen.Selection";
    public const string State = "global::Gen.Internal.GfiState";
    public const string Gfi = "global::Gen.Internal.Gfi";
    public const string SiteOps = "global::Gen.Internal.SiteOps";
    public const string SiteRecord = "global::Gen.Internal.SiteRecord";

    public static string Trace(string type) => $"global::Gen.Trace<{type}>";
    public static string Function(string type) => $"global::Gen.GenerativeFunction<{type}>";
    public static string Distribution(string type) => $"global::Gen.Distribution<{type}>";
    public static string EditResult(string type) => $"global::Gen.EditResult<{type}>";
    public static string Choice(string type) => $"global::Gen.Internal.Choice<{type}>";
    public static string Indexed(string item) => $"global::Gen.Internal.IndexedSlots<{item}>";

    /// <summary>The body method of a [Gen] method for one GFI mode, e.g. <c>__Line_Simulate</c>.</summary>
    public static string Body(string uniqueName, GfiMode mode) => $"__{uniqueName}_{mode}";

    /// <summary>The helper of one site for one GFI mode, e.g. <c>Simulate0</c>.</summary>
    public static string Helper(GfiMode mode, int site) => $"{mode}{site}";

    /// <summary>The static field holding a constant address.</summary>
    public static string AddressField(string field) => field + "Address";

    /// <summary>The static capacity hint of an indexed slot.</summary>
    public static string Capacity(string field) => "Capacity" + field;

    /// <summary>The function-class field holding an argument (slot fields start with <c>_</c>, so they never collide).</summary>
    public static string ArgumentField(string parameter) => "Arg_" + parameter.TrimStart('@');

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);
}
