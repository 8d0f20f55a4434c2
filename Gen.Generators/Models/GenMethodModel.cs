using Gen.Generators.Ir;

namespace Gen.Generators.Models;

/// <summary>A type that encloses a [Gen] method, as the generated partial declaration must repeat it.</summary>
internal sealed record ContainingType(string Keyword, string Name, string TypeParameters, bool IsStatic);

/// <summary>
/// An argument of a [Gen] method (the IR's argument node): its type, name, default and how the IR prints its type;
/// <see cref="Declared"/> is its type as declared, nullable annotations kept, for the factory users call.
/// </summary>
internal sealed record ParameterModel(string Type, string Name, string? DefaultValue, bool IsParams, string Display, string? Declared = null)
{
    /// <summary>The type in the factory's signature: as declared (<c>double[]?</c>), so a null default or argument is no warning.</summary>
    public string FactoryType => Declared ?? Type;
}

/// <summary>
/// Everything the emitters need for one [Gen] method: where to put the code, its signature, its sample-primitive IR
/// (arguments, body, site table) and its trace schema. Plain values only, so the incremental pipeline can cache it.
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
    TraceSchema Trace,
    string Accessibility,
    string? GradientObstacle,
    string? ArgumentGradientObstacle = null,
    IrBlock? ArrayGradientBody = null,
    string? ArrayGradientObstacle = null,
    string? KernelObstacle = "it was not analysed",
    string? DeviceObstacle = null,
    EquatableArray<KernelCallModel> KernelCalls = default)
{
    /// <summary>Why the model has no GPU kernel: it has no kernel form, or its kernel form runs on the host only.</summary>
    public string? GpuObstacle => KernelObstacle ?? DeviceObstacle;

    /// <summary>The generated kernel form (emitted when <see cref="KernelObstacle"/> is null), e.g. <c>__LineKernel</c>.</summary>
    public string KernelStruct => "__" + UniqueName + "Kernel";

    /// <summary>
    /// Whether the gradient body takes its double parameters as <c>Real</c>s carrying gradients (a caller's traced
    /// call passes them); when not, <see cref="ArgumentGradientObstacle"/> says why, for a model with double parameters.
    /// </summary>
    public bool ArgumentsCarryGradient => GradientObstacle is null && ArgumentGradientObstacle is null;

    /// <summary>Whether a parameter is one the gradient body takes as a <c>Real</c>.</summary>
    public bool IsRealParameter(ParameterModel parameter) => ArgumentsCarryGradient && parameter.Type == "double";

    /// <summary>Whether a parameter is a double[] (one dimension), whose elements the array gradient body takes as <c>Real</c>s.</summary>
    public static bool IsArrayParameter(ParameterModel parameter) => parameter.Type == "double[]";

    /// <summary>The generated factory, e.g. <c>LineGen</c>.</summary>
    public string FactoryName => Name + "Gen";

    /// <summary>The generated generative-function class, e.g. <c>__LineFunction</c>.</summary>
    public string FunctionClass => "__" + UniqueName + "Function";

    /// <summary>The generated trace class, e.g. <c>__LineTrace</c>.</summary>
    public string TraceClass => "__" + UniqueName + "Trace";

    /// <summary>The generated body, generic in its mode, e.g. <c>__Line</c>.</summary>
    public string BodyMethod => "__" + UniqueName;

    /// <summary>The gradient body, e.g. <c>__Line_Gradient</c> (emitted when <see cref="GradientObstacle"/> is null).</summary>
    public string GradientMethod => "__" + UniqueName + "_Gradient";

    /// <summary>
    /// The gradient body in the double[] parameters, e.g. <c>__Line_ArrayGradient</c> (emitted when
    /// <see cref="ArrayGradientBody"/> is not null).
    /// </summary>
    public string ArrayGradientMethod => "__" + UniqueName + "_ArrayGradient";

    /// <summary>The slot of a site; null for a site kept in the run-time record.</summary>
    public IrSlot? SlotOf(int site) => Sites[site].Slot is var slot and >= 0 ? Trace.Slots[slot] : null;
}

/// <summary>What parsing one [Gen] method produced: a model to emit (if it can be compiled) and diagnostics.</summary>
/// <remarks>
/// <see cref="Dependencies"/>: the other methods' declarations the parse read (a kernel call's callees), which
/// <see cref="Parsing.ParseCache"/> checks before reusing the result; not part of the model, so that a callee's edit
/// that leaves the caller's code as it was re-emits nothing.
/// </remarks>
internal sealed record ParseResult(GenMethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<BodyDependency> Dependencies = default);
