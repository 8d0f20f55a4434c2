using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Combinators;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>
/// Regenerate under new arguments (Gen.jl's <c>regenerate(trace, new_args, argdiffs, selection)</c>) against closed
/// forms: the weight is the sum, over the unselected choices kept from the old trace, of log p_new − log p_old; new,
/// selected and dropped choices contribute nothing. Closed forms are compared to 1e-9 (sums of a handful of log
/// densities); generated against interpreted, and against the plain Regenerate, bit for bit.
/// </summary>
public class RegenerateWithArgumentsTests
{
    private static readonly double[] Xs = [0, 1, 2, 3];

    private static double LogNormal(double x, double mu, double sigma) => normal(mu, sigma).LogDensity(x);

    private static IEnumerable<Key> Keys() => Enumerable.Range(0, 6).Select(i => new Key(3100 + (ulong)i));

    private static GenerativeFunction<double> InterpretedLine(double[] xs) => new InterpretedFunction<double>("Line", () => LineModels.Line(xs));

    [Test]
    public void Weight_rescores_the_kept_choices_while_new_and_selected_ones_count_nothing([ValueSource(nameof(Keys))] Key key)
    {
        var trace = Seed(key, () => LineModels.LineGen(Xs).Simulate());
        double[] longer = [0, 1, 2, 3, 4, 5];
        var call = LineModels.LineGen(longer);
        var result = Seed(key.FoldIn(1), () => trace.Regenerate(call, Selection.Of("slope")));
        var next = result.Trace;

        Assert.That(next.Function, Is.SameAs(call));
        Assert.That(next.Get<double>("slope"), Is.Not.EqualTo(trace.Get<double>("slope")), "the selected choice is resampled");
        Assert.That(next.Get<double>("intercept"), Is.EqualTo(trace.Get<double>("intercept")), "unselected choices are kept");
        for (var i = 0; i < Xs.Length; i++) Assert.That(next.Get<double>(("y", i)), Is.EqualTo(trace.Get<double>(("y", i))));
        Assert.That(next.Choices.Count, Is.EqualTo(8), "the new points are sampled");

        double oldSlope = trace.Get<double>("slope"), newSlope = next.Get<double>("slope"), b = trace.Get<double>("intercept");
        var expected = Xs.Select((x, i) =>
            LogNormal(trace.Get<double>(("y", i)), newSlope * x + b, 0.5) - LogNormal(trace.Get<double>(("y", i)), oldSlope * x + b, 0.5)).Sum();
        Assert.That(result.Weight, Is.EqualTo(expected).Within(1e-9), "the intercept's prior is unchanged: only the y's are rescored");
        Assert.That(next.Score, Is.EqualTo(call.Assess(next.Choices).Weight).Within(1e-9));
        Assert.That(result.Discard.IsEmpty);

        // Gen.jl's definition, through Project: [log p_new − log p_new(selected ∪ new)] − [log p_old − log p_old(selected ∪ dropped)].
        var generic = (next.Score - next.Project(Selection.Of("slope", ("y", 4), ("y", 5)))) - (trace.Score - trace.Project(Selection.Of("slope")));
        Assert.That(result.Weight, Is.EqualTo(generic).Within(1e-9));
    }

    [Test]
    public void Dropped_choices_cost_nothing_and_unchanged_densities_give_weight_zero([ValueSource(nameof(Keys))] Key key)
    {
        var trace = Seed(key, () => LineModels.LineGen(Xs).Simulate());
        var shrunk = Seed(key.FoldIn(2), () => trace.Regenerate(LineModels.LineGen(Xs[..2]), Selection.None));
        Assert.That(shrunk.Weight, Is.EqualTo(0.0));
        Assert.That(shrunk.Trace.Choices.Select(c => c.Address.ToString()), Is.EquivalentTo(new[] { "slope", "intercept", "y[0]", "y[1]" }));
        Assert.That(shrunk.Trace.Get<double>("slope"), Is.EqualTo(trace.Get<double>("slope")));
        Assert.That(shrunk.Discard.IsEmpty, "Regenerate has no discard");
    }

