using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// What one sample site does under each GFI method, for sites whose address is only known at run time. The
/// interpreter's handlers are these operations; generated code calls them for dynamic addresses, so both are
/// the same code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SiteOps
{
    /// <summary>Simulate (empty constraints) or Importance at one site.</summary>
    public static R Generate<R>(SiteRecord sites, ref GfiState state, GenerativeFunction<R> function, Address address)
    {
        sites.Claim(address);
        var key = state.Keys.Next();
        var (trace, weight) = function.GenerateCore(key, Submap(state.Constraints, address), ref state.Used);
        return Keep(sites, ref state, address, trace, weight);
    }

    /// <summary>Assess at one site: the choices must hold the site's value.</summary>
    public static R Assess<R>(SiteRecord sites, ref GfiState state, GenerativeFunction<R> function, Address address)
    {
        sites.Claim(address);
        if (function is Distribution<R> && !state.Constraints.Contains(address)) throw state.Constraints.MissingChoice(address);
        var (weight, retval) = function.AssessCore(state.Constraints.GetSubmap(address), ref state.Used);
        state.Weight += weight;
        return retval;
    }

    /// <summary>Update at one site: edit the previous site if it can be edited, else generate afresh.</summary>
    public static R Update<R>(SiteRecord sites, SiteRecord previous, ref GfiState state, GenerativeFunction<R> function, Address address)
    {
        sites.Claim(address);
        var key = state.Keys.Next();
        var submap = Submap(state.Constraints, address);
        if (previous.Find(address) is Trace<R> old && function.CanEdit(old))
        {
            var edit = function.UpdateCore(key, old, submap, ref state.Used);
            state.Discard(address, edit.Discard);
            return Keep(sites, ref state, address, edit.Trace, edit.Weight, edited: true);
        }
        var (trace, weight) = function.GenerateCore(key, submap, ref state.Used);
        return Keep(sites, ref state, address, trace, weight);
    }

    /// <summary>Regenerate at one site.</summary>
    public static R Regenerate<R>(SiteRecord sites, SiteRecord previous, ref GfiState state, GenerativeFunction<R> function, Address address)
    {
        sites.Claim(address);
        var key = state.Keys.Next();
        if (previous.Find(address) is Trace<R> old && function.CanEdit(old))
        {
            var edit = function.RegenerateCore(key, old, Below(state.Selection, address));
            return Keep(sites, ref state, address, edit.Trace, edit.Weight);
        }
        return Keep(sites, ref state, address, function.SimulateCore(key), 0.0);
    }

    /// <summary>Records a site's subtrace and adds its score and weight, in that order (generated code does the same).</summary>
    private static R Keep<R>(SiteRecord sites, ref GfiState state, Address address, Trace<R> trace, double weight, bool edited = false)
    {
        sites.Record(address, trace, edited);
        state.Score += trace.Score;
        state.Weight += weight;
        return trace.Retval;
    }

    /// <summary>After an update: the previous sites that were not edited are removed.</summary>
    public static void RemoveUnedited(SiteRecord? previous, SiteRecord? current, ref GfiState state)
    {
        if (previous is null) return;
        foreach (var (address, trace) in previous.Sites)
            if (current is null || !current.WasEdited(address)) state.Remove(address, trace.Score, trace.Choices);
    }

    /// <summary>The constraints below <paramref name="address"/>; the shared empty map when there are none at all.</summary>
    public static ChoiceMap Submap(ChoiceMap constraints, Address address) =>
        constraints.IsEmpty ? ChoiceMap.Empty : constraints.GetSubmap(address);

    /// <summary>The constraints below <c>(head, index)</c>, without allocating when there are none.</summary>
    public static ChoiceMap Submap(ChoiceMap constraints, string head, int index) =>
        constraints.IsEmpty ? ChoiceMap.Empty : constraints.GetSubmap(head).GetSubmap(index);

    /// <summary>The selection below <paramref name="address"/>.</summary>
    public static Selection Below(Selection selection, Address address)
    {
        foreach (var part in address.Parts) selection = selection[part];
        return selection;
    }
}
