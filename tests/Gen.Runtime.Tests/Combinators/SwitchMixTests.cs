using Gen.Inference;
using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Combinators;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Combinators;

/// <summary>
/// Switch and Mix edits against brute force: every complete trace of a small discrete model is enumerated, each
/// update's weight is recomputed from a hand-written joint density, log p(new) − log p(old) − log q(fresh), and must
/// match to rounding (1e-12): the model is tiny, so the only error is floating-point summation order.
/// </summary>
public class SwitchMixTests
{
    private static readonly double[] KProbs = [0.5, 0.3, 0.2];

    /// <summary>The branches of <see cref="CombinatorModels.Switched"/>: the addresses each visits below "s".</summary>
    private static readonly string[][] BranchAddresses = [["a", "c"], ["a", "d"], ["c"]];

    /// <summary>log of the factor of one site of <see cref="CombinatorModels.Switched"/>, given the rest of the assignment.</summary>
    private static double Factor(int k, string site, IReadOnlyDictionary<string, bool> s)
    {
        double p = (k, site) switch
        {
            (0, "a") => 0.3,
            (0, "c") => s["a"] ? 0.9 : 0.2,
            (1, "a") => 0.6,
            (1, "d") => s["a"] ? 0.5 : 0.1,
            (2, "c") => 0.75,
            _ => throw new ArgumentException($"branch {k} has no site {site}"),
        };
        return Math.Log(s[site] ? p : 1 - p);
    }

    private static double LogJoint(int k, IReadOnlyDictionary<string, bool> s) =>
        Math.Log(KProbs[k]) + BranchAddresses[k].Sum(site => Factor(k, site, s));

    /// <summary>Every complete trace of the model: the index and the values of its branch's choices.</summary>
    private static IEnumerable<(int K, Dictionary<string, bool> S)> AllTraces()
    {
        for (var k = 0; k < 3; k++)
        {
            var sites = BranchAddresses[k];
            for (var bits = 0; bits < 1 << sites.Length; bits++)
                yield return (k, sites.Select((site, j) => (site, ((bits >> j) & 1) == 1)).ToDictionary(p => p.site, p => p.Item2));
        }
    }

    private static ChoiceMap Choices(int k, IReadOnlyDictionary<string, bool> s) =>
        ChoiceMap.Of([("k", (object)k), .. s.Select(p => ((Address)("s", p.Key), (object)p.Value))]);

    private static IEnumerable<(int K, Dictionary<string, bool> Constrained)> ConstraintSets()
    {
        for (var k = 0; k < 3; k++)
        {
            yield return (k, new());
            foreach (var site in BranchAddresses[k])
            foreach (var value in new[] { false, true })
                yield return (k, new() { [site] = value });
        }
    }

    [Test]
    public void Switch_update_weights_match_brute_force_enumeration()
    {
        var cases = 0;
        foreach (var (oldK, oldS) in AllTraces())
        foreach (var (newK, constrained) in ConstraintSets())
        {
            var (old, oldWeight) = CombinatorModels.SwitchedGen().Importance(Choices(oldK, oldS));
            Assert.That(oldWeight, Is.EqualTo(LogJoint(oldK, oldS)).Within(1e-12), "assessing a complete trace");
            var constraints = ChoiceMap.Of([("k", (object)newK), .. constrained.Select(p => ((Address)("s", p.Key), (object)p.Value))]);
            for (ulong seed = 0; seed < 6; seed++)
            {
                var edit = Seed(new Key(seed), () => old.Update(constraints));
                var what = $"k {oldK} -> {newK}, old {string.Join(",", oldS)}, constrained {string.Join(",", constrained)}";
                var newS = BranchAddresses[newK].ToDictionary(site => site, site => edit.Trace.Get<bool>(("s", site)));
                // Gen's rule: constrained sites take the constraint, sites the old branch had keep their value, the rest are fresh.
                var fresh = new List<string>();
                foreach (var site in BranchAddresses[newK])
                {
                    if (constrained.TryGetValue(site, out var c)) Assert.That(newS[site], Is.EqualTo(c), what + ": constrained " + site);
                    else if (oldS.TryGetValue(site, out var kept)) Assert.That(newS[site], Is.EqualTo(kept), what + ": kept " + site);
                    else fresh.Add(site);
                }
                var expected = LogJoint(newK, newS) - LogJoint(oldK, oldS) - fresh.Sum(site => Factor(newK, site, newS));
                Assert.That(edit.Weight, Is.EqualTo(expected).Within(1e-12), what + ": weight");
                Assert.That(edit.Trace.Score, Is.EqualTo(LogJoint(newK, newS)).Within(1e-12), what + ": score");

                // The discard: the old index (constrained), and old branch choices that were constrained or dropped.
                var discard = new HashSet<string>(oldS.Keys.Where(site => constrained.ContainsKey(site) || !newS.ContainsKey(site)).Select(site => "s/" + site)) { "k" };
                Assert.That(edit.Discard.Select(d => d.Address.ToString()), Is.EquivalentTo(discard), what + ": discard");
                foreach (var (address, value) in edit.Discard)
                    Assert.That(value, Is.EqualTo(address.ToString() == "k" ? oldK : oldS[address.Parts[1].Name!]), what + ": discarded value");
                cases++;
            }
        }
        Assert.That(cases, Is.EqualTo(10 * 13 * 6), "10 old traces, 13 constraint sets, 6 keys");
    }

