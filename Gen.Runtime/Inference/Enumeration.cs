using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Gen.Inference;

/// <summary>
/// Exact inference for small discrete models: every assignment of the latent choices is scored, and the
/// posterior is their normalised joint probability. The cost is the product of the support sizes.
/// </summary>
/// <example><code>
/// var posterior = Enumeration.Run(SprinklerGen(), ChoiceMap.Of(("wet", true)),
///     ("rain", new[] { false, true }), ("sprinkler", new[] { false, true }));
/// Console.WriteLine(posterior.Probability(t =&gt; t.Get&lt;bool&gt;("rain")));
/// </code></example>
public static class Enumeration
{
    /// <summary>
    /// The exact posterior over the <paramref name="latents"/> (each an address with its finite support) given the
    /// <paramref name="observations"/>. Every random choice the model makes must be observed or enumerated. A latent
    /// address the model does not visit under some assignment (a choice inside a branch not taken) is counted once,
    /// with the first value of its support.
    /// </summary>
    /// <exception cref="ArgumentException">An address is both observed and enumerated, a support is empty, the model makes a
    /// choice that is neither observed nor enumerated, or an observation is never visited.</exception>
    /// <remarks>An assignment at which the model raises an <see cref="ArgumentOutOfRangeException"/> (a distribution given
    /// invalid parameters) or an <see cref="ArithmeticException"/> has probability zero: it is left out of the outcomes
    /// and counted in <see cref="ExactPosterior{R}.Rejected"/>.</remarks>
    /// <exception cref="InvalidOperationException">Every assignment has probability zero (the message names the rejection
    /// reason when assignments were rejected).</exception>
    public static ExactPosterior<R> Run<R>(GenerativeFunction<R> model, ChoiceMap observations, params (Address Address, IEnumerable Values)[] latents)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(latents);
        var supports = latents.Select(l => (l.Address, Values: l.Values.Cast<object>().ToArray())).ToArray();
        foreach (var (address, values) in supports)
        {
            if (values.Length == 0) throw new ArgumentException($"The support of '{address}' is empty.", nameof(latents));
            if (observations.Contains(address)) throw new ArgumentException($"'{address}' is both observed and enumerated.", nameof(latents));
        }
        var outcomes = new List<(Trace<R> Trace, double LogJoint)>();
        var digits = new int[supports.Length];
        var rejected = 0;
        Exception? firstRejection = null;
        do
        {
            var builder = new ChoiceMapBuilder();
            foreach (var (address, value) in observations) builder.Add(address, value);
            for (var j = 0; j < supports.Length; j++) builder.Add(supports[j].Address, supports[j].Values[digits[j]]);
            var choices = builder.Build();
            var used = 0;
            Trace<R> trace;
            double logJoint;
            try
            {
                (trace, logJoint) = model.GenerateCore(new Key(0), choices, ref used);
            }
            catch (Exception error) when (Rejection.Rejects(error))
            {
                // The model cannot be evaluated at this assignment: it has probability zero (the rejection rule).
                rejected++;
                firstRejection ??= error;
                continue;
            }
            var visitedObservations = observations.Count(o => trace.HasChoice(o.Address));
            Constraints.EnsureAllVisited(observations, visitedObservations, trace, "Enumeration");
            if (trace.Choices.Count != used)
            {
                var free = trace.Choices.Where(c => !choices.Contains(c.Address)).Select(c => c.Address.ToString());
                throw new ArgumentException(
                    $"Enumeration: the model samples {string.Join(", ", free)}, neither observed nor enumerated. List every latent choice with its support.",
                    nameof(latents));
            }
            // A latent the model did not visit takes no part in this outcome: count the outcome once, at its first value.
            var canonical = true;
            for (var j = 0; j < supports.Length && canonical; j++)
                canonical = digits[j] == 0 || trace.HasChoice(supports[j].Address);
            if (canonical) outcomes.Add((trace, logJoint));
        }
        while (Advance(digits, supports));
        return new ExactPosterior<R>(outcomes, rejected, firstRejection);
    }

    private static bool Advance(int[] digits, (Address Address, object[] Values)[] supports)
    {
        for (var j = digits.Length - 1; j >= 0; j--)
        {
            if (++digits[j] < supports[j].Values.Length) return true;
            digits[j] = 0;
        }
        return false;
    }
}

