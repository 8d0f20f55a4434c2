using Gen.Tests.Models;
using Gen.Tests.Support;
using MN = MathNet.Numerics.Distributions;

namespace Gen.Tests.Interpreter;

/// <summary>
/// Sites inside expressions: generated code agrees with the interpreter bit for bit, and Assess gives the closed-form
/// log density of exactly the sites C# evaluates (so a site on a path not taken must not be given).
/// </summary>
public class ExpressionSiteTests
{
    private const double Tolerance = 1e-12; // the same densities summed in the same order: rounding only

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("Nested", ExpressionSiteModels.NestedGen, ExpressionSiteModels.Nested);
        yield return Case("InAddress", ExpressionSiteModels.InAddressGen, ExpressionSiteModels.InAddress);
        yield return Case("Conditional", ExpressionSiteModels.ConditionalGen, ExpressionSiteModels.Conditional);
        yield return Case("HelperArguments", ExpressionSiteModels.HelperArgumentsGen, ExpressionSiteModels.HelperArguments);
        yield return Case("ShortCircuit", ExpressionSiteModels.ShortCircuitGen, ExpressionSiteModels.ShortCircuit);
        yield return Case("Initialisers", ExpressionSiteModels.InitialisersGen, ExpressionSiteModels.Initialisers);
        yield return new TestCaseData(new Differential.Subject<double>("CoalesceAndSwitch",
            () => ExpressionSiteModels.CoalesceAndSwitchGen(0), () => new InterpretedFunction<double>("CoalesceAndSwitch", () => ExpressionSiteModels.CoalesceAndSwitch(0)),
            () => ExpressionSiteModels.CoalesceAndSwitchGen(3), () => new InterpretedFunction<double>("CoalesceAndSwitch", () => ExpressionSiteModels.CoalesceAndSwitch(3))))
            .SetArgDisplayNames("CoalesceAndSwitch");
    }

    private static TestCaseData Case<R>(string name, Func<GenerativeFunction<R>> generated, Func<R> body) =>
        new TestCaseData(new Differential.Subject<R>(name, generated, () => new InterpretedFunction<R>(name, body),
            generated, () => new InterpretedFunction<R>(name, body))).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Cases))]
    public void Generated_code_agrees_with_the_interpreter<R>(Differential.Subject<R> subject) => Differential.AllMethodsAgree(subject);

    [Test]
    public void A_site_in_another_site_s_parameters_scores_both()
    {
        var (weight, x) = ExpressionSiteModels.NestedGen().Assess(ChoiceMap.Of(("mu", 0.3), ("x", 1.1)));
        Assert.That(x, Is.EqualTo(1.1));
        Assert.That(weight, Is.EqualTo(MN.Normal.PDFLn(0, 1, 0.3) + MN.Normal.PDFLn(0.3, 1, 1.1)).Within(Tolerance));
    }

    [Test]
    public void A_site_in_an_address_decides_where_the_other_one_is()
    {
        var (weight, _) = ExpressionSiteModels.InAddressGen().Assess(ChoiceMap.Of(("k", 3), (("y", 3), -0.4)));
        Assert.That(weight, Is.EqualTo(MN.Poisson.PMFLn(2, 3) + MN.Normal.PDFLn(0, 1, -0.4)).Within(Tolerance));
    }

    [Test]
    public void Only_the_taken_arm_of_a_conditional_is_a_choice()
    {
        var model = ExpressionSiteModels.ConditionalGen();
        Assert.That(model.Assess(ChoiceMap.Of(("c", true), ("a", 0.5))).Weight,
            Is.EqualTo(Math.Log(0.3) + MN.Normal.PDFLn(0, 1, 0.5)).Within(Tolerance));
        Assert.That(model.Assess(ChoiceMap.Of(("c", false), ("b", 0.5))).Weight,
            Is.EqualTo(Math.Log(0.7) + MN.Exponential.PDFLn(2, 0.5)).Within(Tolerance));
        var error = Assert.Throws<ArgumentException>(() => model.Assess(ChoiceMap.Of(("c", false), ("a", 0.5), ("b", 0.5))))!;
        Assert.That(error.Message, Does.Contain("never visits").And.Contain("a"));
    }

    [Test]
    public void Helper_arguments_are_choices()
    {
        var (weight, value) = ExpressionSiteModels.HelperArgumentsGen().Assess(ChoiceMap.Of(("z", 0.2), ("u", 1.5), ("v", 0.7)));
        Assert.That(value, Is.EqualTo(Math.Exp(0.2) + 1.5 + 0.7));
        Assert.That(weight, Is.EqualTo(MN.Normal.PDFLn(0, 1, 0.2) + MN.Normal.PDFLn(1, 2, 1.5) + MN.Gamma.PDFLn(2, 1, 0.7)).Within(Tolerance));
    }

    [Test]
    public void Short_circuit_operands_are_choices_only_when_evaluated()
    {
        var model = ExpressionSiteModels.ShortCircuitGen();
        // p true, q true: && is true, so || does not evaluate r.
        Assert.That(model.Assess(ChoiceMap.Of(("p", true), ("q", true))).Weight, Is.EqualTo(Math.Log(0.5) + Math.Log(0.25)).Within(Tolerance));
        // p false: q is skipped, r decides.
        Assert.That(model.Assess(ChoiceMap.Of(("p", false), ("r", true))).Weight, Is.EqualTo(Math.Log(0.5) + Math.Log(0.75)).Within(Tolerance));
        // p true, q false: r decides.
        Assert.That(model.Assess(ChoiceMap.Of(("p", true), ("q", false), ("r", false))).Weight,
            Is.EqualTo(Math.Log(0.5) + Math.Log(0.75) + Math.Log(0.25)).Within(Tolerance));
        Assert.Throws<ArgumentException>(() => model.Assess(ChoiceMap.Of(("p", false), ("q", true), ("r", true))));
    }

    [Test]
    public void Initialiser_elements_are_choices()
    {
        var choices = ChoiceMap.Of(("px", 0.1), ("py", -2.0), ("a0", 0.25), ("a1", 1.5), ("c0", 0.4), ("t0", 0.3));
        var (weight, value) = ExpressionSiteModels.InitialisersGen().Assess(choices);
        Assert.That(value, Is.EqualTo(0.4 + (0.1 + 1.5) + 0.3 + -2.0).Within(1e-15));
        var expected = MN.Normal.PDFLn(0, 1, 0.1) + MN.Normal.PDFLn(0, 3, -2.0) + MN.ContinuousUniform.PDFLn(0, 1, 0.25)
                       + MN.ContinuousUniform.PDFLn(0, 2, 1.5) + MN.Beta.PDFLn(2, 3, 0.4) + MN.Laplace.PDFLn(0, 1, 0.3);
        Assert.That(weight, Is.EqualTo(expected).Within(Tolerance));
    }

    [Test]
    public void Coalesce_and_switch_arms_sample_only_when_taken()
    {
        Assert.That(ExpressionSiteModels.CoalesceAndSwitchGen(0).Assess(ChoiceMap.Of(("fallback", 0.5), ("zero", 2.0))).Weight,
            Is.EqualTo(MN.Normal.PDFLn(0, 1, 0.5) + MN.Exponential.PDFLn(1, 2.0)).Within(Tolerance));
        Assert.That(ExpressionSiteModels.CoalesceAndSwitchGen(7).Assess(ChoiceMap.Of(("other", 0.5))).Weight,
            Is.EqualTo(0.0).Within(Tolerance));
    }
}
