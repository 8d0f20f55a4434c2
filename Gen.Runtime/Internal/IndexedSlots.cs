using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The storage of sites at addresses <c>(name, i)</c> in a generated trace: a contiguous array indexed by i (no
/// dictionary, no boxing, no allocation per site). Items are <see cref="Choice{T}"/> for random choices and
/// <see cref="Trace{R}"/> for traced calls. Indices far outside the dense range fall back to a dictionary.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IndexedSlots<TItem>
{
    private TItem[] _items;
    private bool[] _has;
    private Dictionary<int, TItem>? _sparse;

    /// <summary>Storage presized for indices below <paramref name="capacity"/>.</summary>
    public IndexedSlots(int capacity)
    {
        capacity = Math.Max(capacity, 0);
        _items = new TItem[capacity];
        _has = new bool[capacity];
    }

    /// <summary>Number of stored items.</summary>
    public int Count { get; private set; }

    /// <summary>One past the largest dense index stored: a capacity hint for the next trace.</summary>
    public int Extent { get; private set; }

    /// <summary>Whether index <paramref name="i"/> holds an item.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(int i) => (uint)i < (uint)_has.Length ? _has[i] : _sparse is not null && _sparse.ContainsKey(i);

    /// <summary>The item at <paramref name="i"/>; default when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TItem Get(int i)
    {
        if ((uint)i < (uint)_has.Length) return _items[i];
        return _sparse is not null && _sparse.TryGetValue(i, out var item) ? item : default!;
    }

    /// <summary>Stores an item at an index that holds none yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int i, TItem item)
    {
        // The common case, inlined into generated code: an index inside the presized dense range.
        if ((uint)i < (uint)_has.Length)
        {
            Count++;
            _items[i] = item;
            _has[i] = true;
            if (i >= Extent) Extent = i + 1;
            return;
        }
        SetOutside(i, item);
    }

    private void SetOutside(int i, TItem item)
    {
        Count++;
        if (i >= 0 && (i < _has.Length || i <= 2 * Count + 1024))
        {
            if (i >= _has.Length) Grow(Math.Max(Math.Max(4, _has.Length * 2), i + 1));
            _items[i] = item;
            _has[i] = true;
            if (i >= Extent) Extent = i + 1;
        }
        else
        {
            (_sparse ??= new())[i] = item;
        }
    }

    /// <summary>
    /// Enlarges the dense range and moves into it the overflow entries it now covers: an index inside the dense range
    /// is only ever looked for there.
    /// </summary>
    private void Grow(int size)
    {
        Array.Resize(ref _items, size);
        Array.Resize(ref _has, size);
        if (_sparse is null) return;
        foreach (var index in new List<int>(_sparse.Keys))
        {
            if (index < 0 || index >= size) continue;
            _items[index] = _sparse[index];
            _has[index] = true;
            if (index >= Extent) Extent = index + 1;
            _sparse.Remove(index);
        }
    }

    /// <summary>
    /// The indices stored here but not in <paramref name="next"/> (the choices an update dropped), ascending; null when
    /// there are none — the common case, found by one pass over the presence flags.
    /// </summary>
    public List<int>? DroppedIn(IndexedSlots<TItem> next)
    {
        List<int>? dropped = null;
        var mine = _has;
        var theirs = next._has;
        for (var i = 0; i < Extent; i++)
            if (mine[i] && (i >= theirs.Length || !theirs[i])) (dropped ??= new()).Add(i);
        if (_sparse is not null)
            foreach (var i in _sparse.Keys)
                if (!next.Has(i)) (dropped ??= new()).Add(i);
        dropped?.Sort();
        return dropped;
    }

    /// <summary>The stored (index, item) pairs, ascending by index.</summary>
    public IEnumerable<(int Index, TItem Item)> Entries()
    {
        List<int>? sparse = null;
        if (_sparse is not null)
        {
            sparse = new List<int>(_sparse.Keys);
            sparse.Sort();
            foreach (var i in sparse)
                if (i < 0) yield return (i, _sparse[i]);
        }
        for (var i = 0; i < Extent; i++)
            if (_has[i]) yield return (i, _items[i]);
        if (sparse is null) yield break;
        foreach (var i in sparse)
            if (i >= 0) yield return (i, _sparse![i]);
    }
}
