using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Combinators;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>
/// Propose (Gen.jl's <c>propose</c>) and Project (Gen.jl's <c>project</c>) on every kind of trace: generated,
/// interpreted, a distribution's, the combinators' and the rejected-particle placeholder. Propose is Simulate's draw,
/// bit for bit on the same key; Project is the sum of the selected choices' log densities, compared with closed forms
/// to 1e-12 for one term and 1e-9 for sums, and generated against interpreted bit for bit.
/// </summary>
public class ProposeProjectTests
{
    private static readonly double[] Xs = [0, 1, 2, 3];

    private static double LogNormal(double x, double mu, double sigma) => normal(mu, sigma).LogDensity(x);

    private static IEnumerable<Key> Keys() => Enumerable.Range(0, 6).Select(i => new Key(4200 + (ulong)i));

    private static GenerativeFunction<double> InterpretedCalls(double[] xs, int n) =>
        new InterpretedFunction<double>("Calls", () => CallModels.Calls(xs, n));

    /// <summary>Generative functions of every kind, each with the check that its Propose is its Simulate on a key.</summary>
    private static IEnumerable<Action<Key>> ProposeIsSimulate()
    {
        yield return Check("Line", () => LineModels.LineGen(Xs));
        yield return Check("TwoLines", () => LineModels.TwoLinesGen(Xs));
        yield return Check("Calls", () => CallModels.CallsGen(Xs, 2));
        yield return Check("Calls interpreted", () => InterpretedCalls(Xs, 2));
        yield return Check("Vmap", () => Vmap(CombinatorModels.PointGen, Xs));
        yield return Check("Scan", () => Scan(CombinatorModels.StepGen, 4, 0.0));
        yield return Check("Repeat", () => Repeat(3, gamma(2, 1)));
        yield return Check("Switch", () => Switch(1, CombinatorModels.BranchAGen(), CombinatorModels.BranchBGen()));
        yield return Check("Mix", () => CombinatorModels.MixtureGen(0));
        yield return Check("normal", () => normal(1, 2));
        yield return Check("dirichlet", () => dirichlet([1.0, 2.0, 3.0]));
    }

    private static Action<Key> Check<R>(string name, Func<GenerativeFunction<R>> function) => key =>
    {
        var (choices, weight, retval) = Seed(key, () => function().Propose());
        var simulated = Seed(key, () => function().Simulate());
        Bitwise.SameChoices(simulated.Choices, choices, name);
        Bitwise.AreEqual(simulated.Score, weight, name + " weight");
        Assert.That(retval, Is.EqualTo(simulated.Retval), name + " retval");
    };

    [Test]
    public void Propose_samples_what_Simulate_does_with_the_score_as_weight([ValueSource(nameof(Keys))] Key key)
    {
        foreach (var check in ProposeIsSimulate()) check(key);
    }

    [Test]
    public void Propose_weight_is_the_joint_log_density_of_its_choices([ValueSource(nameof(Keys))] Key key)
    {
        var (choices, weight, retval) = Seed(key, () => LineModels.LineGen(Xs).Propose());
        double slope = choices.Get<double>("slope"), intercept = choices.Get<double>("intercept");
        var expected = LogNormal(slope, 0, 1) + LogNormal(intercept, 0, 2)
                       + Xs.Select((x, i) => LogNormal(choices.Get<double>(("y", i)), slope * x + intercept, 0.5)).Sum();
        Assert.That(weight, Is.EqualTo(expected).Within(1e-9));
        Assert.That(weight, Is.EqualTo(LineModels.LineGen(Xs).Assess(choices).Weight).Within(1e-12));
        Assert.That(retval, Is.EqualTo(slope));
        Assert.That(choices.Count, Is.EqualTo(2 + Xs.Length));
    }

    [Test]
    public void Propose_draws_from_the_ambient_key_source()
    {
        var a = LineModels.LineGen(Xs).Propose();
        var b = LineModels.LineGen(Xs).Propose();
        Assert.That(a.Choices.Get<double>("slope"), Is.Not.EqualTo(b.Choices.Get<double>("slope")), "unseeded: fresh randomness per call");
        var c = Seed(new Key(9), () => LineModels.LineGen(Xs).Propose());
        var d = Seed(new Key(9), () => LineModels.LineGen(Xs).Propose());
        Assert.That(d.Choices, Is.EqualTo(c.Choices), "seeded: reproducible");
        Bitwise.AreEqual(c.Weight, d.Weight, "seeded weight");
    }

