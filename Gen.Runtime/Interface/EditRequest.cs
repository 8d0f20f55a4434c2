using System;

namespace Gen;

/// <summary>A request to edit a trace: <see cref="Update(ChoiceMap)"/>, an update with new arguments, or <see cref="Regenerate"/>.</summary>
/// <example><code>var result = trace.Edit(EditRequest.Regenerate(Selection.Of("slope")));</code></example>
public abstract class EditRequest
{
    private protected EditRequest() { }

    /// <summary>Constrain some choices, same arguments.</summary>
    public static EditRequest Update(ChoiceMap constraints) => new UpdateRequest(null, constraints ?? throw new ArgumentNullException(nameof(constraints)));

    /// <summary>Re-execute under new arguments with constraints.</summary>
    public static EditRequest Update<R>(GenerativeFunction<R> newCall, ChoiceMap constraints) =>
        new UpdateRequest(newCall ?? throw new ArgumentNullException(nameof(newCall)), constraints ?? throw new ArgumentNullException(nameof(constraints)));

    /// <summary>Resample the selected choices from their prior.</summary>
    public static EditRequest Regenerate(Selection selection) => new RegenerateRequest(selection ?? throw new ArgumentNullException(nameof(selection)));

    internal abstract EditResult<R> Apply<R>(Trace<R> trace);

    private sealed class UpdateRequest(object? newCall, ChoiceMap constraints) : EditRequest
    {
        internal override EditResult<R> Apply<R>(Trace<R> trace) => newCall switch
        {
            null => trace.Update(constraints),
            GenerativeFunction<R> call => trace.Update(call, constraints),
            _ => throw new ArgumentException(
                $"The update's new call returns a different type than the trace ({typeof(R).Name}); it cannot edit this trace."),
        };

        public override string ToString() => $"Update({(newCall is null ? "" : newCall + ", ")}{constraints.Count} constraints)";
    }

    private sealed class RegenerateRequest(Selection selection) : EditRequest
    {
        internal override EditResult<R> Apply<R>(Trace<R> trace) => trace.Regenerate(selection);

        public override string ToString() => $"Regenerate({selection})";
    }
}
