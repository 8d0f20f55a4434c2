namespace Gen.Internal;

/// <summary>
/// Runs calls of one compiled class — the same body, each call with its own arguments and key — through the class's
/// kernel form into a chunk's columns (a Scan step of N particles), on this thread or on a backend (a device): what
/// <see cref="CallRows{R}"/> writes row by row through a scratch trace, without the trace, the GFI state or the
/// constraint look-ups. A row the kernel cannot give exactly (a fault, a call of another class, other constraints
/// visited than the layout's) is left for the caller to run on the CPU. Shared by the workers: each call uses only its
/// own arrays.
/// </summary>
internal abstract class CallKernel<R>
{
    /// <summary>How many constraints the layout fixes: a row the kernel completes consumed exactly these.</summary>
    public abstract int ConstraintCount { get; }

    /// <summary>
    /// Runs row r's call <c>calls[r]</c> (none: the row is skipped) under the Importance rule at <c>keys[r]</c> on this
    /// thread, then adds the columns to <paramref name="chunk"/> (which has none yet) with the completed rows' values.
    /// </summary>
    public abstract CallKernelResults<R> Run(BatchChunk chunk, GenerativeFunction<R>?[] calls, Key[] keys);

    /// <summary>The same rows on <paramref name="backend"/>, for all particles at once; their columns are added by <see cref="Read"/>.</summary>
    public abstract CallKernelResults<R> RunOn(IKernelBackend backend, GenerativeFunction<R>?[] calls, Key[] keys);

    /// <summary>Adds the columns of rows <paramref name="first"/> … of <paramref name="results"/> (a chunk's) to <paramref name="chunk"/>, which has none yet.</summary>
    public abstract void Read(BatchChunk chunk, CallKernelResults<R> results, int first);
}

/// <summary>What a <see cref="CallKernel{R}"/> gave its rows: per row its return value, score and weight where <see cref="Complete"/>.</summary>
internal sealed class CallKernelResults<R>(KernelResults<R> results, bool[] complete)
{
    /// <summary>The kernel's results (its value rows are read into columns, then returned with <see cref="KernelResults{R}.Dispose"/>).</summary>
    public KernelResults<R> Kernel { get; } = results;

    /// <summary>Whether the kernel gave row r's outcome exactly (else the caller runs it on the CPU).</summary>
    public bool[] Complete { get; } = complete;

    public R Retval(int row) => Kernel.Retvals[row];

    public double Score(int row) => Kernel.Scores[row];

    public double Weight(int row) => Kernel.Weights[row];
}