    [Test]
    public void Project_of_a_generated_trace_matches_closed_forms([ValueSource(nameof(Keys))] Key key)
    {
        var trace = Seed(key, () => LineModels.LineGen(Xs).Simulate());
        double slope = trace.Get<double>("slope"), intercept = trace.Get<double>("intercept");
        double Y(int i) => LogNormal(trace.Get<double>(("y", i)), slope * Xs[i] + intercept, 0.5);

        Bitwise.AreEqual(trace.Score, trace.Project(Selection.All), "all");
        Assert.That(trace.Project(Selection.None), Is.EqualTo(0.0));
        Assert.That(trace.Project(Selection.Of("slope")), Is.EqualTo(LogNormal(slope, 0, 1)).Within(1e-12));
        Assert.That(trace.Project(Selection.Of(("y", 2))), Is.EqualTo(Y(2)).Within(1e-12));
        Assert.That(trace.Project(Selection.Of("y")), Is.EqualTo(Enumerable.Range(0, Xs.Length).Sum(Y)).Within(1e-9));
        Assert.That(trace.Project(Selection.Of("slope").Complement()), Is.EqualTo(trace.Score - LogNormal(slope, 0, 1)).Within(1e-9));
        Assert.That(trace.Project(Selection.Of("slope", "intercept", "y")), Is.EqualTo(trace.Score).Within(1e-9), "a selection of every choice");
        Assert.That(trace.Project(Selection.Of("missing", ("y", 9))), Is.EqualTo(0.0), "addresses the trace lacks select nothing");
        Assert.Throws<ArgumentNullException>(() => trace.Project(null!));
    }

    [Test]
    public void Project_of_a_traced_call_uses_the_selection_below_its_address([ValueSource(nameof(Keys))] Key key)
    {
        var trace = Seed(key, () => LineModels.TwoLinesGen(Xs).Simulate());
        var first = LogNormal(trace.Get<double>(("first", "slope")), 0, 1);
        double s = trace.Get<double>(("second", "slope")), b = trace.Get<double>(("second", "intercept"));
        var second = LogNormal(s, 0, 1) + LogNormal(b, 0, 2)
                     + Xs.Select((x, i) => LogNormal(trace.Get<double>(Address.Of("second", "y", i)), s * x + b, 0.5)).Sum();
        Assert.That(trace.Project(Selection.Of(("first", "slope"), "second")), Is.EqualTo(first + second).Within(1e-9));
        Assert.That(trace.Project(Selection.Of("first")) + trace.Project(Selection.Of("second")), Is.EqualTo(trace.Score).Within(1e-9));
    }

    [Test]
    public void Project_agrees_bit_for_bit_on_every_kind_of_storage([ValueSource(nameof(Keys))] Key key)
    {
        var generated = Seed(key, () => CallModels.CallsGen(Xs, 3).Simulate());
        var interpreted = Seed(key, () => InterpretedCalls(Xs, 3).Simulate());
        Bitwise.SameTrace(interpreted, generated, "simulate");
        var parts = new Selection[]
        {
            Selection.Of("line"), Selection.Of(("line", 1)), Selection.Of(("line", 2, "y")), Selection.Of(("deep", "pair", "first")),
            Selection.Of("deep"), Selection.Of("dyn3"), Selection.Of(("dyn3", "slope")), Selection.Of(("points", 2)), Selection.Of(("points", 1, "y")),
            Selection.Of("points"), Selection.Of("coin"), Selection.Of("noise"), Selection.Of(("line", 0), "dyn3", ("points", 3, "outlier"), "coin"),
        };
        foreach (var selection in parts.Concat(parts.Select(p => p.Complement())).Append(Selection.All).Append(Selection.None))
            Bitwise.AreEqual(interpreted.Project(selection), generated.Project(selection), $"project {selection}");

        // The top-level sites partition the choices: their projections sum to the score.
        var top = new[] { "line", "deep", "dyn3", "points", "coin", "noise" };
        Assert.That(top.Sum(a => generated.Project(Selection.Of(a))), Is.EqualTo(generated.Score).Within(1e-9));
        Assert.That(generated.Project(Selection.Of(top.Select(a => (Address)a).ToArray())), Is.EqualTo(generated.Score).Within(1e-9));
        Assert.That(generated.Project(Selection.Of("coin")), Is.EqualTo(Math.Log(generated.Get<bool>("coin") ? 0.25 : 0.75)).Within(1e-12));
        Assert.That(generated.Project(Selection.Of("noise")), Is.EqualTo(LogNormal(generated.Get<double>("noise"), 0, 1)).Within(1e-12));
        var dyn = generated.Get<double>(("dyn3", "slope"));
        Assert.That(generated.Project(Selection.Of(("dyn3", "slope"))), Is.EqualTo(LogNormal(dyn, 0, 1)).Within(1e-12), "a run-time address");
    }

