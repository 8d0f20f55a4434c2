using System;
using Gen.Internal;

namespace Gen.Inference;

/// <summary>A point of phase space: position q (unconstrained), momentum p, and the log density and its gradient at q.</summary>
internal sealed class PhasePoint
{
    public PhasePoint(int dimension)
    {
        Q = new double[dimension];
        P = new double[dimension];
        Gradient = new double[dimension];
    }

    public double[] Q { get; }

    public double[] P { get; }

    public double[] Gradient { get; }

    public double LogDensity { get; set; }

    public void CopyFrom(PhasePoint other)
    {
        other.Q.CopyTo(Q, 0);
        other.P.CopyTo(P, 0);
        other.Gradient.CopyTo(Gradient, 0);
        LogDensity = other.LogDensity;
    }
}

/// <summary>
/// The Hamiltonian of a target with a diagonal metric (Stan's diag_e): H(q, p) = −log π(q) + ½ pᵀ M⁻¹ p. Leapfrog
/// steps move a phase point; the inverse metric is what warm-up adapts.
/// </summary>
internal sealed class Hamiltonian(GradientTarget target)
{
    public GradientTarget Target { get; } = target;

    public int Dimension => Target.Dimension;

    /// <summary>The inverse metric M⁻¹ (the posterior variances, once adapted).</summary>
    public double[] InverseMetric { get; } = Ones(target.Dimension);

    /// <summary>Evaluates the log density and its gradient at the point's position.</summary>
    public void Evaluate(PhasePoint z) => z.LogDensity = Target.Evaluate(z.Q, z.Gradient);

    /// <summary>H(z); NaN counts as +∞ (a point where the model cannot be evaluated).</summary>
    public double Energy(PhasePoint z)
    {
        var h = -z.LogDensity + Kinetic(z);
        return double.IsNaN(h) ? double.PositiveInfinity : h;
    }

    public double Kinetic(PhasePoint z)
    {
        var tau = 0.0;
        for (var i = 0; i < z.P.Length; i++) tau += z.P[i] * z.P[i] * InverseMetric[i];
        return 0.5 * tau;
    }

    /// <summary>p ~ N(0, M): p_i = normal / √(M⁻¹)_i, from the bits of <paramref name="bits"/>.</summary>
    public void SampleMomentum(PhasePoint z, ref KeyBits bits)
    {
        for (var i = 0; i < z.P.Length; i++) z.P[i] = bits.StandardNormal() / Math.Sqrt(InverseMetric[i]);
    }

    /// <summary>∂τ/∂p = M⁻¹ p (the velocity), into <paramref name="sharp"/>.</summary>
    public void Velocity(PhasePoint z, double[] sharp)
    {
        for (var i = 0; i < sharp.Length; i++) sharp[i] = InverseMetric[i] * z.P[i];
    }

    /// <summary>One leapfrog step of size <paramref name="epsilon"/> (negative to go back).</summary>
    public void Leapfrog(PhasePoint z, double epsilon)
    {
        for (var i = 0; i < z.P.Length; i++) z.P[i] += 0.5 * epsilon * z.Gradient[i];
        for (var i = 0; i < z.Q.Length; i++) z.Q[i] += epsilon * InverseMetric[i] * z.P[i];
        Evaluate(z);
        for (var i = 0; i < z.P.Length; i++) z.P[i] += 0.5 * epsilon * z.Gradient[i];
    }

    private static double[] Ones(int n)
    {
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return ones;
    }
}
