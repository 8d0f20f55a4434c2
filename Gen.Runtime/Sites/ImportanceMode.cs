using System.ComponentModel;
using System.Runtime.CompilerServices;
using static Gen.Internal.SiteRules;

namespace Gen.Internal;

/// <summary>
/// Importance (Gen's generate): a constrained choice takes its constraint and adds its log density to the weight;
/// the others are sampled. Every site draws its key index; the key itself is derived only where a value is sampled.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ImportanceMode : ISiteMode
{
    internal GfiState State;

    internal ImportanceMode(GfiState state) => State = state;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Choice<TDistribution, T, TAddress>(TDistribution distribution, TAddress address, ref Choice<T> slot)
        where TDistribution : struct, IPrimitive<T> where TAddress : struct, ISiteAddress
    {
        State.Enter(address, slot.State);
        var key = State.Keys.Reserve();
        var constrained = TryConstraint(ref State, address, out T value);
        if (!constrained) value = Draw<TDistribution, T>(distribution, State.Keys.At(key));
        var score = Score(distribution, value, address, State.FunctionName);
        if (constrained) State.Weight += score;
        return Keep(ref State, ref slot, value, score);
    }

    /// <inheritdoc />
    public R Call<R, TAddress>(GenerativeFunction<R> function, TAddress address, ref Subtrace slot) where TAddress : struct, ISiteAddress
    {
        State.Enter(address, slot.State);
        var (trace, weight) = function.GenerateCore(State.Keys.Next(), address.Submap(State.Constraints), ref State.Used);
        State.Weight += weight;
        return Keep(ref State, ref slot, trace);
    }

    /// <inheritdoc />
    public R Dynamic<R>(GenerativeFunction<R> function, Address address) =>
        SubtraceSite.Visit(ref this, function, new FullAddress(address, mayRepeat: true), ref State.Record!.Slot(address));
}
