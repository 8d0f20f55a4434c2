using System;
using Gen.Internal;

namespace Gen;

/// <summary>
/// The reference interpreter: a generative function whose body is ordinary C# code (typically a call of a
/// <c>[Gen]</c> method) run under an effect handler that gives each sample primitive its GFI meaning.
/// Generated code must agree with it bit for bit on the same key.
/// </summary>
/// <example><code>var line = new InterpretedFunction&lt;double&gt;("Line", () =&gt; Models.Line(xs));</code></example>
public sealed class InterpretedFunction<R> : GenerativeFunction<R>
{
    private readonly Func<R> _body;
    private readonly string _name;

    /// <summary>An interpreted generative function named <paramref name="name"/> (functions of one name edit each other's traces).</summary>
    public InterpretedFunction(string name, Func<R> body)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
        _body = body ?? throw new ArgumentNullException(nameof(body));
    }

    /// <inheritdoc />
    public override string Name => _name;

    /// <inheritdoc />
    protected internal override Trace<R> SimulateCore(Key key)
    {
        var used = 0;
        return GenerateCore(key, ChoiceMap.Empty, ref used).Trace;
    }

    /// <inheritdoc />
    protected internal override (Trace<R> Trace, double Weight) GenerateCore(Key key, ChoiceMap constraints, ref int used)
    {
        var (trace, state) = Run(SiteHandler.Mode.Generate, new GfiState(key, constraints), null);
        used += state.Used;
        return (trace, state.Weight);
    }

    /// <inheritdoc />
    protected internal override (double Weight, R Retval) AssessCore(ChoiceMap choices, ref int used)
    {
        var (trace, state) = Run(SiteHandler.Mode.Assess, new GfiState(default, choices), null);
        used += state.Used;
        return (state.Weight, trace.Retval);
    }

    /// <inheritdoc />
    protected internal override EditResult<R> UpdateCore(Key key, Trace<R> previous, ChoiceMap constraints, ref int used)
    {
        var old = Sites(previous);
        var (trace, state) = Run(SiteHandler.Mode.Update, new GfiState(key, constraints), old, finish: (SiteRecord sites, ref GfiState s) =>
        {
            SiteOps.RemoveUnedited(old, sites, ref s);
            s.SubtractRemoved();
        });
        used += state.Used;
        return new EditResult<R>(trace, state.Weight, state.BuildDiscard());
    }

    /// <inheritdoc />
    protected internal override EditResult<R> RegenerateCore(Key key, Trace<R> previous, Selection selection)
    {
        var (trace, state) = Run(SiteHandler.Mode.Regenerate, new GfiState(key, ChoiceMap.Empty, selection), Sites(previous));
        return new EditResult<R>(trace, state.Weight, ChoiceMap.Empty);
    }

    /// <inheritdoc />
    protected internal override bool CanEdit(Trace<R> previous) => previous is InterpretedTrace<R> trace && trace.Function.Name == _name;

    private delegate void Finish(SiteRecord sites, ref GfiState state);

    private (InterpretedTrace<R> Trace, GfiState State) Run(SiteHandler.Mode mode, GfiState state, SiteRecord? previous, Finish? finish = null)
    {
        var handler = new SiteHandler(mode, _name, state, previous);
        var retval = handler.Run(_body);
        finish?.Invoke(handler.Sites, ref handler.State);
        return (new InterpretedTrace<R>(this, retval, handler.Sites, handler.State.Score), handler.State);
    }

    private SiteRecord Sites(Trace<R> previous) =>
        previous is InterpretedTrace<R> trace
            ? trace.Sites
            : throw new ArgumentException($"The interpreter for {_name} cannot edit a {previous.GetType().Name}.", nameof(previous));
}
