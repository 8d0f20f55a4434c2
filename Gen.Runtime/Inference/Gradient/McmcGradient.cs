using System;
using Gen.Internal;

namespace Gen.Inference;

/// <summary>Gradient-based Metropolis–Hastings kernels: Hamiltonian Monte Carlo and the Metropolis-adjusted Langevin algorithm.</summary>
public static partial class Mcmc
{
    /// <summary>
    /// One Hamiltonian Monte Carlo step on the <paramref name="selection"/>ed continuous choices, in the unconstrained
    /// space of their supports (so a scale is never proposed outside its support): a momentum drawn from N(0, I),
    /// <paramref name="steps"/> leapfrog steps of size <paramref name="stepSize"/>, and a Metropolis accept/reject on the
    /// change of energy. Usable wherever an MH kernel is: chains (<see cref="Run{R}"/>), particle-filter rejuvenation,
    /// <see cref="Particles{R}.Rejuvenate(System.Func{Trace{R}, Trace{R}}, InferenceOptions?)"/>. One key is drawn from the ambient stream per step.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no gradient (the message names the construct), or a selected choice is discrete.</exception>
    public static (Trace<R> Trace, bool Accepted) Hmc<R>(Trace<R> trace, Selection selection, int steps = 10, double stepSize = 0.1)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        if (!(stepSize > 0) || double.IsInfinity(stepSize)) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The step size must be positive and finite.");
        var keys = new KeyStream(KeySource.Next());
        var target = trace.Function.Target(trace, selection);
        if (target.Dimension == 0) return (trace, false);
        var hamiltonian = new Hamiltonian(target);
        var z = new PhasePoint(target.Dimension);
        target.Initial.CopyTo(z.Q, 0);
        hamiltonian.Evaluate(z);
        var bits = new KeyBits(keys.Next());
        hamiltonian.SampleMomentum(z, ref bits);
        var h0 = hamiltonian.Energy(z);
        for (var s = 0; s < steps && !double.IsNegativeInfinity(z.LogDensity); s++) hamiltonian.Leapfrog(z, stepSize);
        var logAccept = h0 - hamiltonian.Energy(z);
        return Accept(trace, target, z.Q, logAccept, ref bits, keys.Next());
    }

    /// <summary>
    /// One Metropolis-adjusted Langevin step: y' = y + (ε²/2)∇log π(y) + ε·ξ in the unconstrained space, accepted with the
    /// Metropolis–Hastings ratio of the Langevin proposal both ways. Usable wherever an MH kernel is.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no gradient, or a selected choice is discrete.</exception>
    public static (Trace<R> Trace, bool Accepted) Mala<R>(Trace<R> trace, Selection selection, double stepSize = 0.1)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(selection);
        if (!(stepSize > 0) || double.IsInfinity(stepSize)) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The step size must be positive and finite.");
        var keys = new KeyStream(KeySource.Next());
        var target = trace.Function.Target(trace, selection);
        var n = target.Dimension;
        if (n == 0) return (trace, false);
        var y = target.Initial;
        var gradient = new double[n];
        var logP = target.Evaluate(y, gradient);
        var bits = new KeyBits(keys.Next());
        var proposed = new double[n];
        var half = 0.5 * stepSize * stepSize;
        for (var i = 0; i < n; i++) proposed[i] = y[i] + half * gradient[i] + stepSize * bits.StandardNormal();
        var proposedGradient = new double[n];
        var proposedLogP = target.Evaluate(proposed, proposedGradient);
        double Log(double[] to, double[] from, double[] fromGradient)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                var d = to[i] - from[i] - half * fromGradient[i];
                sum += d * d;
            }
            return -sum / (4 * half);
        }
        var logAccept = proposedLogP - logP + Log(y, proposed, proposedGradient) - Log(proposed, y, gradient);
        return Accept(trace, target, proposed, logAccept, ref bits, keys.Next());
    }

    /// <summary>Accepts the move to unconstrained point <paramref name="y"/> with probability min(1, exp(<paramref name="logAccept"/>)); the new trace is an update with the moved values.</summary>
    private static (Trace<R> Trace, bool Accepted) Accept<R>(Trace<R> trace, GradientTarget target, double[] y, double logAccept, ref KeyBits bits, Key updateKey)
    {
        if (double.IsNaN(logAccept) || !(logAccept >= 0 || Math.Log(bits.OpenUniform()) < logAccept)) return (trace, false);
        var values = target.Values(y);
        var used = 0;
        var moved = trace.Function.UpdateCore(updateKey, trace, target.Choices(values), ref used).Trace;
        return (moved, true);
    }
}
