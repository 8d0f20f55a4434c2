using System;
using System.Threading;

namespace Gen.Internal;

/// <summary>The batch's rejected particles and their reasons, made when the first is rejected (workers write disjoint indices).</summary>
internal sealed class Rejections(int n)
{
    private Exception?[]? _reasons;

    public Exception?[]? Reasons => _reasons;

    public void Add(int i, Exception reason)
    {
        var reasons = Volatile.Read(ref _reasons) ?? Interlocked.CompareExchange(ref _reasons, new Exception?[n], null) ?? _reasons!;
        reasons[i] = reason;
    }
}
