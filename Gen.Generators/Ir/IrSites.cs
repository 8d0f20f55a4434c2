using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>How a sample site samples and scores its value.</summary>
internal enum SiteKind
{
    /// <summary>A built-in or user distribution with static <c>Sample(Key, …)</c>/<c>LogDensity(T, …)</c>: called directly, no allocation.</summary>
    Primitive,

    /// <summary>A <c>Distribution&lt;T&gt;</c> instance: its virtual Sample/LogDensity are called.</summary>
    DistributionObject,

    /// <summary>A traced call of another generative function: its GFI methods are called and its trace kept.</summary>
    Call,
}

/// <summary>
/// One sample site of a [Gen] method. <see cref="Sampler"/> and <see cref="ParameterTypes"/> describe a
/// primitive sampler; <see cref="Slot"/> indexes the storage where the site's value lives in the trace.
/// </summary>
internal sealed record IrSite(
    int Index,
    SiteKind Kind,
    string ValueType,
    string ValueDisplay,
    string DisplayName,
    string? Sampler,
    EquatableArray<string> ParameterTypes,
    int Slot);

/// <summary>Where sites' values live in a generated trace.</summary>
internal enum SlotShape
{
    /// <summary>A typed field, for a compile-time-constant address.</summary>
    Constant,

    /// <summary>A contiguous typed array, for addresses <c>(name, i)</c>.</summary>
    Indexed,

    /// <summary>A run-time record of subtraces, for addresses only known at run time.</summary>
    Dynamic,
}

/// <summary>
/// The storage of one address (or address family) in the generated trace. <see cref="IsCall"/> slots hold
/// subtraces; others hold choices of <see cref="ValueType"/>.
/// </summary>
internal sealed record IrSlot(
    string Field,
    SlotShape Shape,
    bool IsCall,
    string ValueType,
    EquatableArray<AddressPartModel> Address);
