using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// A <c>double[]</c> argument inside a kernel: the copied body's <c>xs[i]</c> and <c>xs.Length</c> read the packed
/// arguments (header entry: where the array starts; the next: its length).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct KernelDoubles<TMemory> where TMemory : struct, IKernelMemory
{
    private readonly TMemory _memory;
    private readonly int _start;

    /// <summary>The array of parameter header entry <paramref name="header"/>.</summary>
    public KernelDoubles(TMemory memory, int header)
    {
        _memory = memory;
        _start = (int)memory.Argument(header);
        Length = (int)memory.Argument(header + 1);
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>Element <paramref name="i"/>.</summary>
    public double this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _memory.Argument(_start + i);
    }
}

/// <summary>An <c>int[]</c> argument inside a kernel (stored as doubles, exactly).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct KernelInts<TMemory> where TMemory : struct, IKernelMemory
{
    private readonly KernelDoubles<TMemory> _values;

    /// <summary>The array of parameter header entry <paramref name="header"/>.</summary>
    public KernelInts(TMemory memory, int header) => _values = new KernelDoubles<TMemory>(memory, header);

    /// <summary>The number of elements.</summary>
    public int Length => _values.Length;

    /// <summary>Element <paramref name="i"/>.</summary>
    public int this[int i] => (int)_values[i];
}

/// <summary>A <c>bool[]</c> argument inside a kernel (stored as 0 and 1).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct KernelBools<TMemory> where TMemory : struct, IKernelMemory
{
    private readonly KernelDoubles<TMemory> _values;

    /// <summary>The array of parameter header entry <paramref name="header"/>.</summary>
    public KernelBools(TMemory memory, int header) => _values = new KernelDoubles<TMemory>(memory, header);

    /// <summary>The number of elements.</summary>
    public int Length => _values.Length;

    /// <summary>Element <paramref name="i"/>.</summary>
    public bool this[int i] => _values[i] != 0;
}
