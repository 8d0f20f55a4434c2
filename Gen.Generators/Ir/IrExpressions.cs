using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>An expression of the sample-primitive IR: C# code, with sample nodes where random choices are made.</summary>
internal abstract record IrExpr;

/// <summary>C# expression text that contains no sample site; every emitter prints it as written.</summary>
internal sealed record IrCode(string Text) : IrExpr;

/// <summary>An expression in which sample sites occur: code fragments and sample nodes, in source order.</summary>
internal sealed record IrSplice(EquatableArray<IrExpr> Parts) : IrExpr;

/// <summary>
/// The sample primitive: <c>receiver.At(address)</c>. <see cref="Site"/> indexes the method's site table, which
/// says what is sampled and where its value is stored. <see cref="Arguments"/> are the distribution's
/// parameters when the site is a primitive sampler; <see cref="Receiver"/> is the whole receiver expression
/// (used when the site is handled as an object: a distribution instance, a traced call or a dynamic address).
/// </summary>
internal sealed record IrSample(int Site, EquatableArray<IrExpr> Arguments, IrExpr Receiver, IrAddress Address) : IrExpr;

/// <summary>One part of a constant address: a name or an index.</summary>
internal sealed record AddressPartModel(string? Name, int Index)
{
    public override string ToString() => Name is null ? Index.ToString() : "\"" + Name + "\"";
}

/// <summary>The address of a sample site, classified by what is known at compile time.</summary>
internal abstract record IrAddress;

/// <summary>Every part known at compile time: <c>"slope"</c>, <c>("first", "slope")</c>.</summary>
internal sealed record ConstantAddress(EquatableArray<AddressPartModel> Parts) : IrAddress;

/// <summary>A constant name and a run-time index: <c>("y", i)</c>.</summary>
internal sealed record IndexedAddress(string Head, IrExpr Index) : IrAddress;

/// <summary>Only known at run time: the arguments of <c>At</c> as written.</summary>
internal sealed record DynamicAddress(EquatableArray<IrExpr> Arguments) : IrAddress;
