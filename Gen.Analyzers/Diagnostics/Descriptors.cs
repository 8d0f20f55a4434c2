using Microsoft.CodeAnalysis;

namespace Gen.Diagnostics;

/// <summary>
/// Every diagnostic of Gen for .NET, in one place. This file is compiled into both Gen.Analyzers and
/// Gen.Generators (linked), so ids, titles and help links cannot drift apart.
/// </summary>
internal static class Descriptors
{
    public const string InternalErrorId = "GEN000";
    public const string UnseededJitId = "GEN001";
    public const string DuplicateAddressId = "GEN002";
    public const string UntracedRandomnessId = "GEN003";
    public const string CannotCompileId = "GEN004";
    public const string AtOutsideGenId = "GEN005";
    public const string InstanceGenMethodId = "GEN006";
    public const string GenericGenMethodId = "GEN007";
    public const string GenMethodReturnsNoValueId = "GEN008";
    public const string AsyncGenMethodId = "GEN009";
    public const string ByRefGenParameterId = "GEN010";
    public const string IteratorGenMethodId = "GEN011";
    public const string FileLocalGenTypeId = "GEN012";
    public const string GenMethodWithoutBodyId = "GEN013";

    private const string DeclarationCategory = "Gen.Declarations";
    public const string RuntimeMismatchId = "GEN014";
    public const string NoGradientId = "GEN015";
    public const string NotDifferentiableId = "GEN016";
    public const string NotKernelId = "GEN017";
    public const string GpuFoldedConstantsId = "GEN018";

