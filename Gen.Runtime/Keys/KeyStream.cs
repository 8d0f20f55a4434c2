using System.Runtime.CompilerServices;

namespace Gen;

/// <summary>
/// The keys of one execution, in program order: the k-th key drawn is <c>Root.FoldIn(k)</c>.
/// Every sample site draws exactly one key, whether it samples, is constrained or is kept by an edit,
/// so the interpreter, generated code and GPU kernels derive the same key for the same site
/// (docs/keys.md states the rule in full).
/// </summary>
public struct KeyStream
{
    private readonly bool _single;

    /// <summary>A stream whose keys are derived from <paramref name="root"/>.</summary>
    public KeyStream(Key root)
    {
        Root = root;
        Count = 0;
        _single = false;
    }

    private KeyStream(Key key, bool single)
    {
        Root = key;
        Count = 0;
        _single = single;
    }

    /// <summary>
    /// The stream of a single site whose key is given: a distribution called directly (its caller drew the key), so that
    /// the site rule it runs samples with exactly that key.
    /// </summary>
    internal static KeyStream OfSite(Key key) => new(key, single: true);

    /// <summary>The key every key of this stream is derived from.</summary>
    public Key Root { get; }

    /// <summary>How many keys were drawn so far.</summary>
    public uint Count { get; private set; }

    /// <summary>The next key: <c>Root.FoldIn(Count++)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Key Next() => At(Count++);

    /// <summary>
    /// Claims the next key's index without deriving the key: a site that is constrained or kept by an edit draws its
    /// key (the rule says every site does) but never needs it, so generated code derives it only when sampling.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Reserve() => Count++;

    /// <summary>The key with index <paramref name="index"/>: <c>Root.FoldIn(index)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Key At(uint index) => _single ? Root : Root.FoldIn(index);

    /// <summary>Moves the stream to key index <paramref name="index"/> (a combinator that keeps earlier calls skips their keys).</summary>
    internal void Seek(uint index) => Count = index;
}
