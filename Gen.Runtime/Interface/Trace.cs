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

    /// <summary>The choice at <paramref name="address"/>, typed.</summary>
    /// <exception cref="ChoiceNotFoundException">No choice there; the message names the nearest existing addresses.</exception>
    /// <exception cref="ChoiceTypeException">The choice is not a <typeparamref name="T"/>.</exception>
    public virtual T Get<T>(Address address) => Choices.Get<T>(address);
}
