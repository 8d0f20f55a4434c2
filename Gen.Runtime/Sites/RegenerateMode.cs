using System.ComponentModel;
using System.Runtime.CompilerServices;
using static Gen.Internal.SiteRules;

namespace Gen.Internal;

/// <summary>
/// Regenerate, in place on a copy of the previous trace: selected choices (and new ones) are sampled from their
/// prior, the others keep and rescore their previous value. The weight is the log Metropolis–Hastings acceptance
/// ratio of the move; choices the execution no longer visits are dropped (their prior terms cancel in that ratio).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct RegenerateMode : ISiteMode
{
    internal GfiState State;

    internal RegenerateMode(GfiState state) => State = state;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Choice<TDistribution, T, TAddress>(TDistribution distribution, TAddress address, ref Choice<T> slot)
        where TDistribution : struct, IPrimitive<T> where TAddress : struct, ISiteAddress
    {
        var old = slot;
        State.Enter(address, old.State);
        var key = State.Keys.Reserve();
        var kept = old.State == SlotState.Previous && !address.IsSelected(State.Selection);
        var value = kept ? old.Value : Draw<TDistribution, T>(distribution, State.Keys.At(key));
        var score = Score(distribution, value, address, State.FunctionName);
        if (kept) State.Weight += score - old.Score;
        return Keep(ref State, ref slot, value, score);
    }

    /// <inheritdoc />
    public R Call<R, TAddress>(GenerativeFunction<R> function, TAddress address, ref Subtrace slot) where TAddress : struct, ISiteAddress
    {
        State.Enter(address, slot.State);
        var key = State.Keys.Next();
        if (Previous(slot) is Trace<R> old && function.CanEdit(old))
        {
            var edit = function.RegenerateCore(key, old, address.Below(State.Selection));
            State.Weight += edit.Weight;
            return Keep(ref State, ref slot, edit.Trace);
        }
        return Keep(ref State, ref slot, function.SimulateCore(key));
    }

    /// <inheritdoc />
    public R Dynamic<R>(GenerativeFunction<R> function, Address address) =>
        SubtraceSite.Visit(ref this, function, new FullAddress(address, mayRepeat: true), ref State.Record!.Slot(address));
}
