using System;

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
        var handler = new GenerateHandler(_name, key, constraints);
        var retval = handler.Run(_body);
        used += handler.Used;
        return (new InterpretedTrace<R>(this, retval, handler.Sites, handler.Score), handler.Weight);
    }

    /// <inheritdoc />
    protected internal override (double Weight, R Retval) AssessCore(ChoiceMap choices, ref int used)
    {
        var handler = new AssessHandler(_name, choices);
        var retval = handler.Run(_body);
        used += handler.Used;
        return (handler.Weight, retval);
    }

    /// <inheritdoc />
    protected internal override EditResult<R> UpdateCore(Key key, Trace<R> previous, ChoiceMap constraints, ref int used)
    {
        var handler = new UpdateHandler(_name, key, Sites(previous), constraints);
        var retval = handler.Run(_body);
        var discard = handler.Finish();
        used += handler.Used;
        return new EditResult<R>(new InterpretedTrace<R>(this, retval, handler.Sites, handler.Score), handler.Weight, discard);
    }

    /// <inheritdoc />
    protected internal override EditResult<R> RegenerateCore(Key key, Trace<R> previous, Selection selection)
    {
        var handler = new RegenerateHandler(_name, key, Sites(previous), selection);
        var retval = handler.Run(_body);
        return new EditResult<R>(new InterpretedTrace<R>(this, retval, handler.Sites, handler.Score), handler.Weight, ChoiceMap.Empty);
    }

    /// <inheritdoc />
    protected internal override bool CanEdit(Trace<R> previous) => previous is InterpretedTrace<R> trace && trace.Function.Name == _name;

    private SiteRecord Sites(Trace<R> previous) =>
        previous is InterpretedTrace<R> trace
            ? trace.Sites
            : throw new ArgumentException($"The interpreter for {_name} cannot edit a {previous.GetType().Name}.", nameof(previous));
}