    [Test]
    public void A_moved_prior_rescores_the_kept_value_and_resampling_it_rescores_what_depends_on_it([ValueSource(nameof(Keys))] Key key)
    {
        var trace = Seed(key, () => CallModels.ShiftedGen(0, 3).Simulate());
        double m = trace.Get<double>("m");
        var kept = Seed(key.FoldIn(3), () => trace.Regenerate(CallModels.ShiftedGen(1.5, 3), Selection.None));
        Assert.That(kept.Trace.Get<double>("m"), Is.EqualTo(m));
        Assert.That(kept.Weight, Is.EqualTo(LogNormal(m, 1.5, 1) - LogNormal(m, 0, 1)).Within(1e-12));

        var moved = Seed(key.FoldIn(4), () => trace.Regenerate(CallModels.ShiftedGen(1.5, 3), Selection.Of("m")));
        var m2 = moved.Trace.Get<double>("m");
        var expected = Enumerable.Range(0, 3).Sum(i => LogNormal(trace.Get<double>(("y", i)), m2, 0.5) - LogNormal(trace.Get<double>(("y", i)), m, 0.5));
        Assert.That(moved.Weight, Is.EqualTo(expected).Within(1e-9), "m is drawn from its (new) prior: only the y's count");
    }

    [Test]
    public void With_the_same_call_it_is_the_plain_regenerate_bit_for_bit([ValueSource(nameof(Keys))] Key key)
    {
        var trace = Seed(key, () => LineModels.TwoLinesGen(Xs).Simulate());
        foreach (var selection in new[] { Selection.All, Selection.None, Selection.Of(("first", "slope"), "second"), Selection.Of(Address.Of("second", "y", 2)).Complement() })
        {
            var plain = Seed(key.FoldIn(5), () => trace.Regenerate(selection));
            var same = Seed(key.FoldIn(5), () => trace.Regenerate(trace.Function, selection));
            var request = Seed(key.FoldIn(5), () => trace.Edit(EditRequest.Regenerate(trace.Function, selection)));
            Bitwise.SameEdit(plain, same, $"regenerate {selection}");
            Bitwise.SameEdit(plain, request, $"edit request {selection}");
        }
    }

    [Test]
    public void Generated_and_interpreted_agree_bit_for_bit([ValueSource(nameof(Keys))] Key key)
    {
        var generated = Seed(key, () => LineModels.LineGen(Xs).Simulate());
        var interpreted = Seed(key, () => InterpretedLine(Xs).Simulate());
        foreach (var xs in new[] { Xs[..1], Xs.Concat([4.0, 5.0]).ToArray(), Xs.Select(x => 2 * x).ToArray() })
        foreach (var selection in new[] { Selection.Of("slope"), Selection.Of(("y", 1), "intercept"), Selection.All, Selection.None })
        {
            var g = Seed(key.FoldIn(6), () => generated.Regenerate(LineModels.LineGen(xs), selection));
            var i = Seed(key.FoldIn(6), () => interpreted.Regenerate(InterpretedLine(xs), selection));
            Bitwise.SameEdit(i, g, $"regenerate to {xs.Length} points, {selection}");
        }
    }

    [Test]
    public void A_distribution_under_new_parameters_keeps_and_rescores_its_value_unless_selected([ValueSource(nameof(Keys))] Key key)
    {
        var trace = Seed(key, () => normal(0, 1).Simulate());
        var x = trace.Retval;
        var kept = trace.Regenerate(normal(1, 2), Selection.None);
        Assert.That(kept.Trace.Retval, Is.EqualTo(x));
        Assert.That(kept.Weight, Is.EqualTo(LogNormal(x, 1, 2) - LogNormal(x, 0, 1)).Within(1e-12));
        var fresh = Seed(key.FoldIn(7), () => trace.Regenerate(normal(1, 2), Selection.All));
        Assert.That(fresh.Trace.Retval, Is.Not.EqualTo(x));
        Assert.That(fresh.Weight, Is.EqualTo(0.0));
        Assert.That(fresh.Trace.Score, Is.EqualTo(LogNormal(fresh.Trace.Retval, 1, 2)).Within(1e-12));
    }

