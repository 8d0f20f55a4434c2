namespace Gen.Internal;

/// <summary>
/// Runs calls of one compiled class — the same body, each call with its own arguments and key — through the class's
/// kernel form into a chunk's columns (a Scan step of N particles): what <see cref="CallRows{R}"/> writes row by row
/// through a scratch trace, without the trace, the GFI state or the constraint look-ups. A row the kernel cannot give
/// exactly (a fault, a call of another class, other constraints visited than the layout's) is left for the caller to run
/// on the CPU. Shared by the workers: each <see cref="Run"/> uses only its own arrays.
/// </summary>
internal abstract class CallKernel<R>
{
    /// <summary>How many constraints the layout fixes: a row the kernel completes consumed exactly these.</summary>
    public abstract int ConstraintCount { get; }

    /// <summary>
    /// Runs row r's call <c>calls[r]</c> (none: the row is skipped) under the Importance rule at <c>keys[r]</c>, giving its
    /// return value, score and weight and whether the kernel completed it, then adds the chunk's columns (in slot order,
    /// the completed rows' values in them) to <paramref name="chunk"/>, which must have none yet.
    /// </summary>
    public abstract void Run(BatchChunk chunk, GenerativeFunction<R>?[] calls, Key[] keys, R[] retvals, double[] scores, double[] weights, bool[] complete);
}
