using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The GFI with explicit keys, for code that manages keys itself (benchmarks, tests, batched inference). Users call
/// the keyless GFI and <c>Seed</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Gfi
{
    /// <summary>Simulate with an explicit key.</summary>
    public static Trace<R> Simulate<R>(GenerativeFunction<R> function, Key key) => function.SimulateCore(key);

    /// <summary>Importance with an explicit key; adds the constraints it consumed to <paramref name="used"/>.</summary>
    public static (Trace<R> Trace, double Weight) Generate<R>(GenerativeFunction<R> function, Key key, ChoiceMap constraints, ref int used) =>
        function.GenerateCore(key, constraints, ref used);

    /// <summary>Assess; adds the choices it consumed to <paramref name="used"/>.</summary>
    public static (double Weight, R Retval) Assess<R>(GenerativeFunction<R> function, ChoiceMap choices, ref int used) =>
        function.AssessCore(choices, ref used);

    /// <summary>Update with an explicit key, or null when <paramref name="function"/> cannot edit <paramref name="previous"/>.</summary>
    public static EditResult<R>? Update<R>(GenerativeFunction<R> function, Key key, Trace<R> previous, ChoiceMap constraints, ref int used) =>
        function.CanEdit(previous) ? function.UpdateCore(key, previous, constraints, ref used) : null;

    /// <summary>Regenerate with an explicit key, or null when <paramref name="function"/> cannot edit <paramref name="previous"/>.</summary>
    public static EditResult<R>? Regenerate<R>(GenerativeFunction<R> function, Key key, Trace<R> previous, Selection selection) =>
        function.CanEdit(previous) ? function.RegenerateCore(key, previous, selection) : null;
}
