using System;

namespace Gen;

/// <summary>
/// What <c>Jit</c> builds once for a function: the validated delegate, the guard that turns an unseeded draw
/// into <see cref="UnseededJitException"/>, and a reusable per-thread call frame, so that a steady-state call
/// allocates nothing of its own (only what the function itself allocates).
/// </summary>
/// <remarks>
/// The generated GFI code is already compiled ahead of time (by the source generator, then by the .NET JIT on
/// first use), so there is nothing left to trace or resolve at <c>Jit</c> time; this type does the rest honestly:
/// validate once, pre-allocate the call path, guard every call, run batches in parallel.
/// </remarks>
/// <typeparam name="TArgs">The function's arguments (a value tuple for two or more).</typeparam>
/// <typeparam name="R">The return type.</typeparam>
internal sealed class JitCore<TArgs, R>
{
    // The guard takes a Func<R>; rather than a closure per call, the call's key and arguments travel in this
    // thread's frame and one body delegate, made once, reads them. The body copies them out before running any
    // user code, so a nested call (the function calling itself, or another jitted function) cannot clobber them.
    private sealed class Frame
    {
        public Key Key;
        public TArgs Args = default!;
    }

    [ThreadStatic] private static Frame? t_frame;

    private readonly Func<Key, TArgs, R> _function;
    private readonly Func<R> _body;

    public JitCore(Func<Key, TArgs, R> function)
    {
        _function = function;
        _body = Body;
    }

    /// <summary>One guarded call: any draw not derived from <paramref name="key"/> throws <see cref="UnseededJitException"/>.</summary>
    public R Invoke(Key key, TArgs args)
    {
        var frame = t_frame ??= new Frame();
        frame.Key = key;
        frame.Args = args;
        return KeySource.Guarded(_body);
    }

    /// <summary>
    /// <paramref name="n"/> guarded calls in parallel over cores; call i gets <c>key.FoldIn(i)</c>, the particle key
    /// rule of <see cref="Gen.Batch"/>, so element i equals <c>Invoke(key.FoldIn(i), args)</c> on any thread count.
    /// </summary>
    public R[] Batch(Key key, int n, TArgs args)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0) return [];
        return Gen.Batch.Run(n, key, i => Invoke(key.FoldIn((uint)i), args));
    }

    private R Body()
    {
        var frame = t_frame!;
        var key = frame.Key;
        var args = frame.Args;
        frame.Args = default!; // do not keep the caller's arguments alive
        return _function(key, args);
    }
}