    [Test]
    public void Combinators_regenerate_under_new_arguments_against_closed_forms([ValueSource(nameof(Keys))] Key key)
    {
        // Scan from another initial state: only step 0's state density moves; later steps see the same (kept) states.
        var chain = Seed(key, () => Scan(CombinatorModels.StepGen, 5, 0.5).Simulate());
        var restarted = Seed(key.FoldIn(8), () => chain.Regenerate(Scan(CombinatorModels.StepGen, 5, 1.0), Selection.None));
        var x0 = chain.Get<double>((0, "x"));
        Assert.That(restarted.Weight, Is.EqualTo(LogNormal(x0, 0.9, 1) - LogNormal(x0, 0.45, 1)).Within(1e-12));
        var extended = Seed(key.FoldIn(8), () => chain.Regenerate(Scan(CombinatorModels.StepGen, 7, 0.5), Selection.None));
        Assert.That(extended.Weight, Is.EqualTo(0.0), "old steps kept, new steps sampled from their prior");
        Assert.That(extended.Trace.Choices.Count, Is.EqualTo(14));

        // Vmap over other arguments: each kept "y" is rescored under its new mean (an outlier's density does not depend on x).
        double[] xs = [-1, 0, 0.5, 2], moved = [-0.5, 0, 1, 2.5];
        var points = Seed(key, () => Vmap(CombinatorModels.PointGen, xs).Simulate());
        var edit = Seed(key.FoldIn(9), () => points.Regenerate(Vmap(CombinatorModels.PointGen, moved), Selection.None));
        var expected = 0.0;
        for (var i = 0; i < xs.Length; i++)
        {
            if (points.Get<bool>((i, "outlier"))) continue;
            var y = points.Get<double>((i, "y"));
            expected += LogNormal(y, 2 * moved[i] - 1, 0.5) - LogNormal(y, 2 * xs[i] - 1, 0.5);
        }
        Assert.That(edit.Weight, Is.EqualTo(expected).Within(1e-9));

        // Mix with shifted components: the component is kept, the value rescored under its component's new mean.
        var (mixture, _) = CombinatorModels.MixtureGen(0).Importance(ChoiceMap.Of((("x", "component"), 1), (("x", "value"), 0.4)));
        var shifted = Seed(key.FoldIn(10), () => mixture.Regenerate(CombinatorModels.MixtureGen(0.5), Selection.None));
        Assert.That(shifted.Weight, Is.EqualTo(LogNormal(0.4, 3.5, 1.5) - LogNormal(0.4, 3, 1.5)).Within(1e-12));
    }

    [Test]
    public void A_call_that_cannot_edit_the_trace_is_an_argument_error_as_for_update()
    {
        var trace = Seed(new Key(1), () => LineModels.LineGen(Xs).Simulate());
        var update = Assert.Throws<ArgumentException>(() => trace.Update(LineModels.TwoLinesGen(Xs), ChoiceMap.Empty))!;
        var regenerate = Assert.Throws<ArgumentException>(() => trace.Regenerate(LineModels.TwoLinesGen(Xs), Selection.All))!;
        Assert.That(regenerate.ParamName, Is.EqualTo(update.ParamName).And.EqualTo("newCall"));
        Assert.That(regenerate.Message, Does.Contain("TwoLines").And.Contain("Line").And.Contain("cannot regenerate"));
        Assert.Throws<ArgumentException>(() => trace.Regenerate(new InterpretedFunction<double>("Other", () => LineModels.Line(Xs)), Selection.None));
        Assert.Throws<ArgumentException>(() => trace.Regenerate(normal(0, 1), Selection.None));
        Assert.Throws<ArgumentException>(() => normal(0, 1).Simulate().Regenerate(LineModels.LineGen(Xs), Selection.None));
        var draws = Seed(new Key(2), () => Repeat(2, normal(0, 1)).Simulate());
        Assert.Throws<ArgumentException>(() => draws.Regenerate(Vmap(CombinatorModels.PointGen, Xs), Selection.None), "a Vmap cannot edit a Repeat trace");
        Assert.Throws<ArgumentNullException>(() => trace.Regenerate(null!, Selection.All));
        Assert.Throws<ArgumentNullException>(() => trace.Regenerate(LineModels.LineGen(Xs), null!));
    }

    [Test]
    public void The_edit_request_dispatches_and_rejects_a_call_of_another_return_type()
    {
        var trace = Seed(new Key(3), () => LineModels.LineGen(Xs).Simulate());
        var call = LineModels.LineGen(Xs[..2]);
        var direct = Seed(new Key(4), () => trace.Regenerate(call, Selection.Of("intercept")));
        var request = EditRequest.Regenerate(call, Selection.Of("intercept"));
        Bitwise.SameEdit(direct, Seed(new Key(4), () => trace.Edit(request)), "edit request");
        Assert.That(request.ToString(), Does.StartWith("Regenerate(Line, "));
        Assert.Throws<ArgumentException>(() => trace.Edit(EditRequest.Regenerate(poisson(1), Selection.All)));
        Assert.Throws<ArgumentNullException>(() => EditRequest.Regenerate<double>(null!, Selection.All));

        // Through particles: every particle is regenerated under the new call.
        var particles = Seed(new Key(5), () => LineModels.LineGen(Xs).ImportanceK(8, ChoiceMap.Of((("y", 0), 0.5))));
        var edited = Seed(new Key(6), () => particles.Edit(EditRequest.Regenerate(LineModels.LineGen([0, 1, 2, 3, 4]), Selection.None)));
        Assert.That(edited.Traces.Select(t => t.Choices.Count), Is.All.EqualTo(7));
    }
}
