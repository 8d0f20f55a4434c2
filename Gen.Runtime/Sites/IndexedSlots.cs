using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace Gen.Internal;

/// <summary>
/// The storage of sites at addresses <c>(name, i)</c> in a generated trace: a contiguous array indexed by i (no
/// dictionary, no boxing, no allocation per site), with a dictionary only for indices far outside the dense range.
/// Items are <see cref="Choice{T}"/> or <see cref="Subtrace"/>; each says itself whether it is present.
/// </summary>
/// <typeparam name="TItem">The slot type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IndexedSlots<TItem> where TItem : struct, ISlot<TItem>
{
    private readonly CapacityHint? _hint;
    private int _hinted; // the hint's value when this storage was made: an extent beyond it raises the hint
    private TItem[] _items;
    private Dictionary<int, TItem>? _sparse;

    /// <summary>Storage presized from <paramref name="hint"/>, the extent the last trace of the model reached.</summary>
    public IndexedSlots(CapacityHint hint)
    {
        _hint = hint;
        _hinted = hint.Value;
        _items = _hinted == 0 ? [] : new TItem[_hinted];
    }

    /// <summary>Storage presized for indices below <paramref name="capacity"/>.</summary>
    public IndexedSlots(int capacity) => _items = new TItem[Math.Max(capacity, 0)];

    private IndexedSlots(IndexedSlots<TItem> source, SlotState state, ref int present)
    {
        _hint = source._hint;
        _hinted = int.MaxValue; // a copy for an edit does not raise the hint (the model's runs do)
        _items = new TItem[source.Extent];
        Extent = source.Extent;
        var items = source._items;
        for (var i = 0; i < Extent; i++)
        {
            if (items[i].State == SlotState.Empty) continue;
            _items[i] = items[i].With(state);
            present++;
        }
        if (source._sparse is null) return;
        _sparse = new Dictionary<int, TItem>(source._sparse.Count);
        foreach (var (i, item) in source._sparse)
        {
            if (item.State == SlotState.Empty) continue;
            _sparse[i] = item.With(state);
            present++;
        }
    }

    /// <summary>One past the largest dense index used.</summary>
    public int Extent { get; private set; }

    /// <summary>
    /// The slot at <paramref name="i"/>, for a site operation to read and write; made (empty) if there is none. The
    /// reference is valid until the next call of this method.
    /// </summary>
    public ref TItem this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            // The common case, inlined into the site: an index inside the presized dense range.
            if ((uint)i < (uint)_items.Length)
            {
                if (i >= Extent) Widen(i);
                return ref _items[i];
            }
            return ref Outside(i);
        }
    }

    /// <summary>The extent grows to <paramref name="i"/> + 1; past the hint, the hint grows with it (so the next trace is allocated at the largest extent a run of the model reached).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Widen(int i)
    {
        Extent = i + 1;
        if (Extent > _hinted) RaiseHint();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RaiseHint()
    {
        _hinted = Extent;
        _hint?.Raise(Extent);
    }

    /// <summary>The dense range's items, 0 … <see cref="Extent"/> − 1 (a batch copies them out row by row).</summary>
    internal ReadOnlySpan<TItem> Dense => _items.AsSpan(0, Extent);

    /// <summary>Whether some item lies outside the dense range.</summary>
    internal bool HasOverflow => _sparse is { Count: > 0 };

    /// <summary>Sets every present item to <paramref name="state"/> where it stands, counting them (a batch's scratch trace edited in place).</summary>
    internal void Mark(SlotState state, ref int present)
    {
        for (var i = 0; i < Extent; i++)
        {
            if (_items[i].State == SlotState.Empty) continue;
            _items[i] = _items[i].With(state);
            present++;
        }
        if (_sparse is null) return;
        foreach (var i in new List<int>(_sparse.Keys))
        {
            if (_sparse[i].State == SlotState.Empty) continue;
            _sparse[i] = _sparse[i].With(state);
            present++;
        }
    }

    /// <summary>Empties the storage, keeping its capacity (a batch reuses one trace for many particles).</summary>
    internal void Clear()
    {
        Array.Clear(_items, 0, Extent);
        Extent = 0;
        _sparse?.Clear();
    }

    /// <summary>The item at <paramref name="i"/> to read (an empty one when there is none); nothing is made or grown.</summary>
    public ref readonly TItem Peek(int i)
    {
        if ((uint)i < (uint)_items.Length) return ref _items[i];
        if (_sparse is not null && _sparse.ContainsKey(i)) return ref CollectionsMarshal.GetValueRefOrNullRef(_sparse, i);
        return ref s_empty;
    }

    private static readonly TItem s_empty = default;

    /// <summary>Whether index <paramref name="i"/> holds an item.</summary>
    public bool Has(int i) => Find(i) is { } item && item.State != SlotState.Empty;

    /// <summary>The item at <paramref name="i"/>; default (empty) when absent.</summary>
    public TItem Get(int i) => Find(i) ?? default;

    /// <summary>Stores <paramref name="item"/> at <paramref name="i"/>.</summary>
    public void Set(int i, TItem item) => this[i] = item;

    /// <summary>The present (index, item) pairs, ascending by index.</summary>
    public IEnumerable<(int Index, TItem Item)> Entries()
    {
        List<int>? sparse = null;
        if (_sparse is not null)
        {
            sparse = new List<int>(_sparse.Keys);
            sparse.Sort();
            foreach (var i in sparse)
                if (i < 0 && _sparse[i].State != SlotState.Empty) yield return (i, _sparse[i]);
        }
        for (var i = 0; i < Extent; i++)
            if (_items[i].State != SlotState.Empty) yield return (i, _items[i]);
        if (sparse is null) yield break;
        foreach (var i in sparse)
            if (i >= 0 && _sparse![i].State != SlotState.Empty) yield return (i, _sparse[i]);
    }

    /// <summary>A copy whose present items are in <paramref name="state"/> (an edit starts from the previous trace's items as <see cref="SlotState.Previous"/>).</summary>
    internal IndexedSlots<TItem> Copy(SlotState state, ref int present) => new(this, state, ref present);

    /// <summary>Empties every item still in <see cref="SlotState.Previous"/> and returns them (ascending index), or null when there are none.</summary>
    internal List<(int Index, TItem Item)>? TakePrevious()
    {
        List<(int Index, TItem Item)>? taken = null;
        foreach (var entry in Entries())
            if (entry.Item.State == SlotState.Previous) (taken ??= new()).Add(entry);
        if (taken is null) return null;
        foreach (var (i, _) in taken)
        {
            if ((uint)i < (uint)_items.Length) _items[i] = default;
            else _sparse!.Remove(i);
        }
        return taken;
    }

    private TItem? Find(int i)
    {
        if ((uint)i < (uint)_items.Length) return _items[i];
        return _sparse is not null && _sparse.TryGetValue(i, out var item) ? item : null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref TItem Outside(int i)
    {
        // Near indices grow the dense range (amortised doubling); far or negative ones go to the dictionary.
        if (i >= 0 && i <= 2 * Extent + 1024)
        {
            Grow(Math.Max(Math.Max(4, _items.Length * 2), i + 1));
            if (i >= Extent) Widen(i);
            return ref _items[i];
        }
        return ref CollectionsMarshal.GetValueRefOrAddDefault(_sparse ??= new(), i, out _);
    }

    /// <summary>Enlarges the dense range and moves into it the overflow entries it now covers: an index inside the dense range is only ever looked for there.</summary>
    private void Grow(int size)
    {
        Array.Resize(ref _items, size);
        if (_sparse is null) return;
        foreach (var index in new List<int>(_sparse.Keys))
        {
            if (index < 0 || index >= size) continue;
            _items[index] = _sparse[index];
            if (index >= Extent) Extent = index + 1;
            _sparse.Remove(index);
        }
    }
}

/// <summary>
/// The largest extent the indexed slots of one address family reached in the model's executions, shared by all its
/// traces so that each new trace is allocated at its final size. Written only when a run goes beyond it, so
/// steady-state runs on many threads never write it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CapacityHint
{
    private int _value;

    /// <summary>The capacity to allocate.</summary>
    public int Value => Volatile.Read(ref _value);

    internal void Raise(int extent)
    {
        if (extent > Volatile.Read(ref _value)) Volatile.Write(ref _value, extent);
    }
}
