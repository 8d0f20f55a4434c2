using System.Collections.Generic;
using System.Linq;
using Gen.Diagnostics;
using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>
/// Lays out the trace (its <see cref="TraceSchema"/>): a typed field per constant address, a typed array per
/// <c>(name, i)</c> family, and a run-time record for everything else. Reports GEN002 for a constant address that one
/// execution can sample twice.
/// </summary>
internal static class SlotPlanner
{
    /// <summary>The trace schema, and each site's slot (−1 for a site kept in the run-time record).</summary>
    public static (TraceSchema Schema, int[] SiteSlots) Plan(IReadOnlyList<SiteFacts> sites, IReadOnlyList<IrSite> table)
    {
        var slots = new List<IrSlot>();
        var siteSlots = new int[sites.Count];
        var fields = new HashSet<string>();
        var runtime = false;

        foreach (var family in sites.GroupBy(Head))
        {
            var members = family.ToList();
            // Traced calls whose value type is unknown while the generator runs (receivers built from generated code,
            // e.g. Vmap(PointGen, xs)) still get a slot: the compiler infers their type. Unknown types mixed with known
            // ones at one address, and addresses only known at run time, go to the run-time record.
            if (family.Key is null || !Typed(members, out var shape))
            {
                foreach (var site in members) siteSlots[site.Index] = -1;
                runtime = true;
                continue;
            }
            if (shape == SlotShape.Indexed)
            {
                var first = members[0];
                var index = Add(slots, fields, new IrSlot(FieldName(family.Key), SlotShape.Indexed, first.IsCall, first.ValueType,
                    table[first.Index].ValueDisplay, new[] { new AddressPartModel(family.Key, 0) }.ToEquatableArray()));
                foreach (var site in members) siteSlots[site.Index] = index;
                continue;
            }
            foreach (var address in members.GroupBy(s => ((ConstantAddress)s.Address).Parts))
            {
                var first = address.First();
                var index = Add(slots, fields, new IrSlot(FieldName(string.Join("_", address.Key.Select(p => p.Name ?? p.Index.ToString()))),
                    SlotShape.Constant, first.IsCall, first.ValueType, table[first.Index].ValueDisplay, address.Key));
                foreach (var site in address) siteSlots[site.Index] = index;
            }
        }
        return (new TraceSchema(slots.ToEquatableArray(), runtime), siteSlots);
    }

    /// <summary>GEN002: the same constant address twice on one path, or a constant address inside a loop.</summary>
    public static IEnumerable<DiagnosticInfo> Duplicates(IReadOnlyList<SiteFacts> sites, string methodName)
    {
        var constant = sites.Where(s => s.Address is ConstantAddress).ToList();
        foreach (var site in constant)
        {
            var text = Print((ConstantAddress)site.Address);
            var earlier = constant.FirstOrDefault(o => o.Index < site.Index && o.Address.Equals(site.Address) && !o.ExclusiveWith(site));
            if (earlier is not null)
                yield return new DiagnosticInfo(Descriptors.DuplicateAddressId, site.Location,
                    new[] { text, methodName, $"it is already sampled on line {earlier.Line}" }.ToEquatableArray());
            else if (site.InLoop)
                yield return new DiagnosticInfo(Descriptors.DuplicateAddressId, site.Location,
                    new[] { text, methodName, "the address is constant but the site is inside a loop; include the loop index, e.g. At(\"y\", i)" }.ToEquatableArray());
        }
    }

    public static string Print(ConstantAddress address) =>
        address.Parts.Count == 1 ? address.Parts[0].ToString() : "(" + string.Join(", ", address.Parts.Select(p => p.ToString())) + ")";

    /// <summary>The first name of a site's address; null when it is only known at run time.</summary>
    private static string? Head(SiteFacts site) => site.Address switch
    {
        ConstantAddress c when c.Parts[0].Name is { } name => name,
        ConstantAddress c => "[" + c.Parts[0].Index + "]",
        IndexedAddress i => i.Head,
        _ => null,
    };

    /// <summary>
    /// Whether a family of sites under one head can have typed storage: all indexed with one value type and kind,
    /// or all constant with, per address, one value type and kind and no address a prefix of another.
    /// </summary>
    private static bool Typed(List<SiteFacts> members, out SlotShape shape)
    {
        shape = SlotShape.Constant;
        if (members.Any(m => m.ValueType.Length == 0) && !members.All(m => m.IsCall && m.ValueType.Length == 0)) return false;
        if (members.All(m => m.Address is IndexedAddress))
        {
            shape = SlotShape.Indexed;
            return members.Select(m => (m.IsCall, m.ValueType)).Distinct().Count() == 1;
        }
        if (!members.All(m => m.Address is ConstantAddress)) return false;
        shape = SlotShape.Constant;
        var addresses = members.GroupBy(m => ((ConstantAddress)m.Address).Parts).ToList();
        if (addresses.Any(a => a.Select(m => (m.IsCall, m.ValueType)).Distinct().Count() > 1)) return false;
        var keys = addresses.Select(a => a.Key).ToList();
        return !keys.Any(a => keys.Any(b => !a.Equals(b) && IsPrefix(a, b)));
    }

    private static bool IsPrefix(EquatableArray<AddressPartModel> prefix, EquatableArray<AddressPartModel> address)
    {
        if (prefix.Count >= address.Count) return false;
        for (var i = 0; i < prefix.Count; i++)
            if (!prefix[i].Equals(address[i])) return false;
        return true;
    }

    private static int Add(List<IrSlot> slots, HashSet<string> fields, IrSlot slot)
    {
        var name = slot.Field;
        for (var n = 2; !fields.Add(name); n++) name = slot.Field + "_" + n;
        slots.Add(slot with { Field = name });
        return slots.Count - 1;
    }

    /// <summary>A C# field name for an address: <c>_</c> and its text, other characters replaced (never a keyword or a Trace member).</summary>
    private static string FieldName(string text) =>
        "_" + new string(text.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
}