    private const string HelpRoot = "https://github.com/gen-dotnet/gen/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor InternalError = Create(
        InternalErrorId, "Internal error in Gen's compiler",
        "Gen's {0} failed on this code: {1}. Please report it with the code that triggers it.",
        "Gen.Compiler", DiagnosticSeverity.Warning,
        "The generator or an analyzer met an unexpected failure. The failure is reported instead of crashing the build.");

    public static readonly DiagnosticDescriptor UnseededJit = Create(
        UnseededJitId, "Jitting unseeded generative code bakes the key in",
        "'{0}' reaches {1} without going through Seed: compiled for repeated execution it would return the same \"random\" value on every call. {2}",
        "Gen.Randomness", DiagnosticSeverity.Warning,
        "Compiling a computation for repeated execution (Jit, batched or GPU execution: any parameter marked [RequiresSeed]) fixes whatever key it would draw at compile time. Seed the function so that each call takes its own key: Jit(Seed(f)), then pass a fresh key per call.");

    public static readonly DiagnosticDescriptor DuplicateAddress = Create(
        DuplicateAddressId, "Address sampled twice",
        "The address {0} is sampled more than once in one execution of '{1}': {2}",
        "Gen.Addresses", DiagnosticSeverity.Error,
        "Every random choice in one execution needs its own address. Inside a loop, include the loop index: At(\"y\", i).");

    public static readonly DiagnosticDescriptor UntracedRandomness = Create(
        UntracedRandomnessId, "Untraced randomness in a [Gen] body",
        "'{0}' draws randomness that the trace does not record, so inference cannot see or reproduce it; sample from a distribution with .At(...) instead",
        "Gen.Randomness", DiagnosticSeverity.Warning,
        "Randomness from System.Random, Random.Shared, Guid.NewGuid and the like bypasses the trace and the key stream: the model's density is wrong and Seed cannot reproduce it.");

    public static readonly DiagnosticDescriptor CannotCompile = Create(
        CannotCompileId, "Gen cannot compile this [Gen] method",
        "{0}",
        "Gen.Compiler", DiagnosticSeverity.Error,
        "The [Gen] method uses a construct the generator cannot lower to its sample-primitive IR, or is declared in a way it cannot extend.");

    public static readonly DiagnosticDescriptor AtOutsideGen = Create(
        AtOutsideGenId, ".At(...) outside a [Gen] body",
        "'{0}' is a sample site outside any [Gen] method: it is not traced and draws unseeded randomness here. Move it into a [Gen] method, or call Sample/Simulate if an untraced draw is intended.",
        "Gen.Addresses", DiagnosticSeverity.Warning,
        ".At(...) records a random choice only while a generative function runs. Elsewhere it samples with a fresh key and records nothing.");

    // Declaration rules (Gen.Analyzers/Diagnostics/DeclarationRules.cs): a [Gen] method the generator cannot extend.
    // Reported by analyzers; the generator emits nothing for such a method and reports nothing.

    public static readonly DiagnosticDescriptor InstanceGenMethod = Create(
        InstanceGenMethodId, "[Gen] method is an instance method",
        "[Gen] method '{0}' is an instance method; make it static (instance generative functions are not supported yet)",
        DeclarationCategory, DiagnosticSeverity.Error,
        "The generator adds a static factory MGen(args) beside each [Gen] method and compiles the body into static code, so a [Gen] method must be static. Pass what the method read from the instance as arguments.");

    public static readonly DiagnosticDescriptor GenericGenMethod = Create(
        GenericGenMethodId, "[Gen] method is generic",
        "[Gen] method '{0}' is generic; generic generative functions are not supported. Write one [Gen] method per concrete type.",
        DeclarationCategory, DiagnosticSeverity.Error,
        "The generator specialises each [Gen] method's trace storage to the types of its choices, which a type parameter leaves open.");

    public static readonly DiagnosticDescriptor GenMethodReturnsNoValue = Create(
        GenMethodReturnsNoValueId, "[Gen] method returns void or by reference",
        "[Gen] method '{0}' returns {1}; a generative function returns a value. {2}",
        DeclarationCategory, DiagnosticSeverity.Error,
        "A generative function's return value is part of its trace (Trace<R>.Retval): it must be a value, not void and not a reference.");

    public static readonly DiagnosticDescriptor AsyncGenMethod = Create(
        AsyncGenMethodId, "[Gen] method is async",
        "[Gen] method '{0}' is async; generative functions run synchronously. Remove 'async' and return the value itself.",
        DeclarationCategory, DiagnosticSeverity.Error,
        "Every GFI operation (Simulate, Assess, Importance, Update, Regenerate) runs a [Gen] body synchronously, start to finish, on one key stream.");

    public static readonly DiagnosticDescriptor ByRefGenParameter = Create(
        ByRefGenParameterId, "[Gen] method parameter passed by reference",
        "parameter '{0}' of [Gen] method '{1}' is passed by {2}; pass arguments by value (return several results as a tuple)",
        DeclarationCategory, DiagnosticSeverity.Error,
        "A generative function's arguments are stored in its trace and replayed by Update and Regenerate, so they are passed by value.");

    public static readonly DiagnosticDescriptor IteratorGenMethod = Create(
        IteratorGenMethodId, "[Gen] method is an iterator",
        "[Gen] method '{0}' is an iterator; generative functions return a single value. Collect the values and return an array or list instead of using yield.",
        DeclarationCategory, DiagnosticSeverity.Error,
        "A lazily enumerated body would sample its choices after the generative function returned, outside its trace.");

    public static readonly DiagnosticDescriptor FileLocalGenType = Create(
        FileLocalGenTypeId, "[Gen] method uses a file-local type",
        "the [Gen] method '{0}' {1} the file-local type '{2}'; its compiled code lives in another file, where file-local types are not visible. Make the type internal.",
        DeclarationCategory, DiagnosticSeverity.Error,
        "The generator emits each [Gen] method's compiled code into a file of its own; a file-local (file class) type is visible only in the file that declares it.");

    public static readonly DiagnosticDescriptor GenMethodWithoutBody = Create(
        GenMethodWithoutBodyId, "[Gen] method has no body",
        "[Gen] method '{0}' has no body; the generator compiles a generative function from the body. Give it a block or expression body (for a partial method, put [Gen] on the declaration that implements it).",
        DeclarationCategory, DiagnosticSeverity.Error,
        "A partial method's defining declaration, an extern or an abstract method has no body for the generator to compile.");
    public static readonly DiagnosticDescriptor RuntimeMismatch = Create(
        RuntimeMismatchId, "Gen's generator and runtime versions differ",
        "Gen's source generator emits code for version {0} of the runtime's generated-code contract, but the referenced Gen.Runtime {1}; no code is generated for '{2}'. Reference one version of the Gen package (its runtime, generator and analyzers ship together).",
        "Gen.Compiler", DiagnosticSeverity.Error,
        "Generated code calls the runtime through a versioned surface (Gen.Internal). A generator of one version cannot compile models against a runtime of another: the package's parts must come from one version.");

    public static readonly DiagnosticDescriptor NoGradient = Create(
        NoGradientId, "This [Gen] method has no gradient",
        "'{0}' gets no gradient body: {1}. trace.Gradients, Mcmc.Hmc, Mcmc.Mala, Nuts.Run and Optimize.Map throw NotSupportedException for it; every other operation works.",
        "Gen.Gradients", DiagnosticSeverity.Info,
        "The generator compiles a reverse-mode gradient of each [Gen] method whose continuous values flow only through the differentiable subset (arithmetic, Math functions, comparisons, loops, branches, arrays of doubles, differentiable distributions). This message names the first construct outside it.");

    public static readonly DiagnosticDescriptor NotDifferentiable = Create(
        NotDifferentiableId, "This [Differentiable] method cannot be differentiated",
        "'{0}' is marked [Differentiable], but {1}. Its Real overload throws NotSupportedException, so models that call it with continuous values get no gradient.",
        "Gen.Gradients", DiagnosticSeverity.Warning,
        "A [Differentiable] helper gets an overload over Gen.Internal.Real compiled from its body, for gradient bodies to call. It must be a static, non-generic method of partial types returning double, with by-value parameters, whose continuous values flow only through the differentiable subset.");

    public static readonly DiagnosticDescriptor NotKernel = Create(
        NotKernelId, "This [Gen] method cannot run on a GPU",
        "'{0}' cannot run on a GPU: {1}. This call throws NotSupportedException; run it on the CPU (the same call without the device), or keep the model in the kernel subset (docs/gpu.md).",
        "Gen.Gpu", DiagnosticSeverity.Warning,
        "The generator compiles a GPU kernel form of each [Gen] method in the kernel subset: value-type computation over double, int and bool arguments and arrays of them, Math functions, loops and branches, and choices of normal, uniform, exponential, flip, bernoulli, lognormal, half_normal, laplace, cauchy, half_cauchy, geometric and uniform_discrete at constant or (name, i) addresses. A model passed to a GPU API must have one; this names the first construct that keeps it out.");

    public static readonly DiagnosticDescriptor GpuFoldedConstants = Create(
        GpuFoldedConstantsId, "On a GPU these two constants are folded into one",
        "On a GPU, ILGPU computes '{0}' with its two constants folded into one, which rounds differently from the CPU: combine the constants yourself, or keep the inner operation with PortableMath.Opaque (docs/gpu.md).",
        "Gen.Gpu", DiagnosticSeverity.Info,
        "A [Gen] method in the GPU kernel subset runs on the GPU as ILGPU compiles it, and ILGPU's IR builder reassociates constants as if floating point were real arithmetic: (x + c1) + c2 and (x - c1) - c2 become one operation with c1 + c2, (x * c1) * c2 one with c1 * c2 (exact when either is a power of two), c1 - (c2 - x) becomes (c1 - c2) + x. The GPU's particles then differ from the CPU's in the last bits. Writing the constants combined, or the inner operation as PortableMath.Opaque(x - c1), gives both the same bits.");

    /// <summary>The descriptor with the given id (generator diagnostics travel as ids).</summary>
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        UnseededJitId => UnseededJit,
        DuplicateAddressId => DuplicateAddress,
        UntracedRandomnessId => UntracedRandomness,
        CannotCompileId => CannotCompile,
        AtOutsideGenId => AtOutsideGen,
        InstanceGenMethodId => InstanceGenMethod,
        GenericGenMethodId => GenericGenMethod,
        GenMethodReturnsNoValueId => GenMethodReturnsNoValue,
        AsyncGenMethodId => AsyncGenMethod,
        ByRefGenParameterId => ByRefGenParameter,
        IteratorGenMethodId => IteratorGenMethod,
        FileLocalGenTypeId => FileLocalGenType,
        GenMethodWithoutBodyId => GenMethodWithoutBody,
        RuntimeMismatchId => RuntimeMismatch,
        NoGradientId => NoGradient,
        NotDifferentiableId => NotDifferentiable,
        NotKernelId => NotKernel,
        _ => InternalError,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpRoot + id + ".md");
}
