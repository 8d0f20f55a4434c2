using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>Update and Regenerate weights against Gen.jl's definitions, computed from the traces' scores.</summary>
public class EditSemanticsTests
{
    private static readonly double[] Xs = [0, 1, 2, 3];

    private static double LogNormal(double x, double mu, double sigma) =>
        -0.5 * Math.Pow((x - mu) / sigma, 2) - Math.Log(sigma) - 0.5 * Math.Log(2 * Math.PI);

    [Test]
    public void Update_weight_is_the_score_ratio_and_the_discard_holds_the_old_values()
    {
        var trace = Seed(new Key(1), () => LineModels.LineGen(Xs).Simulate());
        var result = trace.Update(ChoiceMap.Of(("slope", 0.3), (("y", 1), 2.0)));
        Assert.That(result.Weight, Is.EqualTo(result.Trace.Score - trace.Score).Within(1e-12));
        Assert.That(result.Trace.Get<double>("slope"), Is.EqualTo(0.3));
        Assert.That(result.Trace.Get<double>("intercept"), Is.EqualTo(trace.Get<double>("intercept")));
        Assert.That(result.Discard.Get<double>("slope"), Is.EqualTo(trace.Get<double>("slope")));
        Assert.That(result.Discard.Get<double>(("y", 1)), Is.EqualTo(trace.Get<double>(("y", 1))));
        Assert.That(result.Discard.Count, Is.EqualTo(2));
    }

    [Test]
    public void Update_with_new_arguments_subtracts_fresh_choices_and_discards_removed_ones()
    {
        var trace = Seed(new Key(2), () => LineModels.LineGen(Xs).Simulate());
        var longer = new double[] { 0, 1, 2, 3, 4, 5 };
        var grown = Seed(new Key(3), () => trace.Update(LineModels.LineGen(longer), ChoiceMap.Empty));
        double slope = grown.Trace.Get<double>("slope"), intercept = grown.Trace.Get<double>("intercept");
        var fresh = LogNormal(grown.Trace.Get<double>(("y", 4)), slope * 4 + intercept, 0.5)
                    + LogNormal(grown.Trace.Get<double>(("y", 5)), slope * 5 + intercept, 0.5);
        Assert.That(grown.Weight, Is.EqualTo(grown.Trace.Score - trace.Score - fresh).Within(1e-9));
        Assert.That(grown.Discard.IsEmpty);

        var shrunk = trace.Update(LineModels.LineGen(Xs[..2]), ChoiceMap.Empty);
        Assert.That(shrunk.Weight, Is.EqualTo(shrunk.Trace.Score - trace.Score).Within(1e-9));
        Assert.That(shrunk.Discard.Select(c => c.Address.ToString()), Is.EquivalentTo(new[] { "y[2]", "y[3]" }));
        Assert.That(shrunk.Trace.Choices.Count, Is.EqualTo(4));
    }

    [Test]
    public void Regenerate_weight_rescores_only_the_unselected_choices()
    {
        var trace = Seed(new Key(4), () => LineModels.LineGen(Xs).Simulate());
        var result = Seed(new Key(5), () => trace.Regenerate(Selection.Of("slope")));
        Assert.That(result.Trace.Get<double>("slope"), Is.Not.EqualTo(trace.Get<double>("slope")));
        Assert.That(result.Trace.Get<double>("intercept"), Is.EqualTo(trace.Get<double>("intercept")));
        var oldSlope = LogNormal(trace.Get<double>("slope"), 0, 1);
        var newSlope = LogNormal(result.Trace.Get<double>("slope"), 0, 1);
        Assert.That(result.Weight, Is.EqualTo((result.Trace.Score - newSlope) - (trace.Score - oldSlope)).Within(1e-9));
        Assert.That(result.Discard.IsEmpty);
        Assert.That(trace.Regenerate(Selection.None).Weight, Is.EqualTo(0.0));
    }

    [Test]
    public void Edit_requests_dispatch_to_update_and_regenerate()
    {
        var trace = Seed(new Key(6), () => LineModels.LineGen(Xs).Simulate());
        var update = trace.Edit(EditRequest.Update(ChoiceMap.Of(("slope", 1.0))));
        Assert.That(update.Trace.Get<double>("slope"), Is.EqualTo(1.0));
        var newArgs = trace.Edit(EditRequest.Update(LineModels.LineGen(Xs[..1]), ChoiceMap.Empty));
        Assert.That(newArgs.Trace.Choices.Count, Is.EqualTo(3));
        var regenerate = Seed(new Key(7), () => trace.Edit(EditRequest.Regenerate(Selection.Of("intercept"))));
        Assert.That(regenerate.Trace.Get<double>("intercept"), Is.Not.EqualTo(trace.Get<double>("intercept")));
    }

    [Test]
    public void Simulate_score_is_the_joint_log_density_and_Assess_agrees()
    {
        var trace = Seed(new Key(8), () => LineModels.LineGen(Xs).Simulate());
        double slope = trace.Get<double>("slope"), intercept = trace.Get<double>("intercept");
        var expected = LogNormal(slope, 0, 1) + LogNormal(intercept, 0, 2)
                       + Xs.Select((x, i) => LogNormal(trace.Get<double>(("y", i)), slope * x + intercept, 0.5)).Sum();
        Assert.That(trace.Score, Is.EqualTo(expected).Within(1e-9));
        Assert.That(LineModels.LineGen(Xs).Assess(trace.Choices).Weight, Is.EqualTo(expected).Within(1e-9));
        var (imported, weight) = LineModels.LineGen(Xs).Importance(trace.Choices);
        Assert.That(weight, Is.EqualTo(expected).Within(1e-9));
        Assert.That(imported.Score, Is.EqualTo(expected).Within(1e-9));
    }
}
