using System;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The version of the surface between generated code and the runtime. The generator stamps the version it emits
/// for into every compiled function, and refuses (with a diagnostic) to compile against a runtime of another
/// version; the runtime checks the stamp when a function is created, so a mismatched package is a clear error.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeContract
{
    /// <summary>The contract this runtime implements.</summary>
    public const int Version = 5;

    internal static void Check(int contract, Type function)
    {
        if (contract != Version)
            throw new InvalidOperationException(
                $"{function.FullName} was generated for version {contract} of the Gen runtime's generated-code contract, but the loaded Gen.Runtime " +
                $"({typeof(GeneratedCodeContract).Assembly.GetName().Version}) implements version {Version}. " +
                "Reference a single version of the Gen package (its runtime, generator and analyzers ship together) and rebuild.");
    }
}
