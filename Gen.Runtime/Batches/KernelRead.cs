using System;

namespace Gen.Internal;

/// <summary>
/// A kernel's value rows read into a batch's columns on all cores: contiguous ranges of rows, each written by one
/// thread (a column's rows are independent, so the result is the same on any number of cores).
/// </summary>
internal static class KernelRead
{
    private const int RowsPerChunk = 1 << 14;

    /// <summary>Calls <paramref name="read"/> with (first row, end row) over ranges covering <c>0 … rows − 1</c>.</summary>
    public static void ByRows(int rows, Action<int, int> read)
    {
        if (rows <= RowsPerChunk)
        {
            read(0, rows);
            return;
        }
        Batch.RunChunks(rows, RowsPerChunk, (chunk, count) => read(chunk * RowsPerChunk, chunk * RowsPerChunk + count), null, "columns");
    }
}
