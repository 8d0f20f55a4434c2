using Gen.Internal;

namespace Gen;

/// <summary>The trace of an interpreted execution: the visited sites with their subtraces, in program order.</summary>
public sealed class InterpretedTrace<R> : Trace<R>
{
    private readonly InterpretedFunction<R> _function;
    private ChoiceMap? _choices;

    internal InterpretedTrace(InterpretedFunction<R> function, R retval, SiteRecord sites, double score)
    {
        _function = function;
        Retval = retval;
        Sites = sites;
        Score = score;
    }

    internal SiteRecord Sites { get; }

    /// <inheritdoc />
    public override R Retval { get; }

    /// <inheritdoc />
    public override double Score { get; }

    /// <inheritdoc />
    public override GenerativeFunction<R> Function => _function;

    /// <inheritdoc />
    public override ChoiceMap Choices => _choices ??= Build();

    private ChoiceMap Build()
    {
        var builder = new ChoiceMapBuilder();
        Sites.AddChoicesTo(builder);
        return builder.Build();
    }
}
