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
    /// <summary>A stream whose keys are derived from <paramref name="root"/>.</summary>
    public KeyStream(Key root)
    {
        Root = root;
        Count = 0;
    }

    /// <summary>The key every key of this stream is derived from.</summary>
    public Key Root { get; }

    /// <summary>How many keys were drawn so far.</summary>
    public uint Count { get; private set; }

    /// <summary>The next key: <c>Root.FoldIn(Count++)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Key Next() => Root.FoldIn(Count++);

    /// <summary>
    /// Claims the next key's index without deriving the key: a site that is constrained or kept by an edit draws its
    /// key (the rule says every site does) but never needs it, so generated code derives it only when sampling.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Reserve() => Count++;

    /// <summary>The key with index <paramref name="index"/>: <c>Root.FoldIn(index)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Key At(uint index) => Root.FoldIn(index);
}
