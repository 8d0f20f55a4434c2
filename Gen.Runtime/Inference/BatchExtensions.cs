using System;

namespace Gen;

/// <summary>Batch operations with <see cref="InferenceOptions"/> (cancellation, progress, cores).</summary>
public static class BatchExtensions
{
    /// <summary>
    /// <see cref="GenerativeFunction{R}.ImportanceK"/> with cancellation, progress and a core limit. The same key
    /// gives the same particles as the plain call, whatever the options.
    /// </summary>
    /// <example><code>var particles = model.ImportanceK(100_000, observations, new InferenceOptions { Cancellation = token });</code></example>
    /// <exception cref="ArgumentException">A constraint names an address the model does not visit.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static Particles<R> ImportanceK<R>(this GenerativeFunction<R> model, int n, ChoiceMap constraints, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(options);
        return Particles<R>.Importance(model, n, constraints, KeySource.Next(), options);
    }
}
