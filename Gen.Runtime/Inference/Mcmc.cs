using System;
using System.Collections.Generic;

namespace Gen.Inference;

/// <summary>Settings of an MCMC run: burn-in and thinning, plus the run settings of <see cref="InferenceOptions"/>.</summary>
public sealed record McmcOptions : InferenceOptions
{
    /// <summary>Steps run and discarded before the first kept sample. Default 0.</summary>
    public int BurnIn { get; init; }

    /// <summary>Steps per kept sample (1 keeps every step). Default 1.</summary>
    public int Thin { get; init; } = 1;
}

/// <summary>
/// Markov chain Monte Carlo by Metropolis–Hastings over traces: resample a selection from the prior
/// (<c>Regenerate</c>), or propose with a generative function of your own that takes the current trace.
/// Every step draws one key from the ambient stream and runs as if under <c>Seed</c> of it: the proposal and the
/// edit take the first keys, the accept/reject uniform the last. So a chain is reproducible under <c>Seed</c>.
/// </summary>
/// <example><code>
/// var chain = Seed(new Key(1), () =&gt; Mcmc.Run(initial, 5_000, t =&gt; Mcmc.MetropolisHastings(t, Selection.Of("mu")),
///     new McmcOptions { BurnIn = 500 }));
/// Console.WriteLine($"{chain.Mean(t =&gt; t.Get&lt;double&gt;("mu"))} ± {chain.StandardError(t =&gt; t.Get&lt;double&gt;("mu"))}");
/// </code></example>
public static partial class Mcmc
{
    /// <summary>
    /// One Metropolis–Hastings step that resamples the <paramref name="selection"/> from the prior: accepted with
    /// probability min(1, exp(w)), w the weight of <c>trace.Regenerate(selection)</c>.
    /// </summary>
    /// <remarks>A proposed point at which the model raises an <see cref="ArgumentOutOfRangeException"/> (a distribution given
    /// invalid parameters) or an <see cref="ArithmeticException"/> is rejected: the step returns <c>(trace, false)</c>,
    /// and <see cref="Run{R}"/> counts it in <see cref="McmcChain{R}.RejectedByError"/>.</remarks>
    /// <exception cref="InvalidOperationException">The acceptance ratio is NaN (the trace has probability zero).</exception>
    public static (Trace<R> Trace, bool Accepted) MetropolisHastings<R>(Trace<R> trace, Selection selection)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(selection);
        var keys = new KeyStream(KeySource.Next());
        EditResult<R> edit;
        try
        {
            edit = trace.Function.RegenerateCore(keys.Next(), trace, selection);
        }
        catch (Exception error) when (Rejection.Rejects(error))
        {
            RejectionLog.Report(error);
            return (trace, false);
        }
        return Decide(trace, edit.Trace, edit.Weight, keys.Next());
    }

    /// <summary>
    /// One Metropolis–Hastings step with a custom proposal, a generative function of the current trace (Gen.jl's
    /// <c>mh(trace, proposal, args)</c>): the proposal's choices update the trace, and the move is accepted with
    /// probability min(1, exp(w + log q(old | new) − log q(new | old))), where q(old | new) assesses the proposal on
    /// the new trace with the choices the update replaced. The proposal must sample only addresses the trace has.
    /// </summary>
    /// <example><code>
    /// [Gen] static double Drift(Trace&lt;double&gt; trace) =&gt; normal(trace.Get&lt;double&gt;("mu"), 0.3).At("mu");
    /// var (next, accepted) = Mcmc.MetropolisHastings(trace, DriftGen);
    /// </code></example>
    /// <remarks>A move is rejected, the step returning <c>(trace, false)</c>, when running the proposal (forward or
    /// backward) or the model at the proposed point raises an <see cref="ArgumentOutOfRangeException"/> (for example
    /// a random walk on a scale proposing a negative value, which then parameterises <c>normal(0, s)</c>) or an
    /// <see cref="ArithmeticException"/>: the model's density there is taken to be zero, as Stan does. <see cref="Run{R}"/>
    /// counts such moves in <see cref="McmcChain{R}.RejectedByError"/>.</remarks>
    /// <exception cref="ArgumentException">The proposal samples an address the model does not visit.</exception>
    /// <exception cref="InvalidOperationException">The acceptance ratio is NaN, or the reverse proposal needs a choice the update did not replace.</exception>
    public static (Trace<R> Trace, bool Accepted) MetropolisHastings<R, P>(Trace<R> trace, Func<Trace<R>, GenerativeFunction<P>> proposal)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(proposal);
        var keys = new KeyStream(KeySource.Next());
        Trace<P> forward;
        EditResult<R> edit;
        double backward;
        try
        {
            forward = proposal(trace).SimulateCore(keys.Next());
            var used = 0;
            edit = trace.Function.UpdateCore(keys.Next(), trace, forward.Choices, ref used);
            Constraints.EnsureAllVisited(forward.Choices, used, edit.Trace, "MetropolisHastings (the proposal's choices)");
            backward = Backward(proposal, edit);
        }
        catch (Exception error) when (Rejection.Rejects(error))
        {
            RejectionLog.Report(error);
            return (trace, false);
        }
        return Decide(trace, edit.Trace, edit.Weight - forward.Score + backward, keys.Next());
    }

    /// <summary>log q(old | new): the proposal at the new trace assessed on the choices the update replaced.</summary>
    private static double Backward<R, P>(Func<Trace<R>, GenerativeFunction<P>> proposal, EditResult<R> edit)
    {
        try
        {
            var assessed = 0;
            return proposal(edit.Trace).AssessCore(edit.Discard, ref assessed).Weight;
        }
        catch (ChoiceNotFoundException missing)
        {
            throw new InvalidOperationException(
                $"MetropolisHastings: the reverse proposal needs a choice the update did not replace ({missing.Message}). " +
                "A proposal for this step must sample the same addresses from either trace.", missing);
        }
    }

    /// <summary>
    /// Runs a chain from <paramref name="initial"/>: <c>BurnIn</c> steps discarded, then <paramref name="samples"/>
    /// kept samples, each after <c>Thin</c> steps of <paramref name="kernel"/>. Step j runs as if under
    /// <c>Seed(chainKey.FoldIn(j))</c> for one key drawn from the ambient stream.
    /// </summary>
    /// <remarks>A step whose kernel raises an <see cref="ArgumentOutOfRangeException"/> or <see cref="ArithmeticException"/>
    /// (a kernel of your own that edits the trace directly, say) is rejected: the chain stays where it was. Those steps
    /// and the Metropolis–Hastings moves rejected for such an error inside the kernel are counted in
    /// <see cref="McmcChain{R}.RejectedByError"/>, the first reason in <see cref="McmcChain{R}.FirstRejection"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static McmcChain<R> Run<R>(Trace<R> initial, int samples, Func<Trace<R>, (Trace<R> Trace, bool Accepted)> kernel, McmcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        options ??= new McmcOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.BurnIn, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Thin, nameof(options));
        var key = KeySource.Next();
        var total = options.BurnIn + samples * options.Thin;
        var every = Math.Max(1, total / 100);
        var kept = new List<Trace<R>>(samples);
        var accepted = 0;
        var trace = initial;
        var log = RejectionLog.Open(propagate: true);
        try
        {
            for (var step = 0; step < total; step++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                var current = trace;
                try
                {
                    (trace, var ok) = KeySource.Seeded(key.FoldIn((uint)step), () => kernel(current));
                    if (ok) accepted++;
                }
                catch (Exception error) when (Rejection.Rejects(error))
                {
                    log.Add(error);
                    trace = current;
                }
                if (step >= options.BurnIn && (step - options.BurnIn + 1) % options.Thin == 0) kept.Add(trace);
                if ((step + 1) % every == 0 || step + 1 == total) options.Progress?.Report(new InferenceProgress("MCMC", step + 1, total));
            }
        }
        finally
        {
            log.Close();
        }
        return new McmcChain<R>(kept, (double)accepted / total, log.Count, log.First);
    }

    private static (Trace<R> Trace, bool Accepted) Decide<R>(Trace<R> current, Trace<R> proposed, double logRatio, Key key) =>
        Accepts(current.Score, logRatio, key) ? (proposed, true) : (current, false);

    /// <summary>Whether a move of log acceptance ratio <paramref name="logRatio"/> is accepted with the decision's <paramref name="key"/>.</summary>
    /// <exception cref="InvalidOperationException">The ratio is NaN; <paramref name="currentScore"/> is the current trace's score.</exception>
    internal static bool Accepts(double currentScore, double logRatio, Key key)
    {
        if (double.IsNaN(logRatio))
            throw new InvalidOperationException(
                "Metropolis–Hastings: the acceptance ratio is NaN. The current trace has probability zero (score " +
                $"{currentScore}) or a density was evaluated outside its domain; start the chain from a trace with positive probability.");
        return Math.Log(key.Uniform()) < logRatio;
    }
}

