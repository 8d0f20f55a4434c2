using System;

namespace Gen;

/// <summary>
/// Marks a static method of a <c>partial</c> class as a generative function. The source generator adds
/// <c>public static GenerativeFunction&lt;R&gt; MGen(args)</c> beside it, compiled from the method's body.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class GenAttribute : Attribute
{
}
