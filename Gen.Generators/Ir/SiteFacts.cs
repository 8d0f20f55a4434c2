using System.Collections.Generic;
using Gen.Generators.Models;

namespace Gen.Generators.Ir;

/// <summary>One branch taken on the way to a site: which branching statement, and which arm.</summary>
internal readonly record struct BranchStep(int Branch, int Arm);

/// <summary>
/// What lowering learned about a site beyond the IR: where it is (for diagnostics), which branches lead to it and
/// whether it sits in a loop (for GEN002). Not part of the cached model.
/// </summary>
internal sealed record SiteFacts(
    int Index,
    IrAddress Address,
    bool IsCall,
    string ValueType,
    LocationInfo? Location,
    IReadOnlyList<BranchStep> Path,
    bool InLoop,
    int Line)
{
    /// <summary>Two sites are exclusive when they lie in different arms of one branch: at most one runs.</summary>
    public bool ExclusiveWith(SiteFacts other)
    {
        for (var i = 0; i < Path.Count && i < other.Path.Count; i++)
        {
            if (Path[i] == other.Path[i]) continue;
            return Path[i].Branch == other.Path[i].Branch;
        }
        return false;
    }
}
