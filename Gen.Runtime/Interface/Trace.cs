using System;

namespace Gen;

/// <summary>A trace of any return type: what the interpreter and combinators hold for a traced call.</summary>
public abstract class Trace
{
    private protected Trace() { }

    /// <summary>log p(all choices of this trace), under the arguments it was made with (Gen.jl's convention).</summary>
    public abstract double Score { get; }

    /// <summary>Every random choice of this trace, by address.</summary>
    public abstract ChoiceMap Choices { get; }

    /// <summary>The return value, boxed.</summary>
    public abstract object? RetvalObject { get; }

    /// <summary>Whether this trace holds a choice at <paramref name="address"/>; generated traces answer without building <see cref="Choices"/>.</summary>
    public virtual bool HasChoice(Address address) => Choices.Contains(address);

    /// <summary>
    /// The choice at <paramref name="address"/>, typed; or, where <paramref name="address"/> is exactly the address of
    /// a traced call (<c>"first"</c> in <c>LineGen(xs).At("first")</c>, <c>("points", 3)</c> for call 3 of a Vmap at
    /// <c>"points"</c>), that call's return value (Gen.jl's <c>trace[:first]</c>).
    /// </summary>
    /// <exception cref="ChoiceNotFoundException">No choice or traced call there; the message names the nearest existing addresses.</exception>
    /// <exception cref="ChoiceTypeException">The choice, or the call's return value, is not a <typeparamref name="T"/>.</exception>
    public virtual T Get<T>(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!HasChoice(address) && CallAt(address) is { } call) return ReturnValue<T>(call, address);
        return Choices.Get<T>(address);
    }

    /// <summary>
    /// Gen.jl's <c>project</c>: the log density of the selected choices as they are in this trace, the sum of their
    /// log densities (the choices of a traced call are projected with the selection below the call's address).
    /// <c>Project(Selection.All)</c> is <see cref="Score"/>; <c>Project(Selection.None)</c> is 0. Terms are summed
    /// exactly (correctly rounded, independent of their order), so a partial selection that happens to select every
    /// choice may differ from <see cref="Score"/> (summed in visit order) in the last bits.
    /// </summary>
    /// <remarks>
    /// The default implementation, for trace types defined outside this library, answers <see cref="Selection.All"/>
    /// and <see cref="Selection.None"/> only; every trace of this library overrides it.
    /// </remarks>
    /// <exception cref="NotSupportedException">A trace type that does not override this method, with another selection.</exception>
    public virtual double Project(Selection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (ReferenceEquals(selection, Selection.All)) return Score;
        if (ReferenceEquals(selection, Selection.None)) return 0.0;
        throw new NotSupportedException($"{GetType().Name} does not implement Project for a partial selection ({selection}).");
    }

    /// <summary>
    /// The subtrace of the traced call at exactly <paramref name="address"/> (not a random choice), or null. Only this
    /// library's traces know their calls; other traces have none.
    /// </summary>
    internal virtual Trace? CallAt(Address address) => null;

    /// <summary>Whether this trace is a single random choice (a distribution's, or a switch over distributions): its choices are a value at their root.</summary>
    internal bool IsChoice => Choices.HasValue;

    /// <summary>The return value of <paramref name="call"/> (the traced call at <paramref name="address"/>), typed.</summary>
    /// <exception cref="ChoiceTypeException">It is not a <typeparamref name="T"/>.</exception>
    internal static T ReturnValue<T>(Trace call, Address address)
    {
        if (call is Trace<T> typed) return typed.Retval; // no boxing when the types agree
        var value = call.RetvalObject;
        if (value is T cast) return cast;
        if (value is null && default(T) is null) return default!;
        throw ChoiceTypeException.ForReturnValue(address, typeof(T), value?.GetType() ?? ReturnType(call));
    }

    /// <summary>The choice at <paramref name="tail"/> of <paramref name="subtrace"/>, which sits at <paramref name="address"/> here: a type error names the whole address.</summary>
    internal static T GetWithin<T>(Trace subtrace, Address tail, Address address)
    {
        try
        {
            return subtrace.Get<T>(tail);
        }
        catch (ChoiceTypeException error)
        {
            throw error.At(address);
        }
    }

    private static Type ReturnType(Trace call)
    {
        for (var type = call.GetType(); type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Trace<>)) return type.GetGenericArguments()[0];
        return typeof(object);
    }

    /// <summary>The sum of projections, correctly rounded (independent of the order in which traces list them).</summary>
    internal static double Sum(System.Collections.Generic.List<double>? terms) => terms is null ? 0.0 : terms.Count == 1 ? terms[0] : ExactSum.Of(terms);
}
