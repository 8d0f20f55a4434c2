namespace Gen.Generators.Emit;

/// <summary>
/// The version of the runtime surface (Gen.Internal) the emitted code is written against; it must equal the
/// runtime's <c>Gen.Internal.GeneratedCodeContract.Version</c>, which the parser checks (GEN014) and every compiled
/// function checks again when it is created.
/// </summary>
internal static class GeneratedCodeContract
{
    public const int Version = 5;
}
