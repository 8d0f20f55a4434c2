using System;
using System.Collections.Generic;

namespace Gen;

/// <summary>The sites an interpreted execution visited, in program order, with their subtraces.</summary>
internal sealed class SiteRecord
{
    private readonly List<KeyValuePair<Address, Trace>> _sites = new();
    private readonly Dictionary<Address, int> _index = new();
    private readonly string _functionName;

    public SiteRecord(string functionName) => _functionName = functionName;

    public IReadOnlyList<KeyValuePair<Address, Trace>> Sites => _sites;

    public int Count => _sites.Count;

    /// <summary>Claims <paramref name="address"/> for a site of this execution.</summary>
    /// <exception cref="InvalidOperationException">The address was already visited in this execution.</exception>
    public void Claim(Address address)
    {
        if (!_index.TryAdd(address, -1)) throw Duplicate(address, _functionName);
    }

    /// <summary>Records the subtrace of a claimed site.</summary>
    public void Record(Address address, Trace subtrace)
    {
        _index[address] = _sites.Count;
        _sites.Add(new(address, subtrace));
    }

    public bool Contains(Address address) => _index.ContainsKey(address);

    public Trace? Find(Address address) =>
        _index.TryGetValue(address, out var i) && i >= 0 ? _sites[i].Value : null;

    /// <summary>The error for a site visited twice in one execution (GEN002 catches constant addresses at compile time).</summary>
    public static InvalidOperationException Duplicate(Address address, string functionName) =>
        new($"The address '{address}' was visited twice in one execution of {functionName}. " +
            "Each random choice needs its own address; inside a loop, include the index, e.g. At(\"y\", i).");
}
