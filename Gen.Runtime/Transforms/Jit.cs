using System;

namespace Gen;

public static partial class Transforms
{
    // ------------------------------------------------------------------ seeded: the right way

    /// <summary>
    /// Compiles a seeded function for repeated execution and returns a delegate of the same shape. Each call takes
    /// its own key, so each call draws fresh, reproducible randomness; a draw inside that does not come from the
    /// key (the function ignores its key and samples from the ambient stream) throws
    /// <see cref="UnseededJitException"/> instead of baking a key in.
    /// </summary>
    /// <remarks>
    /// The function is validated once and its call path pre-allocated: a steady-state call allocates nothing beyond
    /// what the function itself allocates. For many independent runs at once, see
    /// <see cref="JitBatch{R}(Func{Key, R})"/>.
    /// </remarks>
    /// <example><code>var draw = Jit(Seed(() =&gt; normal(0, 1).Simulate().Retval)); var x = draw(new Key(1));</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="seeded"/> is null.</exception>
    public static Func<Key, R> Jit<R>([RequiresSeed] Func<Key, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        var core = new JitCore<ValueTuple, R>((key, _) => seeded(key));
        return key => core.Invoke(key, default);
    }

    /// <summary>Compiles a seeded one-argument function (see <see cref="Jit{R}(Func{Key, R})"/>).</summary>
    /// <example><code>var sample = Jit(Seed((double[] xs) =&gt; Models.LineGen(xs).Simulate().Retval)); sample(new Key(7), xs);</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="seeded"/> is null.</exception>
    public static Func<Key, A, R> Jit<A, R>([RequiresSeed] Func<Key, A, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        var core = new JitCore<A, R>(seeded);
        return core.Invoke;
    }

    /// <summary>Compiles a seeded two-argument function (see <see cref="Jit{R}(Func{Key, R})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="seeded"/> is null.</exception>
    public static Func<Key, A, B, R> Jit<A, B, R>([RequiresSeed] Func<Key, A, B, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        var core = new JitCore<(A, B), R>((key, args) => seeded(key, args.Item1, args.Item2));
        return (key, a, b) => core.Invoke(key, (a, b));
    }

    /// <summary>Compiles a seeded three-argument function (see <see cref="Jit{R}(Func{Key, R})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="seeded"/> is null.</exception>
    public static Func<Key, A, B, C, R> Jit<A, B, C, R>([RequiresSeed] Func<Key, A, B, C, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        var core = new JitCore<(A, B, C), R>((key, args) => seeded(key, args.Item1, args.Item2, args.Item3));
        return (key, a, b, c) => core.Invoke(key, (a, b, c));
    }

    // ------------------------------------------------------------------ batched

    /// <summary>
    /// Compiles a seeded function for batched execution: <c>batch(key, n)</c> runs <c>n</c> independent calls in
    /// parallel over cores and returns their results in order.
    /// </summary>
    /// <remarks>
    /// Key rule (the particle rule of <c>ImportanceK</c>): call i receives <c>key.FoldIn(i)</c>, so element i equals
    /// <c>Jit(seeded)(key.FoldIn(i))</c> and the whole array depends only on <c>key</c> and <c>n</c>, never on the
    /// number of threads or on scheduling. Unseeded draws inside throw <see cref="UnseededJitException"/>.
    /// </remarks>
    /// <example><code>var draws = JitBatch(Seed(() =&gt; normal(0, 1).Simulate().Retval))(new Key(1), 1000);</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="seeded"/> is null.</exception>
    public static Func<Key, int, R[]> JitBatch<R>([RequiresSeed] Func<Key, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        var core = new JitCore<ValueTuple, R>((key, _) => seeded(key));
        return (key, n) => core.Batch(key, n, default);
    }

    /// <summary>
    /// The batched form of a seeded one-argument function: <c>batch(key, n, a)[i] == Jit(seeded)(key.FoldIn(i), a)</c>
    /// (see <see cref="JitBatch{R}(Func{Key, R})"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="seeded"/> is null.</exception>
    public static Func<Key, int, A, R[]> JitBatch<A, R>([RequiresSeed] Func<Key, A, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        var core = new JitCore<A, R>(seeded);
        return core.Batch;
    }

    /// <summary>The batched form of a seeded two-argument function (see <see cref="JitBatch{R}(Func{Key, R})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="seeded"/> is null.</exception>
    public static Func<Key, int, A, B, R[]> JitBatch<A, B, R>([RequiresSeed] Func<Key, A, B, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        var core = new JitCore<(A, B), R>((key, args) => seeded(key, args.Item1, args.Item2));
        return (key, n, a, b) => core.Batch(key, n, (a, b));
    }

    /// <summary>The batched form of a seeded three-argument function (see <see cref="JitBatch{R}(Func{Key, R})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="seeded"/> is null.</exception>
    public static Func<Key, int, A, B, C, R[]> JitBatch<A, B, C, R>([RequiresSeed] Func<Key, A, B, C, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        var core = new JitCore<(A, B, C), R>((key, args) => seeded(key, args.Item1, args.Item2, args.Item3));
        return (key, n, a, b, c) => core.Batch(key, n, (a, b, c));
    }

    // ------------------------------------------------------------------ unseeded: the mistake, made to compile

    /// <summary>
    /// The mistake, made to compile so that analyzer GEN001 can point at it and the code fix can insert
    /// <c>Seed</c>: jitting an unseeded function would bake one key in, so every call would return the same
    /// "random" value. The returned delegate never does that: it throws <see cref="UnseededJitException"/> as soon
    /// as the function reaches a sample site (at the latest on the first call). A function that never samples runs
    /// normally. Use <c>Jit(Seed(f))</c> and pass a key per call.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static Func<R> Jit<R>([RequiresSeed] Func<R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var core = new JitCore<ValueTuple, R>((_, _) => f());
        return () => core.Invoke(default, default);
    }

    /// <summary>The unseeded one-argument form; see <see cref="Jit{R}(Func{R})"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static Func<A, R> Jit<A, R>([RequiresSeed] Func<A, R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var core = new JitCore<A, R>((_, a) => f(a));
        return a => core.Invoke(default, a);
    }

    /// <summary>The unseeded two-argument form; see <see cref="Jit{R}(Func{R})"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static Func<A, B, R> Jit<A, B, R>([RequiresSeed] Func<A, B, R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var core = new JitCore<(A, B), R>((_, args) => f(args.Item1, args.Item2));
        return (a, b) => core.Invoke(default, (a, b));
    }
}
