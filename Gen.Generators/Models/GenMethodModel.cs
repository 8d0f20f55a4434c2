using Gen.Generators.Ir;

namespace Gen.Generators.Models;

/// <summary>A type that encloses a [Gen] method, as the generated partial declaration must repeat it.</summary>
internal sealed record ContainingType(string Keyword, string Name, string TypeParameters, bool IsStatic);

/// <summary>A parameter of a [Gen] method.</summary>
internal sealed record ParameterModel(string Type, string Name, string? DefaultValue, bool IsParams, string Display);

/// <summary>
/// Everything the emitters need for one [Gen] method: where to put the code, its signature and its
/// sample-primitive IR. Plain values only, so the incremental pipeline can cache it.
/// </summary>
internal sealed record GenMethodModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    EquatableArray<string> Usings,
    string Name,
    string UniqueName,
    string ReturnType,
    string ReturnDisplay,
    EquatableArray<ParameterModel> Parameters,
    IrBlock Body,
    EquatableArray<IrSite> Sites,
    EquatableArray<IrSlot> Slots,
    bool SeesRuntimeInternals,
    string Accessibility)
{
    /// <summary>How the GFI core methods are overridden: a project that sees Gen.Runtime's internals must keep <c>internal</c>.</summary>
    public string OverrideAccess => SeesRuntimeInternals ? "protected internal" : "protected";

    /// <summary>The generated factory, e.g. <c>LineGen</c>.</summary>
    public string FactoryName => Name + "Gen";

    /// <summary>The generated generative-function class, e.g. <c>__LineFunction</c>.</summary>
    public string FunctionClass => "__" + UniqueName + "Function";

    /// <summary>The generated trace class, e.g. <c>__LineTrace</c>.</summary>
    public string TraceClass => "__" + UniqueName + "Trace";
}

/// <summary>What parsing one [Gen] method produced: a model to emit (if it can be compiled) and diagnostics.</summary>
internal sealed record ParseResult(GenMethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
