using System;

namespace Gen.Internal;

/// <summary>
/// One slot of a model's trace across the rows (particles) of a batch chunk: which rows visited it and, for the rows
/// that sampled it, the value. Constrained values are the batch's constraints, the same for every row, so they are
/// not stored; neither are per-site scores (a row's score and weight are columns of their own), which is what keeps a
/// particle at a few bytes per choice.
/// </summary>
internal abstract class Column(SlotKey key, string? head)
{
    /// <summary>The constant address (for a constant slot).</summary>
    public SlotKey Key { get; } = key;

    /// <summary>The head of an indexed family; null for a constant slot.</summary>
    public string? Head { get; } = head;

    /// <summary>The value type.</summary>
    public abstract Type ValueType { get; }

    /// <summary>An empty column of the same slot for <paramref name="rows"/> rows.</summary>
    public abstract Column Empty(int rows);

    /// <summary>Copies row <paramref name="from"/> of <paramref name="source"/> (a column of the same slot) to row <paramref name="to"/>.</summary>
    public abstract void CopyRow(Column source, int from, int to);

    /// <summary>Adds row <paramref name="row"/>'s choices at this slot to <paramref name="builder"/>.</summary>
    public abstract void AddChoices(int row, ChoiceMapBuilder builder, BatchConstraints constraints);

    /// <summary>Bytes held per row (for the memory estimate of a batch).</summary>
    public abstract long BytesPerRow { get; }

    /// <summary>Row <paramref name="row"/>'s value (entry <paramref name="index"/> of an indexed family), boxed: for reads of another static type.</summary>
    public abstract bool TryGetBoxed(int row, int index, BatchConstraints constraints, out object? value);

    // The kernel path (Gen.Runtime.Gpu): a slot's entries as columns of doubles on the device.

    /// <summary>Entries per row: 1 for a constant address, the extent of an indexed family.</summary>
    public abstract int Width { get; }

    /// <summary>Whether the batch's constraints fix entry <paramref name="index"/> (a kernel reads it instead of sampling).</summary>
    public abstract bool FixedAt(int index);

    /// <summary>The constraint of a fixed entry as a kernel reads it (a double; ints and bools exactly).</summary>
    public abstract double KernelConstraint(int index, BatchConstraints constraints);

    /// <summary>
    /// Fills entry <paramref name="index"/> of rows <paramref name="first"/> … from a kernel's values (NaN: not visited);
    /// a fixed entry has no values, and every row the kernel ran to the end (<paramref name="complete"/>) visited it.
    /// </summary>
    public abstract void ReadKernel(int index, int first, ReadOnlySpan<double> values, ReadOnlySpan<bool> complete);
}

/// <summary>Converts choice values to and from the doubles a kernel stores (exact for the value types of the kernel subset).</summary>
internal static class KernelValues
{
    public static double ToDouble<T>(T value) => value switch
    {
        double d => d,
        int i => i,
        bool b => b ? 1 : 0,
        _ => throw new NotSupportedException($"A kernel cannot hold a choice of type {typeof(T)}."),
    };

    public static T From<T>(double value)
    {
        if (typeof(T) == typeof(double)) return (T)(object)value;
        if (typeof(T) == typeof(bool)) return (T)(object)(value != 0);
        if (typeof(T) == typeof(int)) return (T)(object)(int)value;
        throw new NotSupportedException($"A kernel cannot hold a choice of type {typeof(T)}.");
    }
}

/// <summary>A constant-address choice across rows.</summary>
internal sealed class ChoiceColumn<T>(SlotKey key, int rows, bool constrained) : Column(key, null)
{
    private readonly bool[] _present = new bool[rows];
    private T[]? _values; // made when a row samples the choice (never when it is constrained)

    /// <summary>Whether the batch's constraints fix this choice (then rows store only whether they visited it).</summary>
    public bool Constrained { get; } = constrained;

    public override Type ValueType => typeof(T);

    public override long BytesPerRow => 1 + (Constrained ? 0 : System.Runtime.CompilerServices.Unsafe.SizeOf<T>());

    /// <summary>Stores row <paramref name="row"/>'s slot.</summary>
    public void Write(int row, in Choice<T> slot)
    {
        if (!slot.Has) return;
        _present[row] = true;
        if (!Constrained) (_values ??= new T[_present.Length])[row] = slot.Value;
    }

    /// <summary>Row <paramref name="row"/>'s value, if it visited the slot.</summary>
    public bool TryGet(int row, BatchConstraints constraints, out T value)
    {
        value = default!;
        if (!_present[row]) return false;
        value = Constrained ? constraints.Value<T>(Key.ToAddress()) : _values![row];
        return true;
    }

    public override bool TryGetBoxed(int row, int index, BatchConstraints constraints, out object? value)
    {
        var present = TryGet(row, constraints, out var typed);
        value = typed;
        return present;
    }

    public override Column Empty(int rows) => new ChoiceColumn<T>(Key, rows, Constrained);

    public override void CopyRow(Column source, int from, int to)
    {
        var other = (ChoiceColumn<T>)source;
        if (!other._present[from]) return;
        _present[to] = true;
        if (!Constrained) (_values ??= new T[_present.Length])[to] = other._values![from];
    }

