using System;

namespace Gen.Internal;

/// <summary>
/// A kernel's value rows read into a batch's columns on all cores: contiguous ranges of rows, each written by one
/// thread (a column's rows are independent, so the result is the same on any number of cores).
/// </summary>
internal static class KernelRead
{
    private const int RowsPerChunk = 1 << 14;

    /// <summary>
    /// Calls <paramref name="read"/> with (first row, end row) over ranges covering <c>0 … rows − 1</c>, on as many
    /// cores as <paramref name="options"/> allow.
    /// </summary>
    public static void ByRows(int rows, InferenceOptions? options, Action<int, int> read)
    {
        if (rows <= RowsPerChunk)
        {
            read(0, rows);
            return;
        }
        // The options' cores only: the inference reported its own progress, and columns made when first read (long
        // after a device's call) must not fail because the call's cancellation token was cancelled since.
        Batch.RunChunks(rows, RowsPerChunk, (chunk, count) => read(chunk * RowsPerChunk, chunk * RowsPerChunk + count),
            options is null ? null : options with { Progress = null, Cancellation = default }, "columns");
    }
}
