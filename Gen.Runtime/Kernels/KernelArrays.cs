using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// A <c>double[]</c> argument inside a kernel: the copied body's <c>xs[i]</c> and <c>xs.Length</c> read the packed
/// arguments (header entry: where the array starts; the next: its length). An index out of range faults the particle
/// (the CPU, which runs it again, throws the <c>IndexOutOfRangeException</c>) and reads 0.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct KernelDoubles<TMemory> : IKernelArray<double> where TMemory : struct, IKernelMemory
{
    private readonly TMemory _memory;
    private readonly int _start;
    private readonly int _row;

    /// <summary>The array of parameter header entry <paramref name="header"/>, read by the particle in row <paramref name="row"/>.</summary>
    public KernelDoubles(TMemory memory, int header, int row)
    {
        _memory = memory;
        _start = (int)memory.Argument(header);
        Length = (int)memory.Argument(header + 1);
        _row = row;
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>Element <paramref name="i"/>.</summary>
    public double this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)i < (uint)Length) return _memory.Argument(_start + i);
            _memory.Fault(_row);
            return 0;
        }
    }

    /// <summary>The elements in order: a copied body's <c>foreach (var x in xs)</c> compiles over the argument as over the array.</summary>
    public KernelEnumerator<double, KernelDoubles<TMemory>> GetEnumerator() => new(this, Length);

    /// <inheritdoc />
    public double At(int i) => this[i];
}

/// <summary>The elements of a kernel argument array in order, for <c>foreach</c> (a struct: no allocation, no interface call).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct KernelEnumerator<T, TArray> where TArray : struct, IKernelArray<T>
{
    private readonly TArray _array;
    private readonly int _length;
    private int _index;

    /// <summary>Enumerates the <paramref name="length"/> elements of <paramref name="array"/>.</summary>
    public KernelEnumerator(TArray array, int length)
    {
        _array = array;
        _length = length;
        _index = -1;
    }

    /// <summary>The current element.</summary>
    public readonly T Current => _array.At(_index);

    /// <summary>Moves to the next element.</summary>
    public bool MoveNext() => ++_index < _length;
}

/// <summary>A kernel argument array's elements by index (what <see cref="KernelEnumerator{T, TArray}"/> reads).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IKernelArray<T>
{
    /// <summary>Element <paramref name="i"/>.</summary>
    T At(int i);
}

/// <summary>An <c>int[]</c> argument inside a kernel (stored as doubles, exactly).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct KernelInts<TMemory> : IKernelArray<int> where TMemory : struct, IKernelMemory
{
    private readonly KernelDoubles<TMemory> _values;

    /// <summary>The array of parameter header entry <paramref name="header"/>, read by the particle in row <paramref name="row"/>.</summary>
    public KernelInts(TMemory memory, int header, int row) => _values = new KernelDoubles<TMemory>(memory, header, row);

    /// <summary>The number of elements.</summary>
    public int Length => _values.Length;

    /// <summary>Element <paramref name="i"/>.</summary>
    public int this[int i] => (int)_values[i];

    /// <inheritdoc />
    public int At(int i) => this[i];

    /// <summary>The elements in order, for <c>foreach</c>.</summary>
    public KernelEnumerator<int, KernelInts<TMemory>> GetEnumerator() => new(this, Length);
}

/// <summary>A <c>bool[]</c> argument inside a kernel (stored as 0 and 1).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct KernelBools<TMemory> : IKernelArray<bool> where TMemory : struct, IKernelMemory
{
    private readonly KernelDoubles<TMemory> _values;

    /// <summary>The array of parameter header entry <paramref name="header"/>, read by the particle in row <paramref name="row"/>.</summary>
    public KernelBools(TMemory memory, int header, int row) => _values = new KernelDoubles<TMemory>(memory, header, row);

    /// <summary>The number of elements.</summary>
    public int Length => _values.Length;

    /// <summary>Element <paramref name="i"/>.</summary>
    public bool this[int i] => _values[i] != 0;

    /// <inheritdoc />
    public bool At(int i) => this[i];

    /// <summary>The elements in order, for <c>foreach</c>.</summary>
    public KernelEnumerator<bool, KernelBools<TMemory>> GetEnumerator() => new(this, Length);
}
