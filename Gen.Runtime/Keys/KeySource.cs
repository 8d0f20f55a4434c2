using System;
using System.Security.Cryptography;
using System.Threading;

namespace Gen;

/// <summary>
/// Where top-level randomness comes from. Inside <see cref="Transforms.Seed{R}(Key, Func{R})"/> the ambient
/// seeded stream of this thread hands out keys in program order; elsewhere a process-wide counter does
/// (one atomic increment per top-level call, never one per sample site).
/// </summary>
internal static class KeySource
{
    internal sealed class Scope(Key root, Scope? outer)
    {
        public KeyStream Stream = new(root);
        public readonly Scope? Outer = outer;
    }

    [ThreadStatic] private static Scope? t_seeded;
    [ThreadStatic] private static int t_jitDepth;

    private static long s_counter;
    private static long s_root = FreshRoot(); // the root key's words, packed, so it can be swapped atomically

    /// <summary>True inside a <c>Seed</c> on this thread.</summary>
    public static bool IsSeeded => t_seeded is not null;

    /// <summary>The next key for a top-level draw.</summary>
    /// <exception cref="UnseededJitException">Drawing unseeded randomness inside a jitted function.</exception>
    public static Key Next()
    {
        var seeded = t_seeded;
        if (seeded is not null) return seeded.Stream.Next();
        if (t_jitDepth > 0) throw new UnseededJitException();
        var count = (ulong)Interlocked.Increment(ref s_counter);
        return new Key((ulong)Volatile.Read(ref s_root)).FoldIn((uint)count).FoldIn((uint)(count >> 32));
    }

    /// <summary>Runs <paramref name="body"/> with keys drawn from a stream rooted at <paramref name="key"/>.</summary>
    public static R Seeded<R>(Key key, Func<R> body)
    {
        var scope = new Scope(key, t_seeded);
        t_seeded = scope;
        try
        {
            return body();
        }
        finally
        {
            t_seeded = scope.Outer;
        }
    }

    /// <summary>
    /// Opens a seeded scope on this thread that can be re-rooted without allocating: a batch runs each of its
    /// particles in it as if under <c>Seed(particleKey, …)</c>. Close it in a <c>finally</c>.
    /// </summary>
    public static Scope OpenSeed(Key key)
    {
        var scope = new Scope(key, t_seeded);
        t_seeded = scope;
        return scope;
    }

    /// <summary>Starts <paramref name="scope"/> (the innermost on this thread) afresh from <paramref name="key"/>.</summary>
    public static void Reseed(Scope scope, Key key) => scope.Stream = new KeyStream(key);

    /// <summary>Closes a scope <see cref="OpenSeed"/> opened.</summary>
    public static void Close(Scope scope) => t_seeded = scope.Outer;

    /// <summary>Runs <paramref name="body"/> so that any unseeded draw throws <see cref="UnseededJitException"/>.</summary>
    public static R Guarded<R>(Func<R> body)
    {
        // A Seed inside the guarded body takes precedence: its keys come from the seed, not the counter.
        var outer = t_seeded;
        t_seeded = null;
        t_jitDepth++;
        try
        {
            return body();
        }
        finally
        {
            t_jitDepth--;
            t_seeded = outer;
        }
    }

    /// <summary>Restarts the process-wide stream from <paramref name="root"/> (reproducible unseeded scripts).</summary>
    public static void Reset(Key root)
    {
        var (k0, k1) = root.Words;
        Volatile.Write(ref s_root, (long)(((ulong)k0 << 32) | k1));
        Interlocked.Exchange(ref s_counter, 0);
    }

    private static long FreshRoot()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToInt64(bytes);
    }
}
