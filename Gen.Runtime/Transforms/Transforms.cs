using System;

namespace Gen;

/// <summary>
/// Program transformations over generative code: <c>Seed</c> makes a computation take a <see cref="Key"/> and
/// reproducible; <c>Jit</c> compiles a seeded computation for repeated execution.
/// </summary>
/// <example><code>
/// using static Gen.Transforms;
/// var sample = Jit(Seed((double[] xs) =&gt; Models.LineGen(xs).Simulate().Retval));
/// var slope = sample(new Key(7), xs);
/// </code></example>
public static partial class Transforms
{
    /// <summary>
    /// Runs <paramref name="f"/> with every key it draws derived from <paramref name="key"/> in program order:
    /// the k-th top-level draw inside gets <c>key.FoldIn(k)</c>. Same key, same result, on any number of threads.
    /// </summary>
    public static R Seed<R>(Key key, Func<R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return KeySource.Seeded(key, f);
    }

    /// <summary>Runs <paramref name="f"/> seeded with <paramref name="key"/> (see <see cref="Seed{R}(Key, Func{R})"/>).</summary>
    public static void Seed(Key key, Action f)
    {
        ArgumentNullException.ThrowIfNull(f);
        KeySource.Seeded(key, () => { f(); return 0; });
    }

    /// <summary><paramref name="f"/> made to take a key: <c>Seed(f)(key)</c> is <c>Seed(key, f)</c>.</summary>
    public static Func<Key, R> Seed<R>(Func<R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return key => KeySource.Seeded(key, f);
    }

    /// <summary><paramref name="f"/> made to take a key as its first argument.</summary>
    public static Func<Key, A, R> Seed<A, R>(Func<A, R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (key, a) => KeySource.Seeded(key, () => f(a));
    }

    /// <summary><paramref name="f"/> made to take a key as its first argument.</summary>
    public static Func<Key, A, B, R> Seed<A, B, R>(Func<A, B, R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (key, a, b) => KeySource.Seeded(key, () => f(a, b));
    }

    /// <summary><paramref name="f"/> made to take a key as its first argument.</summary>
    public static Func<Key, A, B, C, R> Seed<A, B, C, R>(Func<A, B, C, R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return (key, a, b, c) => KeySource.Seeded(key, () => f(a, b, c));
    }

    /// <summary>
    /// Restarts the process-wide stream that unseeded code draws from, so that an unseeded script repeats its
    /// results. Seeded code is unaffected.
    /// </summary>
    public static void ResetGlobalKey(Key root) => KeySource.Reset(root);
}