    [Test]
    public void Switch_update_rejects_a_constraint_the_new_branch_never_visits()
    {
        var (old, _) = CombinatorModels.SwitchedGen().Importance(Choices(1, new Dictionary<string, bool> { ["a"] = true, ["d"] = false }));
        var error = Assert.Throws<ArgumentException>(() => old.Update(ChoiceMap.Of(("k", 0), (("s", "d"), true))))!;
        Assert.That(error.Message, Does.Contain("s/d"));
    }

    [Test]
    public void Switch_regenerate_across_branches_is_a_prior_move_with_weight_zero()
    {
        var seen = new HashSet<int>();
        foreach (var (oldK, oldS) in AllTraces())
        for (ulong seed = 0; seed < 8; seed++)
        {
            var (old, _) = CombinatorModels.SwitchedGen().Importance(Choices(oldK, oldS));
            var edit = Seed(new Key(seed), () => old.Regenerate(Selection.Of("k")));
            var k = edit.Trace.Get<int>("k");
            seen.Add(k);
            var newS = BranchAddresses[k].ToDictionary(site => site, site => edit.Trace.Get<bool>(("s", site)));
            if (k == oldK) Assert.That(newS, Is.EqualTo(oldS), "same branch: nothing below s is selected, so nothing changes");
            Assert.That(edit.Weight, Is.EqualTo(0.0).Within(1e-12), "every changed choice was drawn from its prior");
            Assert.That(edit.Trace.Score, Is.EqualTo(LogJoint(k, newS)).Within(1e-12));
        }
        Assert.That(seen, Is.EquivalentTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void Switch_is_transparent_its_branch_runs_with_the_switch_key()
    {
        for (ulong seed = 0; seed < 5; seed++)
        {
            var key = new Key(seed);
            Bitwise.SameTrace(Seed(key, () => CombinatorModels.BranchBGen().Simulate()),
                Seed(key, () => Switch(1, CombinatorModels.BranchAGen(), CombinatorModels.BranchBGen()).Simulate()), "switch(1)");
            Bitwise.SameTrace(Seed(key, () => normal(0, 1).Simulate()), Seed(key, () => Switch(true, normal(0, 1), laplace(0, 1)).Simulate()), "switch(true)");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Switch(3, normal(0, 1), normal(1, 1)));
        Assert.Throws<ArgumentException>(() => Switch<double>(0));
    }

    [Test]
    public void Enumerating_the_switched_model_counts_each_trace_once()
    {
        var latents = new (Address, System.Collections.IEnumerable)[]
        {
            ("k", new[] { 0, 1, 2 }), (("s", "a"), new[] { false, true }), (("s", "c"), new[] { false, true }), (("s", "d"), new[] { false, true }),
        };
        var exact = Enumeration.Run(CombinatorModels.SwitchedGen(), ChoiceMap.Empty, latents);
        Assert.That(exact.Outcomes, Has.Count.EqualTo(10), "4 + 4 + 2 distinct traces");
        Assert.That(exact.LogMarginalLikelihood, Is.EqualTo(0).Within(1e-12), "the prior sums to one");
        foreach (var (k, s) in AllTraces())
        {
            var outcome = exact.Outcomes.Single(o => o.Trace.Get<int>("k") == k && s.All(p => o.Trace.Get<bool>(("s", p.Key)) == p.Value));
            Assert.That(outcome.Probability, Is.EqualTo(Math.Exp(LogJoint(k, s))).Within(1e-12));
        }
    }

    // ---------------------------------------------------------------- Mix

    private static double LogComponent(int k, double x, double shift = 0) =>
        k == 0 ? normal(-2 + shift, 1).LogDensity(x) : normal(3 + shift, 1.5).LogDensity(x);

    private static double LogMix(int k, double x, double shift = 0) => Math.Log(k == 0 ? 0.3 : 0.7) + LogComponent(k, x, shift);

    [Test]
    public void Mix_update_of_the_component_keeps_the_value_and_matches_enumeration()
    {
        foreach (var x in new[] { -3.0, 0.4, 2.5 })
        foreach (var from in new[] { 0, 1 })
        foreach (var to in new[] { 0, 1 })
        {
            var (trace, weight) = CombinatorModels.MixtureGen(0).Importance(ChoiceMap.Of((("x", "component"), from), (("x", "value"), x)));
            Assert.That(weight, Is.EqualTo(LogMix(from, x)).Within(1e-12));
            var edit = trace.Update(ChoiceMap.Of((("x", "component"), to)));
            Assert.That(edit.Trace.Get<double>(("x", "value")), Is.EqualTo(x), "the observed value is kept across the component change");
            Assert.That(edit.Weight, Is.EqualTo(LogMix(to, x) - LogMix(from, x)).Within(1e-12));
            Assert.That(edit.Discard.Get<int>(("x", "component")), Is.EqualTo(from));
            Assert.That(edit.Discard.Count, Is.EqualTo(1));

            // New arguments move both components: the value is rescored under the new ones.
            var moved = trace.Update(CombinatorModels.MixtureGen(0.5), ChoiceMap.Empty);
            Assert.That(moved.Weight, Is.EqualTo(LogMix(from, x, 0.5) - LogMix(from, x)).Within(1e-12));
        }
    }

    [Test]
    public void Mix_regenerate_of_the_component_rescores_the_kept_value()
    {
        var (trace, _) = CombinatorModels.MixtureGen(0).Importance(ChoiceMap.Of((("x", "component"), 0), (("x", "value"), 0.4)));
        var changed = 0;
        for (ulong seed = 0; seed < 20; seed++)
        {
            var edit = Seed(new Key(seed), () => trace.Regenerate(Selection.Of(("x", "component"))));
            var k = edit.Trace.Get<int>(("x", "component"));
            Assert.That(edit.Trace.Get<double>(("x", "value")), Is.EqualTo(0.4));
            Assert.That(edit.Weight, Is.EqualTo(LogComponent(k, 0.4) - LogComponent(0, 0.4)).Within(1e-12), "the component is drawn from its prior");
            if (k != 0) changed++;
        }
        Assert.That(changed, Is.GreaterThan(5));
    }

    [Test]
    public void Mix_posterior_and_evidence_by_enumeration_are_the_closed_form()
    {
        const double x = 0.4;
        var exact = Enumeration.Run(CombinatorModels.MixtureGen(0), ChoiceMap.Of((("x", "value"), x)), (("x", "component"), new[] { 0, 1 }));
        var evidence = Math.Log(Math.Exp(LogMix(0, x)) + Math.Exp(LogMix(1, x)));
        Assert.That(exact.LogMarginalLikelihood, Is.EqualTo(evidence).Within(1e-12));
        Assert.That(exact.Probability(t => t.Get<int>(("x", "component")) == 1), Is.EqualTo(Math.Exp(LogMix(1, x) - evidence)).Within(1e-12));
        Assert.That(exact.Marginal<int>(("x", "component"))[0], Is.EqualTo(Math.Exp(LogMix(0, x) - evidence)).Within(1e-12));
    }

    [Test]
    public void Mix_metropolis_hastings_on_the_component_has_the_exact_stationary_distribution()
    {
        // Two components at x = 0.4: exact P(component 1 | x) ≈ 0.33. The chain's frequency over 20,000 steps has a
        // batch-means standard error of about 0.005; allow 5 of them.
        const double x = 0.4;
        var exact = Math.Exp(LogMix(1, x) - Math.Log(Math.Exp(LogMix(0, x)) + Math.Exp(LogMix(1, x))));
        var chain = Seed(new Key(21), () =>
        {
            var (initial, _) = CombinatorModels.MixtureGen(0).Importance(ChoiceMap.Of((("x", "value"), x)));
            return Mcmc.Run(initial, 20_000, t => Mcmc.MetropolisHastings(t, Selection.Of(("x", "component"))));
        });
        double Indicator(Trace<double> t) => t.Get<int>(("x", "component")) == 1 ? 1 : 0;
        var se = chain.StandardError(Indicator);
        Assert.That(se, Is.GreaterThan(0).And.LessThan(0.02));
        Assert.That(chain.Mean(Indicator), Is.EqualTo(exact).Within(5 * se));
    }

    [Test]
    public void Mix_validates_its_arguments()
    {
        Assert.Throws<ArgumentException>(() => Mix([0.5, 0.5], normal(0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mix([0.5, 0.6], normal(0, 1), normal(1, 1)));
    }
}
