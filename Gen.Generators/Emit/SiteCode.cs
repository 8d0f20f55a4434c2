using System.Linq;
using Gen.Generators.Ir;
using Gen.Generators.Models;

namespace Gen.Generators.Emit;

/// <summary>
/// The C# snippets for one site with typed storage (a constant or indexed slot): how to test, read and write
/// its storage in a trace, look up its constraint or selection, and sample and score it. Written from inside the
/// generated function class, where the helpers live.
/// </summary>
internal sealed class SiteCode(GenMethodModel model, IrSite site)
{
    public IrSite Site { get; } = site;
    public IrSlot Slot { get; } = model.Slots[site.Slot];

    private bool Indexed => Slot.Shape == SlotShape.Indexed;
    private string Head => Slot.Address[0].Name!;
    private bool SingleName => Slot.Address.Count == 1 && Slot.Address[0].Name is not null;

    public bool IsCall => Site.Kind == SiteKind.Call;
    /// <summary>The site's value type; <c>__T</c> (a type parameter of the helper) when only the compiler can tell it.</summary>
    public string T => Untyped ? "__T" : Site.ValueType;

    /// <summary>A traced call whose type the generator could not see (it depends on generated code): generic helpers.</summary>
    public bool Untyped => Site.ValueType.Length == 0;

    /// <summary>The helper's type parameter list.</summary>
    public string TypeParameters => Untyped ? "<__T>" : "";

    /// <summary>The previous subtrace of a traced call, typed.</summary>
    public string PreviousTrace => Untyped ? $"({Get("__prev")} as {Names.Trace("__T")})" : Get("__prev");
    public string Name => Names.Literal(model.Name);

    /// <summary>The helper's parameters after the trace(s) and state.</summary>
    public string Parameters
    {
        get
        {
            var parameters = Site.Kind switch
            {
                SiteKind.Primitive => Site.ParameterTypes.Select((type, i) => $"{type} __a{i}").ToList(),
                SiteKind.DistributionObject => [$"{Names.Distribution(T)} __d"],
                _ => [$"{Names.Function(T)} __f"],
            };
            if (Indexed) parameters.Add("int __i");
            return string.Join(", ", parameters);
        }
    }

    public string Has(string trace) => Indexed ? $"{trace}.{Slot.Field}.Has(__i)" : IsCall ? $"{trace}.{Slot.Field} is not null" : $"{trace}.{Slot.Field}.Has";

    /// <summary>The stored <c>Choice&lt;T&gt;</c> (choices) or <c>Trace&lt;T&gt;?</c> (calls).</summary>
    public string Get(string trace) => Indexed ? $"{trace}.{Slot.Field}.Get(__i)" : $"{trace}.{Slot.Field}";

    public string Store(string item) => Indexed ? $"__t.{Slot.Field}.Set(__i, {item});" : $"__t.{Slot.Field} = {item};";

    public string NewChoice(string value, string score) => $"new {Names.Choice(T)}({value}, {score})";

    public string Address => Indexed ? $"{Names.Address}.Of({Names.Literal(Head)}, __i)" : Names.AddressField(Slot.Field);

    public string TryGetConstraint(string value) =>
        Indexed ? $"__s.TryGetConstraint<{T}>({Names.Literal(Head)}, __i, out {value})"
        : SingleName ? $"__s.Constraints.TryGet<{T}>({Names.Literal(Head)}, out {value})"
        : $"__s.Constraints.TryGet<{T}>({Address}, out {value})";

    public string Selected =>
        Indexed ? $"__s.Selection.Contains({Names.Literal(Head)}, __i)"
        : SingleName ? $"__s.Selection.Contains({Names.Literal(Head)})"
        : $"__s.Selection.Contains({Address})";

    public string Submap =>
        Indexed ? $"{Names.SiteOps}.Submap(__s.Constraints, {Names.Literal(Head)}, __i)" : $"{Names.SiteOps}.Submap(__s.Constraints, {Address})";

    public string SelectionBelow =>
        Indexed ? $"__s.Selection[{Names.Literal(Head)}][__i]" : $"{Names.SiteOps}.Below(__s.Selection, {Address})";

    /// <summary>Draws the site's value with its key, derived here from the reserved index (only sites that sample need it).</summary>
    public string Sample => Site.Kind == SiteKind.Primitive
        ? $"{Site.Sampler}.Sample(__s.Keys.At(__k){Arguments(", ")})"
        : "__d.Sample(__s.Keys.At(__k))";

    public string LogDensity(string value) => Site.Kind == SiteKind.Primitive
        ? $"{Site.Sampler}.LogDensity({value}{Arguments(", ")})"
        : $"__d.LogDensity({value})";

    public string DuplicateCheck => $"if ({Has("__t")}) throw {Names.Gfi}.Duplicate({Address}, {Name});";

    /// <summary>
    /// In a model that also has run-time addresses, typed sites claim their address in the run-time record too, so a
    /// run-time address that equals a typed one is caught as a duplicate, as the interpreter catches it.
    /// </summary>
    public bool SharesRecord { get; } = model.Slots.Any(s => s.Shape == SlotShape.Dynamic);

    private string Arguments(string prefix) =>
        string.Concat(Site.ParameterTypes.Select((_, i) => prefix + "__a" + i));
}
