using System.ComponentModel;

namespace Gen.Internal;

/// <summary>The storage of one choice at a compile-time-constant address in a generated trace: no boxing.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Choice<T>
{
    /// <summary>A visited choice.</summary>
    public Choice(T value, double score)
    {
        Value = value;
        Score = score;
        Has = true;
    }

    /// <summary>The value.</summary>
    public T Value { get; }

    /// <summary>Its log density.</summary>
    public double Score { get; }

    /// <summary>Whether the execution visited this address.</summary>
    public bool Has { get; }
}
