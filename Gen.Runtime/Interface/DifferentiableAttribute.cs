using System;

namespace Gen;

/// <summary>
/// Marks a static helper method of a <c>partial</c> type, of <c>double</c> in <c>double</c>s, as one that gradient
/// bodies may call with continuous values: the source generator adds beside it an overload over
/// <c>Gen.Internal.Real</c> compiled from the same body (in the differentiable subset: arithmetic, <c>Math</c>'s
/// functions, loops, branches, other <c>[Differentiable]</c> helpers). A <c>[Gen]</c> model calling it keeps its
/// gradient.
/// </summary>
/// <example><code>
/// [Differentiable]
/// static double Logistic(double z) => 1 / (1 + Math.Exp(-z));
///
/// [Gen]
/// static double Model(double x) => normal(Logistic(normal(0, 1).At("a") * x), 0.1).At("y");
/// </code></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}
