using System.ComponentModel;
using System.Runtime.CompilerServices;
using static Gen.Internal.SiteRules;

namespace Gen.Internal;

/// <summary>Simulate: every choice is sampled from its distribution with the site's key.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct SimulateMode : ISiteMode
{
    internal GfiState State;

    internal SimulateMode(GfiState state) => State = state;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Choice<TDistribution, T, TAddress>(TDistribution distribution, TAddress address, ref Choice<T> slot)
        where TDistribution : struct, IPrimitive<T> where TAddress : struct, ISiteAddress
    {
        State.Enter(address, slot.State);
        var value = distribution.Sample(State.Keys.Next());
        return Keep(ref State, ref slot, value, Score(distribution, value, address, State.FunctionName));
    }

    /// <inheritdoc />
    public R Call<R, TAddress>(GenerativeFunction<R> function, TAddress address, ref Subtrace slot) where TAddress : struct, ISiteAddress
    {
        State.Enter(address, slot.State);
        return Keep(ref State, ref slot, function.SimulateCore(State.Keys.Next()));
    }

    /// <inheritdoc />
    public R Dynamic<R>(GenerativeFunction<R> function, Address address) =>
        SubtraceSite.Visit(ref this, function, new FullAddress(address, mayRepeat: true), ref State.Record!.Slot(address));
}
