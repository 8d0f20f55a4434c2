using System.ComponentModel;
using System.Runtime.CompilerServices;
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Choice<TDistribution, T, TAddress>(TDistribution distribution, TAddress address, ref Choice<T> slot)
        where TDistribution : struct, IPrimitive<T> where TAddress : struct, ISiteAddress
    {
        var hadOld = slot.State == SlotState.Previous;
        State.Enter(address, slot.State);
        var key = State.Keys.Reserve();
        var constrained = TryConstraint(ref State, address, out T value);
        if (constrained && hadOld) Replaced(ref State, address, slot.Value);
        if (!constrained) value = hadOld ? slot.Value : Draw<TDistribution, T>(distribution, State.Keys.At(key));
        var score = Score(distribution, value, address, State.FunctionName);
        // log p(new) − log p(old) for a choice both traces have; log p for a newly constrained one; nothing for a fresh one.
        if (hadOld) State.Weight += score - slot.Score;
        else if (constrained) State.Weight += score;
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
