using System;
using Gen.Internal;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Gen.Inference;

/// <summary>Optimisation of a trace's log density: maximum a posteriori estimates of selected continuous choices.</summary>
public static class Optimize
{
    /// <summary>
    /// The trace with the <paramref name="selection"/>ed continuous choices moved to a mode of the log density (the other
    /// choices held fixed): L-BFGS (MathNet.Numerics) in the unconstrained space of their supports, on the log density
    /// without the Jacobian, so the mode is that of the choices themselves, as Stan's <c>optimizing</c> finds it.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no gradient, or a selected choice is discrete.</exception>
    /// <exception cref="InvalidOperationException">The optimiser did not converge (the message says why).</exception>
    public static Trace<R> Map<R>(Trace<R> trace, Selection selection, int maxIterations = 1000) =>
        Map(trace, selection, InferenceOptions.Default, maxIterations);

    /// <summary>
    /// As <see cref="Map{R}(Trace{R}, Selection, int)"/>, with cancellation (checked at every evaluation of the log
    /// density) and progress: the evaluations so far against the iteration budget (a line search may take more than one
    /// per iteration), and <c>Completed = Total</c> when the mode is found.
    /// </summary>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    /// <inheritdoc cref="Map{R}(Trace{R}, Selection, int)"/>
    public static Trace<R> Map<R>(Trace<R> trace, Selection selection, InferenceOptions options, int maxIterations = 1000)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        options.Cancellation.ThrowIfCancellationRequested();
        var target = trace.Function.Target(trace, selection);
        if (target.Dimension == 0) return trace;
        var gradient = new double[target.Dimension];
        var evaluations = 0;
        var objective = ObjectiveFunction.Gradient(y =>
        {
            options.Cancellation.ThrowIfCancellationRequested();
            options.Progress?.Report(new InferenceProgress("MAP", Math.Min(++evaluations, maxIterations), maxIterations));
            var logP = target.Evaluate(y.AsArray() ?? y.ToArray(), gradient, jacobian: false);
            var negative = Vector<double>.Build.Dense(gradient.Length, i => -gradient[i]);
            return (double.IsNegativeInfinity(logP) ? double.MaxValue : -logP, negative);
        });
        MinimizationResult result;
        try
        {
            result = new LimitedMemoryBfgsMinimizer(1e-8, 1e-10, 1e-12, 10, maxIterations).FindMinimum(objective, Vector<double>.Build.DenseOfArray(target.Initial));
        }
        catch (MaximumIterationsException)
        {
            throw new InvalidOperationException($"Optimize.Map did not converge in {maxIterations} iterations: the log density may be unbounded in the selected choices.");
        }
        options.Progress?.Report(new InferenceProgress("MAP", maxIterations, maxIterations));
        var values = target.Values(result.MinimizingPoint.ToArray());
        var used = 0;
        return trace.Function.UpdateCore(KeySource.Next(), trace, target.Choices(values), ref used).Trace;
    }
}
