using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The address of a site in the form the compiler knew it, so that each site operation looks its constraint and
/// selection up in the cheapest way (a name, a name and an index) and materialises an <see cref="Address"/> only for
/// errors and discards. The JIT specialises every operation per address struct, so this costs nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISiteAddress
{
    /// <summary>
    /// Whether one execution can reach this site twice at the same address, so that it must be checked at run time;
    /// false for constant addresses, which GEN002 checks at compile time.
    /// </summary>
    internal bool MayRepeat { get; }

    /// <summary>Whether this is the root of the constraints themselves (a distribution called directly).</summary>
    internal bool IsRoot { get; }

    /// <summary>The constraint (or assessed choice) at this address, if any, typed.</summary>
    internal bool TryGetValue<T>(ref GfiState state, out T value);

    /// <summary>Whether a choice is given at this address.</summary>
    internal bool HasValue(ChoiceMap constraints);

    /// <summary>The constraints below this address; the shared empty map when there are none at all.</summary>
    internal ChoiceMap Submap(ChoiceMap constraints);

    /// <summary>The choices below this address, knowing their full path (for Assess and its error messages).</summary>
    internal ChoiceMap Below(ChoiceMap choices);

    /// <summary>Whether the choice at this address is selected.</summary>
    internal bool IsSelected(Selection selection);

    /// <summary>The selection below this address.</summary>
    internal Selection Below(Selection selection);

    /// <summary>The address as a value (allocates: for errors, discards and run-time records).</summary>
    internal Address ToAddress();
}

/// <summary>A constant one-part address, <c>"slope"</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ConstantName(string name) : ISiteAddress
{
    bool ISiteAddress.MayRepeat => false;
    bool ISiteAddress.IsRoot => false;
    bool ISiteAddress.TryGetValue<T>(ref GfiState state, out T value) => state.Constraints.TryGet(name, out value);
    bool ISiteAddress.HasValue(ChoiceMap constraints) => constraints.Child(name) is { HasValue: true };
    ChoiceMap ISiteAddress.Submap(ChoiceMap constraints) => constraints.IsEmpty ? ChoiceMap.Empty : constraints.GetSubmap(name);
    ChoiceMap ISiteAddress.Below(ChoiceMap choices) => choices.GetSubmap(name);
    bool ISiteAddress.IsSelected(Selection selection) => selection.Contains(name);
    Selection ISiteAddress.Below(Selection selection) => selection[name];
    Address ISiteAddress.ToAddress() => name;
}

/// <summary>An address <c>(name, i)</c> with a constant name and a run-time index, e.g. <c>("y", i)</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct IndexedName(string name, int index) : ISiteAddress
{
    bool ISiteAddress.MayRepeat => true;
    bool ISiteAddress.IsRoot => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    bool ISiteAddress.TryGetValue<T>(ref GfiState state, out T value) => state.TryGetIndexed(name, index, out value);

    bool ISiteAddress.HasValue(ChoiceMap constraints) => constraints.Child(name)?.Child(index) is { HasValue: true };
    ChoiceMap ISiteAddress.Submap(ChoiceMap constraints) => constraints.IsEmpty ? ChoiceMap.Empty : constraints.GetSubmap(name).GetSubmap(index);
    ChoiceMap ISiteAddress.Below(ChoiceMap choices) => choices.GetSubmap(name).GetSubmap(index);
    bool ISiteAddress.IsSelected(Selection selection) => selection.Contains(name, index);
    Selection ISiteAddress.Below(Selection selection) => selection[name][index];
    Address ISiteAddress.ToAddress() => (name, index);
}

/// <summary>Any address as a value: a constant address of several parts, or one only known at run time.</summary>
/// <param name="address">The address.</param>
/// <param name="mayRepeat">Whether the compiler could not rule out a second visit (always true at run-time addresses).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FullAddress(Address address, bool mayRepeat) : ISiteAddress
{
    bool ISiteAddress.MayRepeat => mayRepeat;
    bool ISiteAddress.IsRoot => false;
    bool ISiteAddress.TryGetValue<T>(ref GfiState state, out T value) => state.Constraints.TryGet(address, out value);
    bool ISiteAddress.HasValue(ChoiceMap constraints) => constraints.Contains(address);
    ChoiceMap ISiteAddress.Submap(ChoiceMap constraints) => constraints.IsEmpty ? ChoiceMap.Empty : constraints.GetSubmap(address);
    ChoiceMap ISiteAddress.Below(ChoiceMap choices) => choices.GetSubmap(address);
    bool ISiteAddress.IsSelected(Selection selection) => selection.Contains(address);
    Selection ISiteAddress.Below(Selection selection) => SelectionBelow(selection, address);
    Address ISiteAddress.ToAddress() => address;

    internal static Selection SelectionBelow(Selection selection, Address address)
    {
        foreach (var part in address.Parts) selection = selection[part];
        return selection;
    }
}

/// <summary>The one-part address <c>i</c>: call i of a Vmap, Scan or Repeat.</summary>
internal readonly struct IndexAddress(int index) : ISiteAddress
{
    bool ISiteAddress.MayRepeat => false;
    bool ISiteAddress.IsRoot => false;
    bool ISiteAddress.TryGetValue<T>(ref GfiState state, out T value) => ChoiceMap.TryValue(state.Constraints.Child(index), out value);
    bool ISiteAddress.HasValue(ChoiceMap constraints) => constraints.Child(index) is { HasValue: true };
    ChoiceMap ISiteAddress.Submap(ChoiceMap constraints) => constraints.IsEmpty ? ChoiceMap.Empty : constraints.GetSubmap(index);
    ChoiceMap ISiteAddress.Below(ChoiceMap choices) => choices.GetSubmap(index);
    bool ISiteAddress.IsSelected(Selection selection) => selection[index].ContainsRoot;
    Selection ISiteAddress.Below(Selection selection) => selection[index];
    Address ISiteAddress.ToAddress() => index;
}

/// <summary>The root of the constraints themselves: the one choice of a distribution called directly.</summary>
internal readonly struct RootAddress : ISiteAddress
{
    bool ISiteAddress.MayRepeat => false;
    bool ISiteAddress.IsRoot => true;
    bool ISiteAddress.TryGetValue<T>(ref GfiState state, out T value) => ChoiceMap.TryValue(state.Constraints, out value);
    bool ISiteAddress.HasValue(ChoiceMap constraints) => constraints.HasValue;
    ChoiceMap ISiteAddress.Submap(ChoiceMap constraints) => constraints;
    ChoiceMap ISiteAddress.Below(ChoiceMap choices) => choices;
    bool ISiteAddress.IsSelected(Selection selection) => selection.ContainsRoot;
    Selection ISiteAddress.Below(Selection selection) => selection;
    Address ISiteAddress.ToAddress() => Address.Of("(root)");
}
