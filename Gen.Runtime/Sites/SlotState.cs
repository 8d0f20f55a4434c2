namespace Gen.Internal;

/// <summary>Where a slot of a trace stands in the execution that is filling it.</summary>
public enum SlotState : byte
{
    /// <summary>No choice (or subtrace) here.</summary>
    Empty = 0,

    /// <summary>Holds what the previous trace had here; an edit has not visited it yet, and removes it if it never does.</summary>
    Previous = 1,

    /// <summary>Written by this execution.</summary>
    Visited = 2,
}
