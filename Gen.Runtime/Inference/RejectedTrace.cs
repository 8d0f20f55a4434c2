using System;

namespace Gen;

/// <summary>
/// What a particle holds when its first execution was rejected (see <see cref="Rejection"/>): there is no trace to
/// keep, so the particle carries this placeholder with weight zero. Its score is −∞ (so is its projection on any
/// selection but <see cref="Selection.None"/>) and its choices are the point it was run at (the constraints and any
/// proposed choices); its return value and typed choices throw, naming the reason.
/// Inference never runs it again, and resampling never draws it while any particle has positive weight.
/// </summary>
internal sealed class RejectedTrace<R> : Trace<R>
{
    public RejectedTrace(GenerativeFunction<R> function, ChoiceMap attempted, Exception reason)
    {
        Function = function;
        Choices = attempted;
        Reason = reason;
    }

    /// <summary>Why the execution was rejected.</summary>
    public Exception Reason { get; }

    public override GenerativeFunction<R> Function { get; }

    /// <summary>The point the execution was run at: the constraints and the proposed choices.</summary>
    public override ChoiceMap Choices { get; }

    public override double Score => double.NegativeInfinity;

    public override R Retval => throw Rejected();

    public override T Get<T>(Address address) => throw Rejected();

    /// <summary>No choice is selected: 0; otherwise −∞, as the score: the rejected execution has density zero.</summary>
    public override double Project(Selection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return ReferenceEquals(selection, Selection.None) ? 0.0 : double.NegativeInfinity;
    }

    public override string ToString() =>
        $"Rejected particle of {Function.Name} (weight zero): {Rejection.Describe(Reason)}\nRun at:\n{Choices}";

    private InvalidOperationException Rejected() => new(
        $"This particle of {Function.Name} was rejected, so it has no trace: {Rejection.Describe(Reason)} " +
        "Its weight is zero; skip it (Particles.IsRejected(i)) or resample first.", Reason);
}
