using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gen.Internal;

namespace Gen.Inference;

/// <summary>Settings of <see cref="Nuts.Run{R}"/>: warm-up, draws, chains and the sampler's, plus cancellation, progress and cores.</summary>
public sealed record NutsOptions : InferenceOptions
{
    /// <summary>Warm-up iterations per chain (step size and metric adaptation; not kept). Default 1000.</summary>
    public int Warmup { get; init; } = 1000;

    /// <summary>Draws kept per chain. Default 1000.</summary>
    public int Samples { get; init; } = 1000;

    /// <summary>Chains, run in parallel. Default 4.</summary>
    public int Chains { get; init; } = 4;

    /// <summary>The largest tree depth (at most 2^depth leapfrog steps per draw). Default 10.</summary>
    public int MaxTreeDepth { get; init; } = 10;

    /// <summary>The mean acceptance statistic warm-up aims the step size at. Default 0.8.</summary>
    public double TargetAcceptance { get; init; } = 0.8;
}

/// <summary>
/// The No-U-Turn sampler over every unobserved continuous choice of a model, in the unconstrained space of their
/// supports, with Stan's warm-up: dual-averaging step-size adaptation and a windowed diagonal metric. Chains run in
/// parallel; on a fixed key (inside <c>Seed</c>) the draws do not depend on the core count: chain c's randomness comes
/// from <c>key.FoldIn(c)</c>.
/// </summary>
/// <example><code>
/// var r = Seed(new Key(1), () =&gt; Nuts.Run(ModelGen(data), observations, new NutsOptions { Chains = 4 }));
/// Console.WriteLine($"mu = {r.Mean("mu"):F3} ± {r.StandardDeviation("mu"):F3}, ESS {r.EssBulk("mu"):F0}, R-hat {r.RHat("mu"):F3}");
/// </code></example>
public static class Nuts
{
    /// <summary>Runs NUTS on <paramref name="model"/> conditioned on <paramref name="observations"/>.</summary>
    /// <exception cref="ArgumentException">An observation names an address the model does not visit.</exception>
    /// <exception cref="NotSupportedException">The model has no gradient (the message names the construct), or an unobserved choice is discrete.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static NutsResult<R> Run<R>(GenerativeFunction<R> model, ChoiceMap observations, NutsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(observations);
        options ??= new NutsOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Warmup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Chains);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxTreeDepth);
        if (!(options.TargetAcceptance > 0 && options.TargetAcceptance < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.TargetAcceptance, "NutsOptions.TargetAcceptance must lie strictly between 0 and 1.");

        var key = KeySource.Next();
        var chains = new ChainResult[options.Chains];
        var done = 0;
        var total = options.Chains * (options.Warmup + options.Samples);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Batch.MaxDegreeOfParallelism,
            CancellationToken = options.Cancellation,
        };
        var run = Task.Run(() => Parallel.For(0, options.Chains, parallel,
            c => chains[c] = RunChain(model, observations, options, key.FoldIn((uint)c), ref done)));
        try
        {
            // Waiting for the run without observing it (Wait would throw what a chain threw, wrapped once more): the result,
            // below, throws it as the run without progress does.
            if (options.Progress is { } progress)
            {
                var reported = -1;
                while (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(50))
                {
                    var now = Volatile.Read(ref done) * 100 / Math.Max(1, total);
                    if (now != reported) progress.Report(new InferenceProgress("NUTS", Volatile.Read(ref done), total));
                    reported = now;
                }
                progress.Report(new InferenceProgress("NUTS", total, total));
            }
            run.GetAwaiter().GetResult();
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }
        return new NutsResult<R>(model, chains);
    }

    private static ChainResult RunChain<R>(GenerativeFunction<R> model, ChoiceMap observations, NutsOptions options, Key key, ref int done)
    {
        var used = 0;
        var (initial, _) = model.GenerateCore(key.FoldIn(0), observations, ref used);
        Constraints.EnsureAllVisited(observations, used, initial, "NUTS (the observations)");
        var selection = Selection.Of([.. observations.AllAddresses()]).Complement();
        var target = model.Target(initial, selection);
        if (target.Dimension == 0)
            throw new ArgumentException($"NUTS has nothing to sample: every continuous choice of {model.Name} is observed.", nameof(observations));

        var hamiltonian = new Hamiltonian(target);
        var sampler = new NutsSampler(hamiltonian, target.Initial, options.MaxTreeDepth);
        sampler.InitStepSize(key.FoldIn(1));
        var stepSize = new StepSizeAdaptation(options.TargetAcceptance);
        stepSize.Restart(sampler.StepSize);
        var metric = new MetricAdaptation(target.Dimension, options.Warmup);
        var iteration = 2u;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Warmup; i++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var step = sampler.Transition(key.FoldIn(iteration++));
            sampler.StepSize = stepSize.Learn(step.AcceptStat);
            if (metric.Learn(hamiltonian.InverseMetric, sampler.Position))
            {
                sampler.InitStepSize(key.FoldIn(iteration++));
                stepSize.Restart(sampler.StepSize);
            }
            Interlocked.Increment(ref done);
        }
        if (options.Warmup > 0) sampler.StepSize = stepSize.Final;
        var warmup = clock.Elapsed;

        clock.Restart();
        var draws = new double[target.Addresses.Length][]; // one per address: a simplex has one entry more than coordinates
        for (var k = 0; k < draws.Length; k++) draws[k] = new double[options.Samples];
        var stats = new NutsStep[options.Samples];
        for (var i = 0; i < options.Samples; i++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            stats[i] = sampler.Transition(key.FoldIn(iteration++));
            var values = target.Values(sampler.Position);
            for (var k = 0; k < values.Length; k++) draws[k][i] = values[k];
            Interlocked.Increment(ref done);
        }
        return new ChainResult(target.Addresses, draws, stats, sampler.StepSize, hamiltonian.InverseMetric, warmup, clock.Elapsed);
    }
}

/// <summary>One chain's draws (per coordinate), its transitions and its adapted sampler.</summary>
internal sealed record ChainResult(Address[] Addresses, double[][] Draws, NutsStep[] Steps, double StepSize, double[] InverseMetric, TimeSpan Warmup, TimeSpan Sampling);
