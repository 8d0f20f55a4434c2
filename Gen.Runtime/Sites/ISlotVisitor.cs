using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// Visits the typed slots of a generated trace: its schema, one call per constant address or indexed family. The
/// runtime implements every whole-trace operation once as a visitor (building the choice map, reading a choice or a
/// traced call's return value, projecting a selection, copying for an edit, removing what an edit dropped), so
/// generated traces only list their slots.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISlotVisitor
{
    /// <summary>A choice at a constant address.</summary>
    void Choice<T>(SlotKey key, ref Choice<T> slot);

    /// <summary>The choices at <c>(head, i)</c>.</summary>
    void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots);

    /// <summary>A traced call at a constant address.</summary>
    void Call(SlotKey key, ref Subtrace slot);

    /// <summary>The traced calls at <c>(head, i)</c>.</summary>
    void Calls(string head, ref IndexedSlots<Subtrace> slots);
}

/// <summary>A constant address as a trace's schema names it: a name (<c>"slope"</c>) or a whole address.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SlotKey
{
    private readonly string? _name;
    private readonly Address? _address;

    private SlotKey(string? name, Address? address)
    {
        _name = name;
        _address = address;
    }

    /// <summary>A one-part address.</summary>
    public static implicit operator SlotKey(string name) => new(name, null);

    /// <summary>An address of several parts.</summary>
    public static implicit operator SlotKey(Address address) => new(null, address);

    /// <summary>The address as a value.</summary>
    public Address ToAddress() => _address ?? _name!;

    /// <summary>The selection below this address (no allocation for a name).</summary>
    internal Selection Below(Selection selection) => _name is not null ? selection[_name] : _address!.Below(selection);

    /// <summary>Whether <paramref name="address"/> begins with this key; <paramref name="rest"/> is how many parts follow.</summary>
    internal bool Prefixes(Address address, out int rest)
    {
        rest = 0;
        if (_name is not null)
        {
            rest = address.Length - 1;
            return address.Head.Name == _name;
        }
        var parts = _address!.Parts;
        if (address.Length < parts.Count) return false;
        for (var i = 0; i < parts.Count; i++)
            if (!parts[i].Equals(address.Parts[i])) return false;
        rest = address.Length - parts.Count;
        return true;
    }
}