    [Test]
    public void Project_of_combinator_distribution_and_mixture_traces([ValueSource(nameof(Keys))] Key key)
    {
        var draw = Seed(key, () => normal(1, 2).Simulate());
        Bitwise.AreEqual(draw.Score, draw.Project(Selection.All), "distribution: all");
        Assert.That(draw.Project(Selection.None), Is.EqualTo(0.0));
        Assert.That(draw.Project(Selection.Of("x")), Is.EqualTo(0.0), "a distribution's choice sits at its root, not at x");

        var draws = Seed(key, () => Repeat(3, normal(0, 1)).Simulate());
        Assert.That(draws.Project(Selection.Of(1)), Is.EqualTo(LogNormal(draws.Retval[1], 0, 1)).Within(1e-12));
        Assert.That(draws.Project(Selection.Of(1).Complement()), Is.EqualTo(LogNormal(draws.Retval[0], 0, 1) + LogNormal(draws.Retval[2], 0, 1)).Within(1e-9));

        var points = Seed(key, () => Vmap(CombinatorModels.PointGen, Xs).Simulate());
        var outlier = points.Get<bool>((2, "outlier"));
        var y2 = points.Get<double>((2, "y"));
        Assert.That(points.Project(Selection.Of((2, "y"))), Is.EqualTo(outlier ? LogNormal(y2, 0, 10) : LogNormal(y2, 3, 0.5)).Within(1e-12));
        Assert.That(points.Project(Selection.Of((2, "outlier"))), Is.EqualTo(Math.Log(outlier ? 0.1 : 0.9)).Within(1e-12));
        Bitwise.AreEqual(points.Score, points.Project(Selection.All), "vmap: all");

        var chain = Seed(key, () => Scan(CombinatorModels.StepGen, 3, 0.5).Simulate());
        var x0 = chain.Get<double>((0, "x"));
        Assert.That(chain.Project(Selection.Of((0, "x"))), Is.EqualTo(LogNormal(x0, 0.45, 1)).Within(1e-12));

        var switched = Seed(key, () => Switch(1, CombinatorModels.BranchAGen(), CombinatorModels.BranchBGen()).Simulate());
        Assert.That(switched.Project(Selection.Of("a")), Is.EqualTo(Math.Log(switched.Get<bool>("a") ? 0.6 : 0.4)).Within(1e-12), "branch 1's prior on a");

        var (mixture, _) = CombinatorModels.MixtureGen(0).Importance(ChoiceMap.Of((("x", "component"), 1), (("x", "value"), 0.4)));
        Assert.That(mixture.Project(Selection.Of(("x", "component"))), Is.EqualTo(Math.Log(0.7)).Within(1e-12));
        Assert.That(mixture.Project(Selection.Of(("x", "value"))), Is.EqualTo(LogNormal(0.4, 3, 1.5)).Within(1e-12));
    }

    [Test]
    public void Project_of_a_rejected_particle_is_minus_infinity_unless_nothing_is_selected()
    {
        // s ~ N(-3, 1): almost every prior draw is negative, and normal(0, s) then throws.
        var particles = Seed(new Key(11), () => Gen.Tests.Inference.RejectionModels.SignedScaleGen(-3, 1).ImportanceK(20, ChoiceMap.Of((("y", 0), 0.5))));
        var rejected = Enumerable.Range(0, particles.Count).First(particles.IsRejected);
        var placeholder = particles.Traces[rejected];
        Assert.That(placeholder.Project(Selection.None), Is.EqualTo(0.0));
        Assert.That(placeholder.Project(Selection.All), Is.EqualTo(double.NegativeInfinity).And.EqualTo(placeholder.Score));
        Assert.That(placeholder.Project(Selection.Of("s")), Is.EqualTo(double.NegativeInfinity));
    }
}
