using System;
using System.Collections.Generic;

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
    /// Fills the column from a kernel's results (<paramref name="results"/>). A row the kernel ran to the end visited every
    /// fixed entry (a completed Importance uses all its constraints), so fixed entries share <c>results.Complete</c>
    /// as their "visited" flags instead of storing their own: a row run again on the CPU and copied in sets its flag.
    /// </summary>
    public abstract void ReadKernel(in KernelColumnResults results);

    /// <summary>Row <paramref name="row"/>'s entry <paramref name="index"/> as a kernel reads it (a double), or NaN where the row has none: an edit's previous values.</summary>
    public abstract double KernelValue(int row, int index, BatchConstraints constraints);

    /// <summary>Whether two values are the same: bit for bit for floating point (−0 is not 0), else by equality.</summary>
    protected static bool Same<T>(T a, T b) => a switch
    {
        double x when b is double y => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        float x when b is float y => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        _ => EqualityComparer<T>.Default.Equals(a, b),
    };
}

/// <summary>
/// A kernel's results as a column reads them: per entry its value row (−1 for a fixed entry), the value rows, the
/// complete rows, and the inference's options (the cores the read may use).
/// </summary>
internal readonly ref struct KernelColumnResults(ReadOnlySpan<int> storage, double[][] values, bool[] complete, InferenceOptions? options)
{
    /// <summary>Per entry of the column, its value row in <see cref="Values"/>, or −1 when the constraints fix it.</summary>
    public ReadOnlySpan<int> Storage { get; } = storage;

    /// <summary>Value row s of row r at <c>Values[s][r]</c>; NaN where the row did not visit the entry.</summary>
    public double[][] Values { get; } = values;

    /// <summary>The rows the kernel ran to the end (shared by the fixed entries of every column).</summary>
    public bool[] Complete { get; } = complete;

    public int Rows => Complete.Length;

    /// <summary>The options of the inference the batch is for (null: the defaults).</summary>
    public InferenceOptions? Options { get; } = options;

    /// <summary>Value row <paramref name="storage"/> of every row.</summary>
    public ReadOnlySpan<double> Row(int storage) => Values[storage].AsSpan(0, Rows);
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
    private bool[] _present = new bool[rows]; // for a fixed choice of a kernel's batch, its complete rows (shared)
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

    /// <summary>Whether the column can hold <paramref name="slot"/>: not fixed by the constraints, or holding their value.</summary>
    public bool Holds(in Choice<T> slot, BatchConstraints constraints) =>
        !slot.Has || !Constrained || Same(slot.Value, constraints.Value<T>(Key.ToAddress()));

    /// <summary>Row <paramref name="row"/>'s value, if it visited the slot.</summary>
    public bool TryGet(int row, BatchConstraints constraints, out T value)
    {
        value = default!;
        if (!_present[row]) return false;
        value = Constrained ? constraints.Value<T>(Key.ToAddress()) : _values![row];
        return true;
    }

    private object? _kernelConstraint; // a constrained column's value as a boxed double, read once (a reference: safe to set from many threads)

    public override double KernelValue(int row, int index, BatchConstraints constraints)
    {
        if (index != 0 || !_present[row]) return double.NaN;
        return Constrained ? (double)(_kernelConstraint ??= KernelValues.ToDouble(constraints.Value<T>(Key.ToAddress()))) : KernelValues.ToDouble(_values![row]);
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

    public override void ReadKernel(in KernelColumnResults results)
    {
        if (Constrained)
        {
            _present = results.Complete;
            return;
        }
        var source = results.Values[results.Storage[0]];
        var (complete, present, values) = (results.Complete, _present, _values ??= new T[_present.Length]);
        KernelRead.ByRows(complete.Length, results.Options, (first, end) =>
        {
            for (var r = first; r < end; r++)
            {
                var value = source[r];
                if (!complete[r] || double.IsNaN(value)) continue;
                present[r] = true;
                values[r] = KernelValues.From<T>(value);
            }
        });
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
    private bool[]? _visitedFixed; // for a kernel's batch: row r visited every fixed entry iff _visitedFixed[r] (shared)

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
            Mark(start + i);
            if (!IsConstrained(i)) (_values ??= new T[_rows * Extent])[start + i] = items[i].Value;
        }
    }

    /// <summary>Whether the column can hold <paramref name="slots"/>: each entry the constraints fix holds their value.</summary>
    public bool Holds(IndexedSlots<Choice<T>> slots, BatchConstraints constraints)
    {
        if (_constrained.Length == 0) return true; // a family the constraints do not touch
        var items = slots.Dense;
        for (var i = 0; i < items.Length; i++)
            if (items[i].Has && IsConstrained(i) && !Same(items[i].Value, Fixed(i, constraints))) return false;
        return true;
    }

    /// <summary>Row <paramref name="row"/>'s entry <paramref name="i"/>, if it visited it.</summary>
    public bool TryGet(int row, int i, BatchConstraints constraints, out T value)
    {
        value = default!;
        if ((uint)i >= (uint)Extent || !Present(row, i)) return false;
        value = IsConstrained(i) ? Fixed(i, constraints) : _values![row * Extent + i];
        return true;
    }

    public override double KernelValue(int row, int index, BatchConstraints constraints) =>
        TryGet(row, index, constraints, out var value) ? KernelValues.ToDouble(value) : double.NaN;

    private FamilyValues<T>? _fixed; // the family's constraints as a typed array, read once

    /// <summary>The constraint at entry <paramref name="i"/>: from the typed array where the family has one, else from the map.</summary>
    private T Fixed(int i, BatchConstraints constraints)
    {
        var typed = _fixed ??= constraints.Values<T>(Head!);
        return typed is not null && typed.TryGet(i, out var value) ? value : constraints.Value<T>(Address.Of(Head!, i));
    }

    public override bool TryGetBoxed(int row, int index, BatchConstraints constraints, out object? value)
    {
        var present = TryGet(row, index, constraints, out var typed);
        value = typed;
        return present;
    }

    private bool Present(int row, int i) =>
        _visitedFixed is not null && IsConstrained(i) ? _visitedFixed[row] : _present.Length > 0 && _present[row * Extent + i];

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
            if (!other.Present(from, i)) continue;
            if (_visitedFixed is not null && IsConstrained(i)) _visitedFixed[to] = true;
            else Mark(to * Extent + i);
            if (!IsConstrained(i)) (_values ??= new T[_rows * Extent])[to * Extent + i] = other._values![from * other.Extent + i];
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

    public override void ReadKernel(in KernelColumnResults results)
    {
        var complete = results.Complete;
        _visitedFixed = complete;
        // The entries the kernel stored (not fixed by the constraints), each with its value row.
        var entries = new List<(int Index, double[] Row)>();
        for (var i = 0; i < Extent; i++)
            if (results.Storage[i] >= 0) entries.Add((i, results.Values[results.Storage[i]]));
        if (entries.Count == 0) return;
        if (_present.Length == 0) _present = new bool[_rows * Extent];
        var (present, values, extent) = (_present, _values ??= new T[_rows * Extent], Extent);
        // Row by row, so that each row's block is written at once (the value rows are read as many streams).
        KernelRead.ByRows(complete.Length, results.Options, (first, end) =>
        {
            for (var r = first; r < end; r++)
            {
                if (!complete[r]) continue;
                foreach (var (i, row) in entries)
                {
                    var value = row[r];
                    if (double.IsNaN(value)) continue;
                    present[r * extent + i] = true;
                    values[r * extent + i] = KernelValues.From<T>(value);
                }
            }
        });
    }

    /// <summary>Marks an entry visited; the flags are made when first needed (a family of fixed entries in a kernel's batch needs none).</summary>
    private void Mark(int at)
    {
        if (_present.Length == 0) _present = new bool[_rows * Extent];
        _present[at] = true;
    }

    /// <summary>Grows every row's block to <paramref name="extent"/> entries (rare: the first rows set it).</summary>
    private void Widen(int extent)
    {
        var present = _present.Length == 0 ? [] : new bool[_rows * extent];
        var values = _values is null ? null : new T[_rows * extent];
        for (var row = 0; row < _rows && Extent > 0; row++)
        {
            if (present.Length > 0) Array.Copy(_present, row * Extent, present, row * extent, Extent);
            if (values is not null) Array.Copy(_values!, row * Extent, values, row * extent, Extent);
        }
        _present = present;
        _values = values;
        Extent = extent;
    }
}
