using System;

namespace Gen;

public static partial class Transforms
{
    /// <summary>
    /// Compiles a seeded function for repeated execution. Each call takes its own key, so each call draws fresh,
    /// reproducible randomness. Any unseeded draw inside raises <see cref="UnseededJitException"/>.
    /// </summary>
    public static Func<Key, R> Jit<R>(Func<Key, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        return key => KeySource.Guarded(() => seeded(key));
    }

    /// <summary>Compiles a seeded one-argument function (see <see cref="Jit{R}(Func{Key, R})"/>).</summary>
    public static Func<Key, A, R> Jit<A, R>(Func<Key, A, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        return (key, a) => KeySource.Guarded(() => seeded(key, a));
    }

    /// <summary>Compiles a seeded two-argument function (see <see cref="Jit{R}(Func{Key, R})"/>).</summary>
    public static Func<Key, A, B, R> Jit<A, B, R>(Func<Key, A, B, R> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        return (key, a, b) => KeySource.Guarded(() => seeded(key, a, b));
    }

    /// <summary>
    /// The mistake, made to compile so that it can be pointed at (analyzer GEN001): jitting an unseeded function
    /// would bake one key in. The returned delegate throws <see cref="UnseededJitException"/> as soon as the
    /// function reaches a sample site; it never returns a baked sample. Use <c>Jit(Seed(f))</c>.
    /// </summary>
    public static Func<R> Jit<R>(Func<R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return () => KeySource.Guarded(f);
    }

    /// <summary>The unseeded one-argument form; see <see cref="Jit{R}(Func{R})"/>.</summary>
    public static Func<A, R> Jit<A, R>(Func<A, R> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return a => KeySource.Guarded(() => f(a));
    }
}