    public override void AddChoices(int row, ChoiceMapBuilder builder, BatchConstraints constraints)
    {
        if (TryGet(row, constraints, out var value)) builder.Add(Key.ToAddress(), value!);
    }

    public override int Width => 1;

    public override bool FixedAt(int index) => Constrained;

    public override double KernelConstraint(int index, BatchConstraints constraints) => KernelValues.ToDouble(constraints.Value<T>(Key.ToAddress()));

    public override void ReadKernel(int index, int first, ReadOnlySpan<double> values, ReadOnlySpan<bool> complete)
    {
        for (var r = 0; r < complete.Length; r++)
        {
            if (!complete[r]) continue;
            if (Constrained) _present[first + r] = true;
            else if (!double.IsNaN(values[r]))
            {
                _present[first + r] = true;
                (_values ??= new T[_present.Length])[first + r] = KernelValues.From<T>(values[r]);
            }
        }
    }
}

/// <summary>The choices at <c>(head, i)</c> across rows: a block of <see cref="Extent"/> entries per row.</summary>
/// <param name="head">The family's name.</param>
/// <param name="rows">The rows of the chunk.</param>
/// <param name="constrained">Per index, whether the batch's constraints fix the choice.</param>
internal sealed class IndexedColumn<T>(string head, int rows, bool[] constrained) : Column(default, head)
{
    private readonly int _rows = rows;
    private readonly bool[] _constrained = constrained;
    private bool[] _present = [];
    private T[]? _values;

    /// <summary>The number of entries per row.</summary>
    public int Extent { get; private set; }

    public override Type ValueType => typeof(T);

    public override long BytesPerRow => Extent * (1L + System.Runtime.CompilerServices.Unsafe.SizeOf<T>());

    private bool IsConstrained(int i) => (uint)i < (uint)_constrained.Length && _constrained[i];

    /// <summary>Stores row <paramref name="row"/>'s entries.</summary>
    public void Write(int row, IndexedSlots<Choice<T>> slots)
    {
        if (slots.Extent > Extent) Widen(slots.Extent);
        var start = row * Extent;
        var items = slots.Dense;
        for (var i = 0; i < items.Length; i++)
        {
            if (!items[i].Has) continue;
            _present[start + i] = true;
            if (!IsConstrained(i)) (_values ??= new T[_present.Length])[start + i] = items[i].Value;
        }
    }

    /// <summary>Row <paramref name="row"/>'s entry <paramref name="i"/>, if it visited it.</summary>
    public bool TryGet(int row, int i, BatchConstraints constraints, out T value)
    {
        value = default!;
        if ((uint)i >= (uint)Extent || !_present[row * Extent + i]) return false;
        value = IsConstrained(i) ? constraints.Value<T>(Address.Of(Head!, i)) : _values![row * Extent + i];
        return true;
    }

    public override bool TryGetBoxed(int row, int index, BatchConstraints constraints, out object? value)
    {
        var present = TryGet(row, index, constraints, out var typed);
        value = typed;
        return present;
    }

    public override Column Empty(int rows)
    {
        var empty = new IndexedColumn<T>(Head!, rows, _constrained);
        empty.Widen(Extent);
        return empty;
    }

    public override void CopyRow(Column source, int from, int to)
    {
        var other = (IndexedColumn<T>)source;
        if (other.Extent > Extent) Widen(other.Extent);
        for (var i = 0; i < other.Extent; i++)
        {
            if (!other._present[from * other.Extent + i]) continue;
            _present[to * Extent + i] = true;
            if (!IsConstrained(i)) (_values ??= new T[_present.Length])[to * Extent + i] = other._values![from * other.Extent + i];
        }
    }

    public override void AddChoices(int row, ChoiceMapBuilder builder, BatchConstraints constraints)
    {
        for (var i = 0; i < Extent; i++)
            if (TryGet(row, i, constraints, out var value)) builder.Add(Address.Of(Head!, i), value!);
    }

    public override int Width => Extent;

    public override bool FixedAt(int index) => IsConstrained(index);

    public override double KernelConstraint(int index, BatchConstraints constraints) => KernelValues.ToDouble(constraints.Value<T>(Address.Of(Head!, index)));

    public override void ReadKernel(int index, int first, ReadOnlySpan<double> values, ReadOnlySpan<bool> complete)
    {
        var constrained = IsConstrained(index);
        for (var r = 0; r < complete.Length; r++)
        {
            if (!complete[r]) continue;
            var at = (first + r) * Extent + index;
            if (constrained) _present[at] = true;
            else if (!double.IsNaN(values[r]))
            {
                _present[at] = true;
                (_values ??= new T[_present.Length])[at] = KernelValues.From<T>(values[r]);
            }
        }
    }

    /// <summary>Grows every row's block to <paramref name="extent"/> entries (rare: the first rows set it).</summary>
    private void Widen(int extent)
    {
        var present = new bool[_rows * extent];
        var values = _values is null ? null : new T[_rows * extent];
        for (var row = 0; row < _rows && Extent > 0; row++)
        {
            Array.Copy(_present, row * Extent, present, row * extent, Extent);
            if (values is not null) Array.Copy(_values!, row * Extent, values, row * extent, Extent);
        }
        _present = present;
        _values = values;
        Extent = extent;
    }
}
