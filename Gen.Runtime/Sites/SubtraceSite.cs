namespace Gen.Internal;

/// <summary>
/// A site whose slot holds a subtrace (a run-time address in the record, or call i of a combinator), reached with a
/// generative function of unknown kind. A distribution there is a choice: it runs the mode's choice rule at the
/// site's own address (so errors name it) on the value its previous trace held; anything else is a traced call.
/// </summary>
internal static class SubtraceSite
{
    public static R Visit<TMode, R, TAddress>(ref TMode mode, GenerativeFunction<R> function, TAddress address, ref Subtrace slot)
        where TMode : struct, ISiteMode where TAddress : struct, ISiteAddress
    {
        // A previous subtrace of another kind cannot be rescored as a choice: the traced-call rule replaces it.
        if (function is not Distribution<R> distribution || slot.Trace is { } prior && prior is not ChoiceTrace<R>)
            return mode.Call(function, address, ref slot);
        var choice = slot.Trace is ChoiceTrace<R> old ? new Choice<R>(old.Retval, old.Score, slot.State) : new Choice<R>(default!, 0, slot.State);
        var value = mode.Choice(new VirtualPrimitive<R>(distribution), address, ref choice);
        slot = new Subtrace(new ChoiceTrace<R>(distribution, value, choice.Score));
        return value;
    }
}
