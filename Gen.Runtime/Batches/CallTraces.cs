using System.Collections.Generic;

namespace Gen.Internal;

/// <summary>A trace whose typed slots the batch layout can write into columns: a generated trace.</summary>
internal interface ISlotTrace
{
    /// <summary>Whether some of its sites are addressed only at run time (the columns cannot hold those).</summary>
    bool HasRuntimeAddresses { get; }

    /// <summary>Lists the slots to <paramref name="visitor"/>, in declaration order.</summary>
    void VisitSlots<TVisitor>(ref TVisitor visitor) where TVisitor : struct, ISlotVisitor;

    /// <summary>Empties the trace (its callees' traces recycled first) and gives it back to its function to run again.</summary>
    void Recycle();
}

/// <summary>The trace of a Vmap, Repeat or Scan: call k's subtrace at index k.</summary>
internal interface IIndexedCallsTrace
{
    IReadOnlyList<Trace> Calls { get; }
}

/// <summary>The trace of a distribution called as a generative function: one value at the call's own address.</summary>
internal interface ILeafTrace
{
    /// <summary>A column for such values at <paramref name="key"/> of <paramref name="outer"/> (the constraints the call's address is in).</summary>
    Column NewColumn(SlotKey key, int rows, BatchConstraints outer);

    /// <summary>Stores the value in row <paramref name="row"/> of <paramref name="column"/>; with <paramref name="check"/>, a fixed one must be the constraint.</summary>
    void Write(Column column, int row, BatchConstraints outer, bool check);
}

/// <summary>The trace of a Switch: the branch taken and its trace (whose choices are the Switch's).</summary>
internal interface IBranchTrace
{
    int Index { get; }

    Trace Branch { get; }
}
