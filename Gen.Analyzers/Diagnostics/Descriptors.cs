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
    public const string RuntimeMismatchId = "GEN020";

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

    public static readonly DiagnosticDescriptor RuntimeMismatch = Create(
        RuntimeMismatchId, "Gen's generator and runtime versions differ",
        "Gen's source generator emits code for version {0} of the runtime's generated-code contract, but the referenced Gen.Runtime {1}; no code is generated for '{2}'. Reference one version of the Gen package (its runtime, generator and analyzers ship together).",
        "Gen.Compiler", DiagnosticSeverity.Error,
        "Generated code calls the runtime through a versioned surface (Gen.Internal). A generator of one version cannot compile models against a runtime of another: the package's parts must come from one version.");

    /// <summary>The descriptor with the given id (generator diagnostics travel as ids).</summary>
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        UnseededJitId => UnseededJit,
        DuplicateAddressId => DuplicateAddress,
        UntracedRandomnessId => UntracedRandomness,
        CannotCompileId => CannotCompile,
        AtOutsideGenId => AtOutsideGen,
        RuntimeMismatchId => RuntimeMismatch,
        _ => InternalError,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpRoot + id + ".md");
}
