using System;

namespace Gen.Internal;

/// <summary>
/// Stan's stick-breaking bijection between ℝ^(K−1) and the open simplex of K entries: zᵢ = logistic(yᵢ − log(K − 1 − i)),
/// xᵢ = zᵢ · (what is left of the stick), the last entry the rest; y = 0 is the simplex's centre. With its log-Jacobian
/// and the reverse sweep of both, for gradient-based inference on a dirichlet choice.
/// </summary>
internal static class StickBreaking
{
    /// <summary>
    /// x (K entries) from y (K − 1), keeping per break zᵢ, 1 − zᵢ and the stick's length before it for
    /// <see cref="Backward"/>; returns log |det ∂(x₀ … x_{K−2}) / ∂y|.
    /// </summary>
    public static double FromUnconstrained(ReadOnlySpan<double> y, Span<double> x, Span<double> z, Span<double> zc, Span<double> stick)
    {
        var k = x.Length;
        var remaining = 1.0;
        var logJacobian = 0.0;
        for (var i = 0; i < k - 1; i++)
        {
            var t = y[i] - Math.Log(k - 1 - i);
            z[i] = Logistic(t);
            zc[i] = Logistic(-t); // 1 − zᵢ without cancellation
            stick[i] = remaining;
            x[i] = remaining * z[i];
            logJacobian += -Softplus(-t) - Softplus(t) + Math.Log(remaining); // log zᵢ + log(1 − zᵢ) + log(stick)
            remaining -= x[i];
        }
        x[k - 1] = remaining;
        return logJacobian;
    }

    /// <summary>The y (K − 1 entries) of a point x of the open simplex: the inverse of <see cref="FromUnconstrained"/>.</summary>
    public static void ToUnconstrained(ReadOnlySpan<double> x, Span<double> y)
    {
        var k = x.Length;
        var remaining = 1.0;
        for (var i = 0; i < k - 1; i++)
        {
            var z = x[i] / remaining;
            y[i] = Math.Log(z) - Math.Log(1 - z) + Math.Log(k - 1 - i);
            remaining -= x[i];
        }
    }

    /// <summary>Whether x lies in the open simplex (every entry positive, the sum 1 within the library's tolerance), where y exists.</summary>
    public static bool Contains(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            if (!(v > 0 && v < 1) && !(x.Length == 1 && v == 1)) return false;
            sum += v;
        }
        return Math.Abs(sum - 1) <= Check.SumTolerance;
    }

    /// <summary>
    /// The gradient in y (<paramref name="gy"/>, K − 1 entries) of f(x(y)) (+ the log-Jacobian when
    /// <paramref name="jacobian"/>), given ∂f/∂x (<paramref name="gx"/>, K entries) and the forward pass's break values.
    /// </summary>
    public static void Backward(ReadOnlySpan<double> gx, ReadOnlySpan<double> z, ReadOnlySpan<double> zc, ReadOnlySpan<double> stick, bool jacobian, Span<double> gy)
    {
        var k = gx.Length;
        var gStick = gx[k - 1]; // ∂/∂ the stick left after the break below (the last entry is all of it)
        for (var i = k - 2; i >= 0; i--)
        {
            // xᵢ = stickᵢ·zᵢ and stickᵢ₊₁ = stickᵢ·(1 − zᵢ); ∂zᵢ/∂yᵢ = zᵢ(1 − zᵢ); the log-Jacobian's log zᵢ + log(1 − zᵢ) gives 1 − 2zᵢ.
            gy[i] = (gx[i] - gStick) * stick[i] * z[i] * zc[i] + (jacobian ? zc[i] - z[i] : 0);
            gStick = gx[i] * z[i] + gStick * zc[i] + (jacobian ? 1 / stick[i] : 0);
        }
    }

    private static double Logistic(double t) => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t));

    /// <summary>log(1 + eᵗ) without overflow.</summary>
    private static double Softplus(double t) => t > 0 ? t + SamplerMath.Log1P(Math.Exp(-t)) : SamplerMath.Log1P(Math.Exp(t));
}
