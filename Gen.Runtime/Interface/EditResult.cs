namespace Gen;

/// <summary>The outcome of an edit: the new trace, the edit's log weight and the choices it displaced.</summary>
/// <param name="Trace">The edited trace.</param>
/// <param name="Weight">Update: log p(new) − log p(old) − log q(fresh choices); Regenerate: the log MH acceptance ratio.</param>
/// <param name="Discard">Choices of the old trace that were replaced or removed (empty for Regenerate).</param>
public sealed record EditResult<R>(Trace<R> Trace, double Weight, ChoiceMap Discard);
