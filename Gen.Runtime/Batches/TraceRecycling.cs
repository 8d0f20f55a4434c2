using System;

namespace Gen.Internal;

/// <summary>
/// Whether this thread's callee traces are recycled: while ImportanceK fills a batch's rows, a row's traced calls make
/// fresh traces that no one holds once the row is written (the scratch trace drops them), so their functions take them
/// back emptied and the next particle's calls run in them instead of allocating (<see cref="Recycle"/>).
/// </summary>
internal static class TraceRecycling
{
    [ThreadStatic] public static bool Active;

    /// <summary>Gives <paramref name="trace"/> (a written row's callee trace) and the traces below it back to their functions.</summary>
    public static void Recycle(Trace? trace)
    {
        switch (trace)
        {
            case ISlotTrace compiled when !compiled.HasRuntimeAddresses:
                compiled.Recycle();
                break;
            case IIndexedCallsTrace indexed:
                foreach (var call in indexed.Calls) Recycle(call);
                break;
            case IBranchTrace branch:
                Recycle(branch.Branch);
                break;
        }
    }
}
