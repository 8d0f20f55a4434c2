using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// One GFI method as a site rule: what a random choice and a traced call do under Simulate, Importance, Assess,
/// Update or Regenerate. Each mode is a struct, so a body generic over its mode
/// (<c>Body&lt;TMode&gt;(ref TMode mode, …)</c>) is specialised by the JIT for each one and every site call is
/// inlined: one rule per mode, shared by generated code, the interpreter, distributions and combinators, at no cost.
/// </summary>
/// <remarks>
/// Instance methods rather than static abstract ones, so generated code compiles in C# 10 consumers too; the mode's
/// state travels with it (<c>ref TMode</c>). Generated code calls these through <see cref="SiteCalls"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISiteMode
{
    /// <summary>A random choice from <paramref name="distribution"/> at <paramref name="address"/>, stored in <paramref name="slot"/>; returns its value.</summary>
    T Choice<TDistribution, T, TAddress>(TDistribution distribution, TAddress address, ref Choice<T> slot)
        where TDistribution : struct, IPrimitive<T>
        where TAddress : struct, ISiteAddress;

    /// <summary>A traced call of <paramref name="function"/> at <paramref name="address"/>, its trace stored in <paramref name="slot"/>; returns its value.</summary>
    R Call<R, TAddress>(GenerativeFunction<R> function, TAddress address, ref Subtrace slot)
        where TAddress : struct, ISiteAddress;

    /// <summary>A site at an address known only at run time, kept in the execution's run-time record.</summary>
    R Dynamic<R>(GenerativeFunction<R> function, Address address);
}
