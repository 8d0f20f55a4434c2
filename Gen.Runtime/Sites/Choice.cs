using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The storage of one random choice in a generated trace: its value and log density, typed (no boxing). Only the
/// site operations write it; generated code declares one per constant address.
/// </summary>
/// <typeparam name="T">The choice's value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Choice<T> : ISlot<Choice<T>>
{
    internal Choice(T value, double score, SlotState state = SlotState.Visited)
    {
        Value = value;
        Score = score;
        State = state;
    }

    /// <summary>The value.</summary>
    public T Value { get; }

    /// <summary>Its log density.</summary>
    public double Score { get; }

    /// <summary>Where the slot stands in the current execution.</summary>
    public SlotState State { get; }

    /// <summary>Whether the slot holds a choice.</summary>
    public bool Has => State != SlotState.Empty;

    /// <inheritdoc />
    public Choice<T> With(SlotState state) => new(Value, Score, state);

    /// <inheritdoc />
    public ChoiceMap ToChoices() => Has ? ChoiceMap.Leaf(Value!) : ChoiceMap.Empty;
}

/// <summary>The storage of one traced call in a generated trace: the callee's trace (null while none).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Subtrace : ISlot<Subtrace>
{
    internal Subtrace(Trace? trace, SlotState state = SlotState.Visited)
    {
        Trace = trace;
        State = state;
    }

    /// <summary>The callee's trace; null where there is none (and in Assess, which keeps no subtraces).</summary>
    public Trace? Trace { get; }

    /// <summary>Where the slot stands in the current execution.</summary>
    public SlotState State { get; }

    /// <summary>Whether the slot holds a subtrace.</summary>
    public bool Has => Trace is not null;

    /// <inheritdoc />
    public Subtrace With(SlotState state) => new(Trace, state);

    /// <inheritdoc />
    public double Score => Trace?.Score ?? 0.0;

    /// <inheritdoc />
    public ChoiceMap ToChoices() => Trace?.Choices ?? ChoiceMap.Empty;
}
