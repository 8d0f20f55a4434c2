using System;

namespace Gen;

/// <summary>
/// A continuous density differentiable in its value and in its scalar parameters, with the support of its value and a
/// bijection of that support to the real line: what gradients (<c>trace.Gradients</c>) and gradient-based inference
/// (HMC, MALA, NUTS) need of a distribution whose parameters are given (a distribution object inside a combinator,
/// <c>Repeat(8, normal(0, 1))</c>). <see cref="IDifferentiablePrimitive{TSelf}"/> adds how to make one from parameters.
/// </summary>
public interface IDifferentiableDensity : IPrimitive<double>
{
    /// <summary>How many scalar parameters the primitive has: those of its constructor, in order.</summary>
    int ParameterCount { get; }

    /// <summary>
    /// log p(<paramref name="value"/>) with its gradient: <paramref name="dValue"/> = ∂ log p / ∂ value and
    /// <paramref name="dParameters"/>[k] = ∂ log p / ∂ parameter k (length <see cref="ParameterCount"/>). Outside the
    /// support the result is −∞ and the derivatives 0.
    /// </summary>
    double LogDensityGradient(double value, out double dValue, Span<double> dParameters);

    /// <summary>The support of the value, with its bijection to ℝ.</summary>
    Support Support { get; }
}

/// <summary>
/// A continuous primitive whose log density is differentiable in its value and in its scalar parameters (see
/// <see cref="IDifferentiableDensity"/>), made from parameters that carry gradients: what a choice site in a gradient
/// body needs. Every built-in scalar continuous distribution's primitive implements it in closed form.
/// </summary>
/// <typeparam name="TSelf">The primitive type itself.</typeparam>
public interface IDifferentiablePrimitive<TSelf> : IDifferentiableDensity where TSelf : struct, IDifferentiablePrimitive<TSelf>
{
    /// <summary>The primitive with these parameters (in constructor order), validated as the constructor validates them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid (named as the constructor names it).</exception>
    TSelf Create(ReadOnlySpan<double> parameters);
}

/// <summary>
/// A primitive of double[] values whose log density is differentiable in its value: what a vector choice in a gradient
/// body needs (gradient-based inference moves its elements, in the unconstrained space of its
/// <see cref="Support"/>). Its parameters are data there (an mv_normal's mean excepted). <see cref="MvNormal"/>'s and
/// <see cref="Dirichlet"/>'s primitives implement it.
/// </summary>
public interface IDifferentiableVectorDensity : IPrimitive<double[]>
{
    /// <summary>The length of the values.</summary>
    int Dimension { get; }

    /// <summary>Where the values lie: ℝⁿ, or the simplex (which gradient-based inference moves through Stan's stick-breaking transform).</summary>
    VectorSupport Support { get; }

    /// <summary>
    /// log p(<paramref name="value"/>) with <paramref name="dValue"/>[k] = ∂ log p / ∂ value[k] (length at least
    /// <see cref="Dimension"/>); where the log density is −∞ (a value of another length, a non-finite entry), zero
    /// derivatives.
    /// </summary>
    double LogDensityGradient(double[] value, Span<double> dValue);

    /// <summary>
    /// As <see cref="LogDensityGradient(double[], Span{double})"/>, and in the same pass ∂ log p / ∂ θₖ for the
    /// primitive's vector parameter θ (its first: an mv_normal's mean, a dirichlet's concentrations) into
    /// <paramref name="dParameter"/> (length at least <see cref="Dimension"/>; zero where the log density is −∞). Used
    /// when θ depends on continuous choices.
    /// </summary>
    double LogDensityGradient(double[] value, Span<double> dValue, Span<double> dParameter);
}

/// <summary>
/// A discrete primitive (bool or int values) whose log density is differentiable in its scalar parameters — a
/// bernoulli's probability, a poisson's rate — so that a gradient flows from an observed value into them (logistic and
/// Poisson regression). Its value is never an input of a gradient.
/// </summary>
/// <typeparam name="TSelf">The primitive type itself.</typeparam>
/// <typeparam name="T">The value type.</typeparam>
public interface IDifferentiableInParameters<TSelf, T> : IPrimitive<T> where TSelf : struct, IDifferentiableInParameters<TSelf, T>
{
    /// <summary>How many scalar parameters the primitive has: those of its constructor, in order.</summary>
    int ParameterCount { get; }

    /// <summary>The primitive with these parameters (in constructor order), validated as the constructor validates them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid (named as the constructor names it).</exception>
    TSelf Create(ReadOnlySpan<double> parameters);

    /// <summary>
    /// ∂ log p(<paramref name="value"/>) / ∂ parameter k into <paramref name="dParameters"/>[k] (length
    /// <see cref="ParameterCount"/>); zero where the log density is −∞.
    /// </summary>
    void LogDensityParameterGradient(T value, Span<double> dParameters);
}

/// <summary>Where the values of a vector distribution lie.</summary>
public enum VectorSupport
{
    /// <summary>ℝⁿ: every element free (mv_normal).</summary>
    Real,

    /// <summary>
    /// The simplex {x : xᵢ &gt; 0, Σ xᵢ = 1} (dirichlet): n − 1 unconstrained coordinates through Stan's stick-breaking
    /// transform, with its log-Jacobian.
    /// </summary>
    Simplex,
}

/// <summary>Helpers shared by the built-in <see cref="IDifferentiablePrimitive{TSelf}"/> implementations.</summary>
internal static class DifferentiablePrimitive
{
    /// <summary>
    /// The answer where the log density is −∞ (outside the support, or underflowed): zero derivatives in the value
    /// and in the first <paramref name="count"/> parameters; returns −∞.
    /// </summary>
    public static double Outside(out double dValue, Span<double> dParameters, int count)
    {
        dValue = 0.0;
        dParameters[..count].Clear();
        return double.NegativeInfinity;
    }
}
