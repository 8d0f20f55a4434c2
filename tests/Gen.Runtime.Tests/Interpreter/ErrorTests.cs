using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>Bad input gets a specific error that names the problem, from generated and interpreted code alike.</summary>
public class ErrorTests
{
    private static readonly double[] Xs = [0, 1, 2];

    public static IEnumerable<TestCaseData> Lines()
    {
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => LineModels.LineGen(Xs))).SetArgDisplayNames("generated");
        yield return new TestCaseData((Func<GenerativeFunction<double>>)(() => new InterpretedFunction<double>("Line", () => LineModels.Line(Xs)))).SetArgDisplayNames("interpreted");
    }

    [TestCaseSource(nameof(Lines))]
    public void A_misspelled_constraint_is_named_with_the_nearest_visited_addresses(Func<GenerativeFunction<double>> line)
    {
        var error = Assert.Throws<ArgumentException>(() => line().Importance(ChoiceMap.Of(("slop", 1.0))))!;
        Assert.That(error.Message, Does.Contain("slop").And.Contain("Nearest visited addresses: slope"));
        var trace = line().Simulate();
        error = Assert.Throws<ArgumentException>(() => trace.Update(ChoiceMap.Of((("y", 7), 1.0))))!;
        Assert.That(error.Message, Does.StartWith("Update").And.Contain("y[7]").And.Contain("y[2]"));
    }

    [TestCaseSource(nameof(Lines))]
    public void A_wrong_typed_constraint_names_the_address_and_both_types(Func<GenerativeFunction<double>> line)
    {
        var error = Assert.Throws<ChoiceTypeException>(() => line().Importance(ChoiceMap.Of(("slope", 1))))!;
        Assert.That(error.Message, Does.Contain("'slope'").And.Contain("System.Int32").And.Contain("System.Double"));
    }

    [TestCaseSource(nameof(Lines))]
    public void Assess_names_a_missing_choice_and_an_extra_one(Func<GenerativeFunction<double>> line)
    {
        var choices = Seed(new Key(1), () => line().Simulate()).Choices;
        var incomplete = ChoiceMap.Of(choices.Where(c => c.Address.ToString() != "y[1]").ToArray());
        var missing = Assert.Throws<ChoiceNotFoundException>(() => line().Assess(incomplete))!;
        Assert.That(missing.Address, Is.EqualTo((Address)("y", 1)));
        Assert.That(missing.Message, Does.Contain("y[1]"));

        var extra = ChoiceMap.Of(choices.Append((("z"), (object)1.0)).ToArray());
        Assert.That(Assert.Throws<ArgumentException>(() => line().Assess(extra))!.Message, Does.Contain("never visits the given choice z"));
    }

    [Test]
    public void An_address_visited_twice_at_run_time_is_an_error_naming_it()
    {
        var generated = Assert.Throws<InvalidOperationException>(() => FaultyModels.RepeatedIndexGen(3).Simulate())!;
        Assert.That(generated.Message, Does.Contain("'y[0]'").And.Contain("RepeatedIndex"));
        var interpreted = Assert.Throws<InvalidOperationException>(() =>
            new InterpretedFunction<double>("RepeatedIndex", () => FaultyModels.RepeatedIndex(3)).Simulate())!;
        Assert.That(interpreted.Message, Is.EqualTo(generated.Message));
        Assert.DoesNotThrow(() => FaultyModels.RepeatedIndexGen(2).Simulate());
    }

    [Test]
    public void Invalid_distribution_parameters_name_the_parameter()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Gen.Distributions.normal(0, -1))!;
        Assert.That(error.ParamName, Is.EqualTo("sigma"));
    }

    [Test]
    public void Updating_with_a_different_function_is_refused_clearly()
    {
        var trace = LineModels.LineGen(Xs).Simulate();
        var error = Assert.Throws<ArgumentException>(() => trace.Update(LineModels.TwoLinesGen(Xs), ChoiceMap.Empty))!;
        Assert.That(error.Message, Does.Contain("TwoLines cannot update a trace of Line"));
    }
}
