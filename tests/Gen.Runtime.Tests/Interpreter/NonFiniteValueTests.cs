using Gen.Tests.Models;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>
/// No silent NaN: a NaN or infinite value given for a continuous choice, through any entry point, is an
/// ArgumentException naming the address; a NaN log density from a user distribution is an error naming it and the
/// address. Generated code and the interpreter run the same rule, so both are checked.
/// </summary>
public class NonFiniteValueTests
{
    private static readonly double[] Xs = [0.0, 1.0];

    private static IEnumerable<(string Name, GenerativeFunction<double> Model)> Models()
    {
        yield return ("generated", LineModels.LineGen(Xs));
        yield return ("interpreted", new InterpretedFunction<double>("Line", () => LineModels.Line(Xs)));
    }

    private static IEnumerable<TestCaseData> Values() =>
        new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity }.Select(v => new TestCaseData(v).SetArgDisplayNames(v.ToString()));

    private static void NamesTheAddress(TestDelegate call, string address, string what)
    {
        var error = Assert.Throws<ArgumentException>(call, what)!;
        Assert.That(error.Message, Does.Contain($"'{address}'").And.Contain("not finite"), what);
    }

    [TestCaseSource(nameof(Values))]
    public void A_non_finite_observation_is_an_error_naming_its_address(double bad)
    {
        foreach (var (name, model) in Models())
        {
            var observations = ChoiceMap.Of((("y", 1), bad));
            NamesTheAddress(() => Seed(new Key(1), () => model.Importance(observations)), "y[1]", name + " importance");
            NamesTheAddress(() => Seed(new Key(1), () => model.ImportanceK(10, observations)), "y[1]", name + " ImportanceK");
            var trace = Seed(new Key(2), () => model.Simulate());
            NamesTheAddress(() => Seed(new Key(3), () => trace.Update(ChoiceMap.Of(("slope", bad)))), "slope", name + " update");
            var choices = ChoiceMap.Of(("slope", 0.1), ("intercept", bad), (("y", 0), 0.0), (("y", 1), 0.0));
            NamesTheAddress(() => model.Assess(choices), "intercept", name + " assess");
        }
    }

    [Test]
    public void A_non_finite_element_of_a_vector_choice_is_an_error_too()
    {
        var model = new InterpretedFunction<double[]>("Point", () => mv_normal([0.0, 0.0], new double[,] { { 1, 0 }, { 0, 1 } }).At("p"));
        NamesTheAddress(() => model.Assess(ChoiceMap.Of(("p", new[] { 0.0, double.NaN }))), "p", "assess");
    }

    [Test]
    public void A_directly_constrained_distribution_rejects_a_non_finite_value_but_its_density_stays_minus_infinity()
    {
        Assert.Throws<ArgumentException>(() => normal(0, 1).Assess(ChoiceMap.Leaf(double.NaN)));
        Assert.That(normal(0, 1).LogDensity(double.NaN), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void Discrete_choices_are_not_affected()
    {
        var (weight, _) = flip(0.25).Assess(ChoiceMap.Leaf(true));
        Assert.That(weight, Is.EqualTo(Math.Log(0.25)).Within(1e-15));
    }

    private sealed class Broken : Distribution<double>
    {
        public override double Sample(Key key) => key.Uniform();
        public override double LogDensity(double value) => double.NaN;
        public override string ToString() => "broken()";
    }

    [Test]
    public void A_NaN_log_density_names_the_distribution_and_the_address()
    {
        var model = new InterpretedFunction<double>("Uses", () => new Broken().At("b"));
        var error = Assert.Throws<InvalidOperationException>(() => Seed(new Key(4), () => model.Simulate()))!;
        Assert.That(error.Message, Does.Contain("broken()").And.Contain("'b'").And.Contain("NaN").And.Contain("Uses"));
    }
}