/// <summary>The kept samples of an MCMC run, with estimates over them.</summary>
public sealed class McmcChain<R>
{
    internal McmcChain(IReadOnlyList<Trace<R>> samples, double acceptanceRate, int rejectedByError = 0, Exception? firstRejection = null)
    {
        Samples = samples;
        AcceptanceRate = acceptanceRate;
        RejectedByError = rejectedByError;
        FirstRejection = firstRejection;
    }

    /// <summary>The kept traces, in chain order.</summary>
    public IReadOnlyList<Trace<R>> Samples { get; }

    /// <summary>The fraction of all steps (burn-in included) whose move was accepted.</summary>
    public double AcceptanceRate { get; }

    /// <summary>
    /// How many moves of the run (burn-in included) were rejected because running the model or proposal at the
    /// proposed point raised an <see cref="ArgumentOutOfRangeException"/> (a distribution given invalid parameters) or an
    /// <see cref="ArithmeticException"/>: Metropolis–Hastings moves inside the kernel, and kernel calls that raised one
    /// themselves. Such moves also count as not accepted in <see cref="AcceptanceRate"/>.
    /// </summary>
    public int RejectedByError { get; }

    /// <summary>The reason of the first move rejected by an error, or null when none was.</summary>
    public Exception? FirstRejection { get; }

