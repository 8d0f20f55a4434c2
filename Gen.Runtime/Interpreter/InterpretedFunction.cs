using System;
using Gen.Internal;

namespace Gen;

/// <summary>
/// The reference interpreter: a generative function whose body is ordinary C# code (typically a call of a
/// <c>[Gen]</c> method) run under an effect handler that sends each sample primitive to the site rule of the GFI
/// method being run. Generated code must agree with it bit for bit on the same key; both share every site rule and
/// the GFI wiring, and differ only in how sites are reached and stored.
/// </summary>
/// <example><code>var line = new InterpretedFunction&lt;double&gt;("Line", () =&gt; Models.Line(xs));</code></example>
public sealed class InterpretedFunction<R> : CompiledFunction<R, InterpretedTrace<R>>
{
    private readonly Func<R> _body;
    private readonly string _name;
    private readonly Action<Gradient, InterpretedTrace<R>>? _gradientBody;

    /// <summary>An interpreted generative function named <paramref name="name"/> (functions of one name edit each other's traces).</summary>
    public InterpretedFunction(string name, Func<R> body) : base(GeneratedCodeContract.Version)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
        _body = body ?? throw new ArgumentNullException(nameof(body));
    }

    /// <summary>
    /// An interpreted composition that also knows its gradient body (a combinator built from sites, as
    /// <c>Mix</c> is): the body walks the trace's recorded sites in visit order.
    /// </summary>
    internal InterpretedFunction(string name, Func<R> body, Action<Gradient, InterpretedTrace<R>> gradientBody) : this(name, body) =>
        _gradientBody = gradientBody;

    /// <inheritdoc />
    public override string Name => _name;

    /// <inheritdoc />
    protected override InterpretedTrace<R> NewTrace() => new(this);

    /// <inheritdoc />
    protected override R Run<TMode>(ref TMode mode, InterpretedTrace<R> trace)
    {
        var handler = new SiteHandler<TMode>(mode);
        try
        {
            return handler.Run(_body);
        }
        finally
        {
            mode = handler.Mode;
        }
    }

    /// <inheritdoc />
    protected override string? GradientObstacle => _gradientBody is null
        ? "the reference interpreter runs the model's C# as it is and compiles no gradient body (use the generated model)"
        : null;

    /// <inheritdoc />
    protected override void RunGradient(Gradient gradient, InterpretedTrace<R> trace, ReadOnlySpan<Real> arguments)
    {
        if (_gradientBody is null) base.RunGradient(gradient, trace, arguments);
        else _gradientBody(gradient, trace);
    }

    /// <inheritdoc />
    protected internal override bool CanEdit(Trace<R> previous) => previous.Whole is InterpretedTrace<R> trace && trace.Function.Name == _name;
}
