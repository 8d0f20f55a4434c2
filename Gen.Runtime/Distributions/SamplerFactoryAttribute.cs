using System;

namespace Gen;

/// <summary>
/// Marks a static method that returns <c>new D(its arguments)</c> for a distribution type <c>D</c> deriving from
/// <see cref="Distribution{T, TPrimitive}"/> whose primitive has a public constructor with the same parameters. Inside
/// a <c>[Gen]</c> body the generator then samples through <c>new TPrimitive(arguments)</c> instead of creating the
/// distribution object (no allocation per choice). Every built-in factory (<c>normal</c>, <c>beta</c>, …) carries it;
/// put it on a factory of your own distribution only if the factory does nothing but construct it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SamplerFactoryAttribute : Attribute
{
}
