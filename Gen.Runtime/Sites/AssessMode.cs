using System.ComponentModel;
using System.Runtime.CompilerServices;
using static Gen.Internal.SiteRules;

namespace Gen.Internal;

/// <summary>Assess: every choice must be given; the weight is the sum of their log densities. No keys are drawn.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct AssessMode : ISiteMode
{
    internal GfiState State;

    internal AssessMode(GfiState state) => State = state;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Choice<TDistribution, T, TAddress>(TDistribution distribution, TAddress address, ref Choice<T> slot)
        where TDistribution : struct, IPrimitive<T> where TAddress : struct, ISiteAddress
    {
        State.Enter(address, slot.State);
        if (!TryConstraint(ref State, address, out T value)) throw Missing(address);
        var score = Score(distribution, value, address, State.FunctionName);
        State.Weight += score;
        slot = new Choice<T>(value, score);
        return value;
    }

    /// <inheritdoc />
    public R Call<R, TAddress>(GenerativeFunction<R> function, TAddress address, ref Subtrace slot) where TAddress : struct, ISiteAddress
    {
        State.Enter(address, slot.State);
        if (function is Distribution<R> && !address.HasValue(State.Constraints)) throw Missing(address);
        var (weight, retval) = function.AssessCore(address.Below(State.Constraints), ref State.Used);
        State.Weight += weight;
        slot = new Subtrace(null); // visited (for the duplicate check); Assess keeps no subtraces
        return retval;
    }

    /// <inheritdoc />
    public R Dynamic<R>(GenerativeFunction<R> function, Address address) =>
        SubtraceSite.Visit(ref this, function, new FullAddress(address, mayRepeat: true), ref State.Record!.Slot(address));

    private readonly ChoiceNotFoundException Missing<TAddress>(TAddress address) where TAddress : struct, ISiteAddress =>
        address.IsRoot ? State.Constraints.MissingValue() : State.Constraints.MissingChoice(address.ToAddress());
}
