using System;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The key-explicit GFI calls that generated code makes on other generative functions (traced calls). Not for
/// user code: users call the keyless GFI and <c>Seed</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Gfi
{
    /// <summary>Simulate with an explicit key.</summary>
    public static Trace<R> Simulate<R>(GenerativeFunction<R> function, Key key) => function.SimulateCore(key);

    /// <summary>Importance with an explicit key.</summary>
    public static (Trace<R> Trace, double Weight) Generate<R>(GenerativeFunction<R> function, Key key, ChoiceMap constraints, ref int used) =>
        function.GenerateCore(key, constraints, ref used);

    /// <summary>Assess.</summary>
    public static (double Weight, R Retval) Assess<R>(GenerativeFunction<R> function, ChoiceMap choices, ref int used) =>
        function.AssessCore(choices, ref used);

    /// <summary>
    /// Update of one traced call: edits the previous subtrace if this function can, otherwise generates afresh
    /// (the old subtrace is then removed by the caller). Same rule as the interpreter.
    /// </summary>
    public static EditResult<R>? Update<R>(GenerativeFunction<R> function, Key key, Trace<R>? previous, ChoiceMap constraints, ref int used) =>
        previous is not null && function.CanEdit(previous) ? function.UpdateCore(key, previous, constraints, ref used) : null;

    /// <summary>Regenerate of one traced call, or null when the previous subtrace cannot be edited by this function.</summary>
    public static EditResult<R>? Regenerate<R>(GenerativeFunction<R> function, Key key, Trace<R>? previous, Selection selection) =>
        previous is not null && function.CanEdit(previous) ? function.RegenerateCore(key, previous, selection) : null;

    /// <summary>An untraced draw: the value only.</summary>
    public static R Sample<R>(GenerativeFunction<R> function, Key key) => function.SampleCore(key);

    /// <summary>The error for an address visited twice in one execution.</summary>
    public static InvalidOperationException Duplicate(Address address, string functionName) => SiteRecord.Duplicate(address, functionName);

    /// <summary>A stored choice as the type a caller asked for (no boxing when they agree); a clear error otherwise.</summary>
    /// <exception cref="ChoiceTypeException">The choice is not a <typeparamref name="T"/>.</exception>
    public static T As<TValue, T>(TValue value, Address address) =>
        value is T typed ? typed : throw new ChoiceTypeException(address, typeof(T), value?.GetType() ?? typeof(TValue));

    /// <summary>Whether <paramref name="previous"/> was made by a function that can edit it.</summary>
    public static bool CanEdit<R>(GenerativeFunction<R> function, Trace<R> previous) => function.CanEdit(previous);
}
