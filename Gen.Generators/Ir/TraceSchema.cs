using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>
/// The trace of a [Gen] method as the generator lays it out: one typed slot per constant address or indexed
/// family, and whether some sites have addresses known only at run time (kept in a run-time record).
/// </summary>
internal sealed record TraceSchema(EquatableArray<IrSlot> Slots, bool HasRuntimeAddresses);

/// <summary>How a slot stores its sites.</summary>
internal enum SlotShape
{
    /// <summary>A typed field, for a compile-time-constant address.</summary>
    Constant,

    /// <summary>A contiguous typed array, for addresses <c>(name, i)</c>.</summary>
    Indexed,
}

/// <summary>
/// One slot of the trace: a choice of <see cref="ValueType"/> (or, for <see cref="IsCall"/>, a subtrace) at a
/// constant address, or a family of them at <c>(head, i)</c>.
/// </summary>
internal sealed record IrSlot(string Field, SlotShape Shape, bool IsCall, string ValueType, string ValueDisplay, EquatableArray<AddressPartModel> Address)
{
    /// <summary>The head name of an indexed family.</summary>
    public string Head => Address[0].Name!;

    /// <summary>Whether the address is one name (the common case, looked up without building an address).</summary>
    public bool IsSingleName => Address.Count == 1 && Address[0].Name is not null;
}
