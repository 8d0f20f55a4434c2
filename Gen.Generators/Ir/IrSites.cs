using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>A random choice: <c>normal(mu, sigma).At(address)</c>. <see cref="Site"/> indexes the method's site table.</summary>
internal sealed record IrChoice(int Site, IrDistribution Distribution, IrAddress Address) : IrExpr;

/// <summary>A traced call of another generative function: <c>LineGen(xs).At(address)</c>.</summary>
/// <param name="GradientArguments">
/// When continuous values reach the callee's arguments: the arguments of its double parameters, which the gradient body
/// hands to the callee's gradient body (empty otherwise).
/// </param>
/// <param name="GradientArrays">
/// When continuous values reach the callee's double[] parameters: one per such parameter, in order, the local holding
/// them (a <c>Real[]</c> in the gradient body) or <c>null</c> for one given constants (empty otherwise).
/// </param>
internal sealed record IrTracedCall(int Site, IrExpr Callee, IrAddress Address, EquatableArray<IrExpr> GradientArguments, EquatableArray<IrExpr> GradientArrays) : IrExpr;

/// <summary>What a choice samples from.</summary>
internal abstract record IrDistribution;

/// <summary>
/// A built-in (or user) distribution made by a <c>[SamplerFactory]</c>, sampled through its value-type primitive:
/// <c>normal(0, 1)</c> is <c>new Normal.Primitive(0, 1)</c>. <see cref="Factory"/> is the factory as written, for the
/// object form a run-time address needs.
/// </summary>
/// <param name="Differentiable">Whether the primitive gives gradients (implements <c>IDifferentiablePrimitive</c>).</param>
/// <param name="Vector">Whether the value is a double[] whose gradient flows through its value (<c>IDifferentiableVectorDensity</c>).</param>
/// <param name="GradientSite">
/// The gradient's site operation for a vector parameter that carries gradients — <c>MvNormalChoice</c> (an mv_normal's
/// mean), <c>DirichletChoice</c> (a dirichlet's concentrations), <c>CategoricalChoice</c> (a categorical's
/// probabilities) — or for a discrete value's scalar parameters, <c>DiscreteChoice</c> — or null.
/// </param>
internal sealed record IrPrimitive(string Name, string Factory, string Primitive, EquatableArray<IrExpr> Arguments, bool Differentiable = false, bool Vector = false,
    string? GradientSite = null) : IrDistribution;

/// <summary>A distribution object (any expression of a <c>Distribution&lt;T&gt;</c> type): its virtual sampler and density.</summary>
internal sealed record IrDistributionObject(IrExpr Value) : IrDistribution;

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

/// <summary>A site of the method: its value type and where the trace stores it.</summary>
internal sealed record IrSite(int Index, string ValueType, string ValueDisplay, int Slot)
{
    /// <summary>A traced call whose value type the generator cannot see (it depends on generated code): the compiler infers it.</summary>
    public bool Untyped => ValueType.Length == 0;
}
