using System;

namespace Gen;

/// <summary>
/// A primitive sampler: the base to derive from to add a distribution of your own (GenJAX's
/// <c>sample_binder</c>). Implement <see cref="Sample"/> and <see cref="LogDensity"/>; the distribution then works
/// with <c>.At</c>, Simulate, Assess, Importance, edits, Seed and Jit exactly like the built-ins.
/// </summary>
/// <typeparam name="T">The type of the sampled value.</typeparam>
/// <example><code>
/// sealed class Coin(double p) : Distribution&lt;bool&gt;
/// {
///     public override bool Sample(Key key) => key.Uniform() &lt; p;
///     public override double LogDensity(bool value) => Math.Log(value ? p : 1 - p);
/// }
/// </code></example>
public abstract class Distribution<T> : GenerativeFunction<T>
{
    /// <summary>Base constructor.</summary>
    protected Distribution() { }

    /// <summary>Draws a value using only the bits of <paramref name="key"/> (so a seeded model is reproducible).</summary>
    public abstract T Sample(Key key);

    /// <summary>log density (or log mass) of <paramref name="value"/>; <c>-Infinity</c> outside the support.</summary>
    public abstract double LogDensity(T value);

    /// <inheritdoc />
    protected internal sealed override T SampleCore(Key key) => Sample(key);

    /// <inheritdoc />
    protected internal sealed override Trace<T> SimulateCore(Key key)
    {
        var value = Sample(key);
        return new ChoiceTrace<T>(this, value, LogDensity(value));
    }

    /// <inheritdoc />
    protected internal sealed override (Trace<T> Trace, double Weight) GenerateCore(Key key, ChoiceMap constraints, ref int used)
    {
        if (!constraints.HasValue) return (SimulateCore(key), 0.0);
        var value = constraints.ValueAs<T>();
        used++;
        var score = LogDensity(value);
        return (new ChoiceTrace<T>(this, value, score), score);
    }

    /// <inheritdoc />
    protected internal sealed override (double Weight, T Retval) AssessCore(ChoiceMap choices, ref int used)
    {
        var value = choices.ValueAs<T>();
        used++;
        return (LogDensity(value), value);
    }

    /// <inheritdoc />
    protected internal sealed override EditResult<T> UpdateCore(Key key, Trace<T> previous, ChoiceMap constraints, ref int used)
    {
        var old = Previous(previous);
        if (!constraints.HasValue)
        {
            var rescored = LogDensity(old.Retval);
            return new EditResult<T>(new ChoiceTrace<T>(this, old.Retval, rescored), rescored - old.Score, ChoiceMap.Empty);
        }
        var value = constraints.ValueAs<T>();
        used++;
        var score = LogDensity(value);
        return new EditResult<T>(new ChoiceTrace<T>(this, value, score), score - old.Score, ChoiceMap.Leaf(old.Retval!));
    }

    /// <inheritdoc />
    protected internal sealed override EditResult<T> RegenerateCore(Key key, Trace<T> previous, Selection selection)
    {
        var old = Previous(previous);
        if (selection.ContainsRoot) return new EditResult<T>(SimulateCore(key), 0.0, ChoiceMap.Empty);
        var rescored = LogDensity(old.Retval);
        return new EditResult<T>(new ChoiceTrace<T>(this, old.Retval, rescored), rescored - old.Score, ChoiceMap.Empty);
    }

    /// <inheritdoc />
    protected internal sealed override bool CanEdit(Trace<T> previous) => previous is ChoiceTrace<T>;

    private static ChoiceTrace<T> Previous(Trace<T> previous) =>
        previous as ChoiceTrace<T> ?? throw new ArgumentException(
            $"A distribution can only edit the trace of a single choice, not a {previous.GetType().Name}.", nameof(previous));
}
