using System.ComponentModel;
using static Gen.Internal.SiteRules;

namespace Gen.Internal;

/// <summary>
/// Update (Gen.jl's <c>update</c>), in place on a copy of the previous trace whose slots start as
/// <see cref="SlotState.Previous"/>: a constrained choice takes its constraint (the old value goes to the discard), an
/// unconstrained one keeps and rescores its previous value, a new one is sampled. The weight is
/// log p(new) − log p(old) − log q(newly sampled); sites the execution no longer visits are removed afterwards.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct UpdateMode : ISiteMode
{
    internal GfiState State;

    internal UpdateMode(GfiState state) => State = state;

    /// <inheritdoc />
    public T Choice<TDistribution, T, TAddress>(in TDistribution distribution, TAddress address, ref Choice<T> slot)
        where TDistribution : struct, IPrimitive<T> where TAddress : struct, ISiteAddress
    {
        var old = slot;
        State.Enter(address, old.State);
        var key = State.Keys.Reserve();
        var hadOld = old.State == SlotState.Previous;
        double score;
        if (TryConstraint(ref State, address, out T value))
        {
            score = Score(distribution, value, address, State.FunctionName);
            if (hadOld)
            {
                State.Weight += score - old.Score;
                State.Discard(address, ChoiceMap.Leaf(old.Value!));
            }
            else
            {
                State.Weight += score;
            }
        }
        else if (hadOld)
        {
            value = old.Value;
            score = Score(distribution, value, address, State.FunctionName);
            State.Weight += score - old.Score;
        }
        else
        {
            value = distribution.Sample(State.Keys.At(key));
            score = Score(distribution, value, address, State.FunctionName);
        }
        return Keep(ref State, ref slot, value, score);
    }

    /// <inheritdoc />
    /// <remarks>The previous subtrace is edited when the callee can edit it; otherwise the call is generated afresh and the old subtrace removed.</remarks>
    public R Call<R, TAddress>(GenerativeFunction<R> function, TAddress address, ref Subtrace slot) where TAddress : struct, ISiteAddress
    {
        State.Enter(address, slot.State);
        var key = State.Keys.Next();
        var submap = address.Submap(State.Constraints);
        var prior = Previous(slot);
        if (prior is Trace<R> old && function.CanEdit(old))
        {
            var edit = function.UpdateCore(key, old, submap, ref State.Used);
            State.Discard(address, edit.Discard);
            State.Weight += edit.Weight;
            return Keep(ref State, ref slot, edit.Trace);
        }
        var (trace, weight) = function.GenerateCore(key, submap, ref State.Used);
        State.Weight += weight;
        if (prior is not null) State.Remove(address.ToAddress(), prior.Score, prior.Choices);
        return Keep(ref State, ref slot, trace);
    }

    /// <inheritdoc />
    public R Dynamic<R>(GenerativeFunction<R> function, Address address) =>
        SubtraceSite.Visit(ref this, function, new FullAddress(address, mayRepeat: true), ref State.Record!.Slot(address));
}
