using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// One particle's execution in a kernel: its key stream (site k uses <c>Root.FoldIn(k)</c>, the rule of docs/keys.md),
/// its score and weight, and what the host must check. A kernel cannot throw, so whatever would throw on the CPU marks
/// the particle <see cref="Faulted"/> and the host runs that particle again on the CPU, which gives the exact outcome
/// (a rejection with its reason, or the error).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct KernelState
{
    /// <summary>The key the particle's execution is rooted at.</summary>
    public Key Root;

    /// <summary>The particle's index within this launch (its row in the value columns).</summary>
    public int Row;

    /// <summary>The next site's key index.</summary>
    public uint Next;

    /// <summary>The log density of every visited choice.</summary>
    public double Score;

    /// <summary>The log density of the constrained choices (Importance's weight).</summary>
    public double Weight;

    /// <summary>How many constrained columns the particle visited, and the sum of their indices (the host compares both).</summary>
    public int Constrained;

    /// <summary>The sum of the visited constrained columns' indices.</summary>
    public long ConstrainedSum;

    /// <summary>Something the CPU path would throw for happened; later sites do nothing.</summary>
    public bool Faulted;

    /// <summary>A particle rooted at <paramref name="root"/>, in row <paramref name="row"/>.</summary>
    public KernelState(Key root, int row)
    {
        Root = root;
        Row = row;
        Next = 0;
        Score = 0;
        Weight = 0;
        Constrained = 0;
        ConstrainedSum = 0;
        Faulted = false;
    }

    /// <summary>Marks the particle for the host to run again on the CPU.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Fault() => Faulted = true;
}