/// <summary>An exact posterior: every assignment of the latent choices with its probability.</summary>
public sealed class ExactPosterior<R>
{
    internal ExactPosterior(IReadOnlyList<(Trace<R> Trace, double LogJoint)> outcomes, int rejected = 0, Exception? firstRejection = null)
    {
        Rejected = rejected;
        FirstRejection = firstRejection;
        var logJoints = outcomes.Select(o => o.LogJoint).ToArray();
        LogMarginalLikelihood = logJoints.Length == 0 ? double.NegativeInfinity : LogSumExp.Of(logJoints);
        if (double.IsNaN(LogMarginalLikelihood))
            throw new InvalidOperationException("Enumeration: a joint log probability is NaN: a density was evaluated outside its domain.");
        var note = firstRejection is null
            ? ""
            : $" {rejected} assignment(s) were rejected because the model raised an error there; the first raised {Rejection.Describe(firstRejection)}";
        if (double.IsNegativeInfinity(LogMarginalLikelihood))
            throw new InvalidOperationException(outcomes.Count == 0
                ? $"Enumeration: every assignment has probability zero: the model raised an error at every one of the {rejected} assignments; " +
                  $"the first raised {Rejection.Describe(firstRejection!)}"
                : "Enumeration: every assignment has probability zero (log joint -Infinity): the observations are impossible under the model." + note);
        Outcomes = outcomes.Select(o => new EnumeratedOutcome<R>(o.Trace, o.LogJoint, Math.Exp(o.LogJoint - LogMarginalLikelihood))).ToArray();
    }

    /// <summary>Every distinct assignment, in enumeration order (the last latent varies fastest), except the rejected ones.</summary>
    public IReadOnlyList<EnumeratedOutcome<R>> Outcomes { get; }

    /// <summary>
    /// How many assignments were rejected: the model raised an <see cref="ArgumentOutOfRangeException"/> or
    /// <see cref="ArithmeticException"/> there, so they have probability zero and are not in <see cref="Outcomes"/>.
    /// </summary>
    public int Rejected { get; }

    /// <summary>The reason of the first rejected assignment (in enumeration order), or null when none was.</summary>
    public Exception? FirstRejection { get; }

    /// <summary>log p(observations), exactly: the log-sum-exp of the joint log probabilities.</summary>
    public double LogMarginalLikelihood { get; }

    /// <summary>The posterior probability that <paramref name="predicate"/> holds.</summary>
    public double Probability(Func<Trace<R>, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Outcomes.Where(o => predicate(o.Trace)).Sum(o => o.Probability);
    }

    /// <summary>The posterior mean of <paramref name="f"/>.</summary>
    public double Mean(Func<Trace<R>, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Outcomes.Where(o => o.Probability > 0).Sum(o => o.Probability * f(o.Trace));
    }

    /// <summary>The posterior marginal of the choice at <paramref name="address"/> (outcomes that do not visit it are left out, so it may sum to less than 1).</summary>
    public IReadOnlyDictionary<T, double> Marginal<T>(Address address) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(address);
        var marginal = new Dictionary<T, double>();
        foreach (var outcome in Outcomes)
            if (outcome.Trace.HasChoice(address))
                marginal[outcome.Trace.Get<T>(address)] = marginal.GetValueOrDefault(outcome.Trace.Get<T>(address)) + outcome.Probability;
        return marginal;
    }
}

/// <summary>One assignment of the latent choices.</summary>
/// <param name="Trace">The model's trace with the observations and this assignment.</param>
/// <param name="LogJoint">log p(observations, assignment).</param>
/// <param name="Probability">The posterior probability of the assignment.</param>
public sealed record EnumeratedOutcome<R>(Trace<R> Trace, double LogJoint, double Probability);
