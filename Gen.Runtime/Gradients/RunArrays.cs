using System;
using System.Collections.Generic;

namespace Gen.Internal;

/// <summary>
/// Arrays of one type (<typeparamref name="T"/>: Real[], double[], Real[,], double[,]) that a gradient's runs take, reused from run to run: the n-th array a run takes is the n-th of the
/// run before when its shape agrees (a body's arrays do not outlive its run), so a target evaluated many times allocates
/// nothing.
/// </summary>
internal sealed class RunArrays<T>(Func<int, int, T> make) where T : class
{
    private readonly List<T> _arrays = new();
    private int _next;

    /// <summary>Starts a run: its first array is the first of the run before.</summary>
    public void Restart() => _next = 0;

    /// <summary>
    /// The next array, of <paramref name="rows"/> elements (a vector: <paramref name="columns"/> is not read) or
    /// <paramref name="rows"/> × <paramref name="columns"/>; <paramref name="reused"/> says it holds the run before's values.
    /// </summary>
    public T Take(int rows, int columns, out bool reused)
    {
        if (_next < _arrays.Count && Fits(_arrays[_next], rows, columns))
        {
            reused = true;
            return _arrays[_next++];
        }
        var fresh = make(rows, columns);
        if (_next < _arrays.Count) _arrays[_next] = fresh;
        else _arrays.Add(fresh);
        _next++;
        reused = false;
        return fresh;
    }

    private static bool Fits(T item, int rows, int columns) => item is Array array // T is an array type (Array cannot be a constraint)
        && (array.Rank == 1 ? array.Length == rows : array.GetLength(0) == rows && array.GetLength(1) == columns);
}
