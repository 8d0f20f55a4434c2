using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The sites an execution visited at run-time addresses, in program order, with their subtraces: the
/// interpreter's whole trace, and the storage of generated code for addresses it cannot resolve at compile time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SiteRecord
{
    private readonly List<KeyValuePair<Address, Trace>> _sites = new();
    private readonly Dictionary<Address, int> _index = new();
    private HashSet<Address>? _edited;

    /// <summary>A record for one execution of <paramref name="functionName"/> (named in duplicate-address errors).</summary>
    public SiteRecord(string functionName) => FunctionName = functionName;

    /// <summary>The function whose execution this records.</summary>
    public string FunctionName { get; }

    /// <summary>The visited sites in program order.</summary>
    public IReadOnlyList<KeyValuePair<Address, Trace>> Sites => _sites;

    /// <summary>Number of recorded sites.</summary>
    public int Count => _sites.Count;

    /// <summary>Claims <paramref name="address"/> for a site of this execution.</summary>
    /// <exception cref="InvalidOperationException">The address was already visited in this execution.</exception>
    public void Claim(Address address)
    {
        if (!_index.TryAdd(address, -1)) throw Duplicate(address, FunctionName);
    }

    /// <summary>Records the subtrace of a claimed site; <paramref name="edited"/> marks it as an edit of the previous trace's site.</summary>
    public void Record(Address address, Trace subtrace, bool edited = false)
    {
        _index[address] = _sites.Count;
        _sites.Add(new(address, subtrace));
        if (edited) (_edited ??= new()).Add(address);
    }

    /// <summary>The subtrace at <paramref name="address"/>, or null.</summary>
    public Trace? Find(Address address) =>
        _index.TryGetValue(address, out var i) && i >= 0 ? _sites[i].Value : null;

    /// <summary>Whether the site at <paramref name="address"/> was made by editing the previous trace's site.</summary>
    public bool WasEdited(Address address) => _edited is not null && _edited.Contains(address);

    /// <summary>The choices of all recorded sites, placed at their addresses.</summary>
    public void AddChoicesTo(ChoiceMapBuilder builder)
    {
        foreach (var (address, trace) in _sites) builder.AddSubmap(address, trace.Choices);
    }

    /// <summary>The error for a site visited twice in one execution (GEN002 catches constant addresses at compile time).</summary>
    public static InvalidOperationException Duplicate(Address address, string functionName) =>
        new($"The address '{address}' was visited twice in one execution of {functionName}. " +
            "Each random choice needs its own address; inside a loop, include the index, e.g. At(\"y\", i).");
}