    /// <summary>The last kept trace: where a continued chain starts.</summary>
    public Trace<R> Last => Samples[^1];

    /// <summary>The mean of <paramref name="f"/> over the kept samples.</summary>
    public double Mean(Func<Trace<R>, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var sum = 0.0;
        foreach (var trace in Samples) sum += f(trace);
        return sum / Samples.Count;
    }

    /// <summary>
    /// The Monte Carlo standard error of <see cref="Mean"/> by batch means: the kept samples split into about √n
    /// consecutive batches, whose means are nearly independent when the batches are longer than the chain's
    /// autocorrelation; the error is their standard deviation over √(number of batches).
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than 4 samples.</exception>
    public double StandardError(Func<Trace<R>, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var n = Samples.Count;
        if (n < 4) throw new InvalidOperationException("A batch-means standard error needs at least 4 samples.");
        var batches = (int)Math.Sqrt(n);
        var size = n / batches;
        var means = new double[batches];
        for (var b = 0; b < batches; b++)
        {
            var sum = 0.0;
            for (var i = b * size; i < (b + 1) * size; i++) sum += f(Samples[i]);
            means[b] = sum / size;
        }
        var grand = 0.0;
        foreach (var m in means) grand += m;
        grand /= batches;
        var squares = 0.0;
        foreach (var m in means) squares += (m - grand) * (m - grand);
        return Math.Sqrt(squares / (batches - 1) / batches);
    }
}
