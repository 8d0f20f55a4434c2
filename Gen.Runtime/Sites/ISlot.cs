using System.ComponentModel;

namespace Gen.Internal;

/// <summary>What the runtime needs of a slot item (<see cref="Choice{T}"/>, <see cref="Subtrace"/>) to copy and sweep traces.</summary>
/// <typeparam name="TSelf">The slot type itself.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISlot<TSelf> where TSelf : struct
{
    /// <summary>Where the slot stands in the current execution.</summary>
    SlotState State { get; }

    /// <summary>The same item in another state.</summary>
    TSelf With(SlotState state);

    /// <summary>The log density of what the slot holds (0 when it holds nothing).</summary>
    double Score { get; }

    /// <summary>What the slot holds as choices (for a discard).</summary>
    ChoiceMap ToChoices();
}
