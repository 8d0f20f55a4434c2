using System;
using Gen.Internal;

namespace Gen;

/// <summary>
/// A primitive sampler: the base to derive from to add a distribution of your own (GenJAX's
/// <c>sample_binder</c>). Implement <see cref="Sample"/> and <see cref="LogDensity"/>; the distribution then works
/// with <c>.At</c>, Simulate, Assess, Importance, edits, Seed and Jit exactly like the built-ins. (To let generated
/// code sample it without allocating, derive from <see cref="Distribution{T, TPrimitive}"/> instead.)
/// </summary>
/// <typeparam name="T">The type of the sampled value.</typeparam>
/// <example><code>
/// sealed class Coin(double p) : Distribution&lt;bool&gt;
/// {
///     public override bool Sample(Key key) => key.Uniform() &lt; p;
///     public override double LogDensity(bool value) => Math.Log(value ? p : 1 - p);
/// }
/// </code></example>
public abstract class Distribution<T> : GenerativeFunction<T>
{
    /// <summary>Base constructor.</summary>
    protected Distribution() { }

    /// <summary>Draws a value using only the bits of <paramref name="key"/> (so a seeded model is reproducible).</summary>
    public abstract T Sample(Key key);

    /// <summary>The density with its gradient, for a distribution of double whose primitive gives one (else null).</summary>
    internal virtual IDifferentiableDensity? Density => null;

    /// <summary>log density (or log mass) of <paramref name="value"/>; <c>-Infinity</c> outside the support.</summary>
    public abstract double LogDensity(T value);

    // The GFI of a single choice is the site rule of each mode, applied at the root of the given constraints with
    // the given key: the very code a choice inside a model runs.

    /// <inheritdoc />
    protected internal sealed override T SampleCore(Key key) => Sample(key);

    /// <inheritdoc />
    protected internal sealed override Trace<T> SimulateCore(Key key)
    {
        var mode = new SimulateMode(State(key, ChoiceMap.Empty));
        Choice<T> slot = default;
        mode.Choice(new VirtualPrimitive<T>(this), default(RootAddress), ref slot);
        return Trace(slot);
    }

    /// <inheritdoc />
    protected internal sealed override (Trace<T> Trace, double Weight) GenerateCore(Key key, ChoiceMap constraints, ref int used)
    {
        var mode = new ImportanceMode(State(key, constraints));
        Choice<T> slot = default;
        mode.Choice(new VirtualPrimitive<T>(this), default(RootAddress), ref slot);
        used += mode.State.Used;
        return (Trace(slot), mode.State.Weight);
    }

    /// <inheritdoc />
    protected internal sealed override (double Weight, T Retval) AssessCore(ChoiceMap choices, ref int used)
    {
        var mode = new AssessMode(State(default, choices));
        Choice<T> slot = default;
        var value = mode.Choice(new VirtualPrimitive<T>(this), default(RootAddress), ref slot);
        used += mode.State.Used;
        return (mode.State.Weight, value);
    }

    /// <inheritdoc />
    protected internal sealed override EditResult<T> UpdateCore(Key key, Trace<T> previous, ChoiceMap constraints, ref int used)
    {
        var mode = new UpdateMode(State(key, constraints));
        var slot = Previous(previous);
        mode.Choice(new VirtualPrimitive<T>(this), default(RootAddress), ref slot);
        used += mode.State.Used;
        return new EditResult<T>(Trace(slot), mode.State.Weight, mode.State.BuildDiscard());
    }

    /// <inheritdoc />
    protected internal sealed override EditResult<T> RegenerateCore(Key key, Trace<T> previous, Selection selection)
    {
        var mode = new RegenerateMode(State(key, ChoiceMap.Empty, selection));
        var slot = Previous(previous);
        mode.Choice(new VirtualPrimitive<T>(this), default(RootAddress), ref slot);
        return new EditResult<T>(Trace(slot), mode.State.Weight, ChoiceMap.Empty);
    }

    /// <inheritdoc />
    protected internal sealed override bool CanEdit(Trace<T> previous) => previous is ChoiceTrace<T>;

    /// <summary>The state of a one-site execution whose site key is <paramref name="key"/> itself.</summary>
    private GfiState State(Key key, ChoiceMap constraints, Selection? selection = null) =>
        new(KeyStream.OfSite(key), constraints, selection ?? Selection.None, Name, record: null);

    private ChoiceTrace<T> Trace(in Choice<T> slot) => new(this, slot.Value, slot.Score);

    private static Choice<T> Previous(Trace<T> previous) =>
        previous is ChoiceTrace<T> choice
            ? new Choice<T>(choice.Retval, choice.Score, SlotState.Previous)
            : throw new ArgumentException($"A distribution can only edit the trace of a single choice, not a {previous.GetType().Name}.", nameof(previous));
}

/// <summary>
/// A distribution whose sampler and density are a value-type <see cref="IPrimitive{T}"/>: inside a <c>[Gen]</c> body,
/// a choice from it (through a <see cref="SamplerFactoryAttribute"/> factory) is sampled through the primitive
/// directly, with no object allocated per choice. Every built-in distribution is one.
/// </summary>
/// <typeparam name="T">The type of the sampled value.</typeparam>
/// <typeparam name="TPrimitive">The primitive: the parameters, with the sampler and density.</typeparam>
public abstract class Distribution<T, TPrimitive> : Distribution<T> where TPrimitive : struct, IPrimitive<T>
{
    /// <summary>The distribution of <paramref name="primitive"/> (whose constructor validated the parameters).</summary>
    protected Distribution(TPrimitive primitive) => Parameters = primitive;

    /// <summary>The primitive: the parameters, with the sampler and density, as a value.</summary>
    public TPrimitive Parameters { get; }

    /// <inheritdoc />
    /// <remarks>The primitive boxed once, when first asked for (a gradient through a combinator of this object).</remarks>
    internal sealed override IDifferentiableDensity? Density => (_density ??= (object?)(Parameters as IDifferentiableDensity) ?? NoDensity) as IDifferentiableDensity;

    private object? _density;

    private static readonly object NoDensity = new();

    /// <inheritdoc />
    public sealed override T Sample(Key key) => Parameters.Sample(key);

    /// <inheritdoc />
    public sealed override double LogDensity(T value) => Parameters.LogDensity(value);
}
