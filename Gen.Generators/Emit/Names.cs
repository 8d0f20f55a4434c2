namespace Gen.Generators.Emit;

/// <summary>Fully qualified names of the runtime types generated code uses (the generated-code surface, Gen.Internal).</summary>
internal static class Names
{
    public const string Address = "global::Gen.Address";
    public const string Internal = "global::Gen.Internal";
    public const string SiteMode = Internal + ".ISiteMode";
    public const string SiteCalls = Internal + ".SiteCalls";
    public const string Subtrace = Internal + ".Subtrace";
    public const string CapacityHint = Internal + ".CapacityHint";

    public static string Function(string type) => $"global::Gen.GenerativeFunction<{type}>";
    public static string CompiledFunction(string type, string trace) => $"{Internal}.CompiledFunction<{type}, {trace}>";
    public static string CompiledTrace(string type) => $"{Internal}.CompiledTrace<{type}>";
    public static string Choice(string type) => $"{Internal}.Choice<{type}>";
    public static string Indexed(string item) => $"{Internal}.IndexedSlots<{item}>";

    /// <summary>The body's mode type parameter and its parameters (named so as not to meet the user's own names).</summary>
    public const string ModeType = "__TMode";
    public const string Mode = "__mode";
    public const string Trace = "__trace";
    public const string Gradient = "__gradient";

    /// <summary>The kernel form's memory type parameter and its parameters.</summary>
    public const string MemoryType = "__TMemory";
    public const string KernelState = "__state";
    public const string KernelStateParameter = "__kernelState";
    public const string KernelValue = "__value";

    /// <summary>The kernel form's locals holding slot k's first column and (for a family) its extent.</summary>
    public static string KernelOffset(int slot) => "__offset" + slot;
    public static string KernelExtent(int slot) => "__extent" + slot;
    public const string KernelMemory = "__memory";

    /// <summary>The function-class field holding an argument.</summary>
    public static string ArgumentField(string parameter) => "_" + parameter.TrimStart('@');

    /// <summary>The static field holding a multi-part constant address, or the capacity hint of an indexed family.</summary>
    public static string StaticField(string field) => "s" + field;

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"Gen.Generators\", \"0.2.0\")]";
}
