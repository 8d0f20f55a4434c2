using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// A model's arguments packed for its kernel form: two header entries per parameter (a scalar's value; an array's
/// start and length), then the arrays' elements, all as doubles (ints and bools exactly). Generated code adds the
/// arguments in parameter order; the kernel reads them through <see cref="IKernelMemory.Argument"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KernelArguments
{
    private readonly List<double> _header = new();
    private readonly List<(int Entry, double[] Values)> _arrays = new();

    /// <summary>A <c>double</c> parameter.</summary>
    public void Add(double value)
    {
        _header.Add(value);
        _header.Add(0);
    }

    /// <summary>An <c>int</c> parameter.</summary>
    public void Add(int value) => Add((double)value);

    /// <summary>A <c>bool</c> parameter.</summary>
    public void Add(bool value) => Add(value ? 1.0 : 0.0);

    /// <summary>A <c>double[]</c> parameter (null reads as empty: the CPU run of the first particle has already reported a null the body uses).</summary>
    public void Add(double[]? values) => AddArray(values ?? []);

    /// <summary>An <c>int[]</c> parameter.</summary>
    public void Add(int[]? values) => AddArray(Array.ConvertAll(values ?? [], v => (double)v));

    /// <summary>A <c>bool[]</c> parameter.</summary>
    public void Add(bool[]? values) => AddArray(Array.ConvertAll(values ?? [], v => v ? 1.0 : 0.0));

    private void AddArray(double[] values)
    {
        _arrays.Add((_header.Count, values));
        _header.Add(0); // the start, known once the header is complete
        _header.Add(values.Length);
    }

    /// <summary>The packed buffer.</summary>
    internal double[] Pack()
    {
        double[] packed = [];
        PackInto(ref packed);
        return packed;
    }

    /// <summary>Empties the arguments, to pack another call's into the same buffer (<see cref="PackInto"/>).</summary>
    internal void Clear()
    {
        _header.Clear();
        _arrays.Clear();
    }

    /// <summary>How many entries the packed arguments take.</summary>
    internal int Length
    {
        get
        {
            var length = _header.Count;
            foreach (var (_, values) in _arrays) length += values.Length;
            return length;
        }
    }

    /// <summary>Packs the arguments into <paramref name="buffer"/>, replaced (true) only when it is too short.</summary>
    internal bool PackInto(ref double[] buffer)
    {
        var length = Length;
        var replaced = buffer.Length < length;
        if (replaced) buffer = new double[length];
        _header.CopyTo(buffer);
        var next = _header.Count;
        foreach (var (entry, values) in _arrays)
        {
            buffer[entry] = next;
            values.CopyTo(buffer, next);
            next += values.Length;
        }
        return replaced;
    }
}
