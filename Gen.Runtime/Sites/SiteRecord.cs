using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The sites an execution visited at run-time addresses, in first-visit order, with their subtraces: the
/// interpreter's whole trace, and the storage of generated code for addresses it cannot resolve at compile time.
/// It also holds the addresses every site of the execution claimed, so that a run-time address equal to a typed
/// one is caught as a duplicate.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SiteRecord
{
    private Entry[] _entries;
    private int _count;
    private readonly Dictionary<Address, int> _index;
    private HashSet<Address>? _claimed;

    private struct Entry
    {
        public Address Address;
        public Subtrace Slot;
    }

    /// <summary>An empty record.</summary>
    public SiteRecord()
    {
        _entries = [];
        _index = new();
    }

    private SiteRecord(SiteRecord source, SlotState state)
    {
        _entries = new Entry[source._count];
        _count = source._count;
        _index = new Dictionary<Address, int>(source._index);
        for (var i = 0; i < _count; i++)
            _entries[i] = new Entry { Address = source._entries[i].Address, Slot = source._entries[i].Slot.With(state) };
    }

    /// <summary>Number of recorded sites.</summary>
    public int Count => _count;

    /// <summary>The recorded sites with their subtraces, in first-visit order.</summary>
    public IEnumerable<(Address Address, Trace Trace)> Sites
    {
        get
        {
            for (var i = 0; i < _count; i++)
                if (_entries[i].Slot.Trace is { } trace) yield return (_entries[i].Address, trace);
        }
    }

    /// <summary>Claims <paramref name="address"/> for a site of this execution.</summary>
    /// <exception cref="InvalidOperationException">The address was already visited in this execution.</exception>
    internal void Claim(Address address, string functionName)
    {
        if (!(_claimed ??= new()).Add(address)) throw Duplicate(address, functionName);
    }

    /// <summary>The slot of the site at <paramref name="address"/> (made empty if new); valid until the next call.</summary>
    internal ref Subtrace Slot(Address address)
    {
        if (!_index.TryGetValue(address, out var i))
        {
            if (_count == _entries.Length) Array.Resize(ref _entries, Math.Max(4, 2 * _count));
            i = _count++;
            _entries[i].Address = address;
            _index[address] = i;
        }
        return ref _entries[i].Slot;
    }

    /// <summary>The subtrace at <paramref name="address"/>, or null.</summary>
    public Trace? Find(Address address) => _index.TryGetValue(address, out var i) ? _entries[i].Slot.Trace : null;

    /// <summary>A copy for an edit: every site as <see cref="SlotState.Previous"/>, no address claimed yet.</summary>
    internal SiteRecord CopyForEdit() => new(this, SlotState.Previous);

    /// <summary>Drops the sites still <see cref="SlotState.Previous"/> after an edit; an update also removes them from the weight (into the discard).</summary>
    internal void Sweep(ref GfiState state, bool remove)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            if (entry.Slot.State == SlotState.Previous)
            {
                if (remove && entry.Slot.Trace is { } trace) state.Remove(entry.Address, trace.Score, trace.Choices);
                continue;
            }
            _entries[kept++] = entry;
        }
        if (kept == _count) return;
        Array.Clear(_entries, kept, _count - kept);
        _count = kept;
        _index.Clear();
        for (var i = 0; i < _count; i++) _index[_entries[i].Address] = i;
    }

    /// <summary>The choices of all recorded sites, placed at their addresses.</summary>
    internal void AddChoicesTo(ChoiceMapBuilder builder)
    {
        foreach (var (address, trace) in Sites) builder.AddSubmap(address, trace.Choices);
    }

    /// <summary>Adds the projections of the recorded sites (Project), each under the selection below its address.</summary>
    internal void Project(ref Projector projector, Selection selection)
    {
        foreach (var (address, trace) in Sites) projector.Sub(trace, address.Below(selection));
    }

    /// <summary>The subtrace of the traced call at exactly <paramref name="address"/> (not a choice), here or inside a recorded call.</summary>
    internal Trace? CallAt(Address address)
    {
        if (Find(address) is { } exact) return exact.IsChoice ? null : exact;
        foreach (var (site, trace) in Sites)
            if (address.StartsWithProperly(site) && trace.CallAt(address.Drop(site.Length)) is { } call) return call;
        return null;
    }

    /// <summary>The error for a site visited twice in one execution (GEN002 catches constant addresses at compile time).</summary>
    internal static InvalidOperationException Duplicate(Address address, string functionName) =>
        new($"The address '{address}' was visited twice in one execution of {functionName}. " +
            "Each random choice needs its own address; inside a loop, include the index, e.g. At(\"y\", i).");
}
