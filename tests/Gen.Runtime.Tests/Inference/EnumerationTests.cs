using Gen.Inference;
using Gen.Tests.Models;
using static Gen.Distributions;

namespace Gen.Tests.Inference;

/// <summary>Exact enumeration against hand-computed posteriors.</summary>
public static partial class EnumerationModels
{
    /// <summary>The sprinkler network: rain, sprinkler (less likely when it rains), wet grass.</summary>
    [Gen]
    public static bool Sprinkler()
    {
        var rain = flip(0.2).At("rain");
        var sprinkler = flip(rain ? 0.01 : 0.4).At("sprinkler");
        var p = (rain, sprinkler) switch { (true, true) => 0.99, (true, false) => 0.8, (false, true) => 0.9, _ => 0.0 };
        return flip(p).At("wet");
    }

    /// <summary>A die roll with a bonus roll on a six: the bonus address exists only in some traces.</summary>
    [Gen]
    public static int Bonus()
    {
        var roll = categorical([1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0]).At("roll") + 1;
        return roll == 6 ? roll + binomial(2, 0.5).At("bonus") : roll;
    }
}

public class EnumerationTests
{
    [Test]
    public void Sprinkler_posterior_is_the_textbook_answer()
    {
        var posterior = Enumeration.Run(EnumerationModels.SprinklerGen(), ChoiceMap.Of(("wet", true)),
            ("rain", new[] { false, true }), ("sprinkler", new[] { false, true }));
        // P(wet) = .2(.01·.99 + .99·.8) + .8(.4·.9) = 0.16038 + 0.288 = 0.44838; P(rain | wet) = 0.16038 / 0.44838.
        Assert.That(posterior.LogMarginalLikelihood, Is.EqualTo(Math.Log(0.44838)).Within(1e-12));
        Assert.That(posterior.Probability(t => t.Get<bool>("rain")), Is.EqualTo(0.16038 / 0.44838).Within(1e-12));
        Assert.That(posterior.Marginal<bool>("sprinkler")[true], Is.EqualTo((0.2 * 0.01 * 0.99 + 0.8 * 0.4 * 0.9) / 0.44838).Within(1e-12));
        Assert.That(posterior.Outcomes.Single(o => !o.Trace.Get<bool>("rain") && !o.Trace.Get<bool>("sprinkler")).Probability, Is.EqualTo(0));
    }

    [Test]
    public void A_choice_that_only_some_traces_make_is_counted_once()
    {
        var posterior = Enumeration.Run(EnumerationModels.BonusGen(), ChoiceMap.Empty, ("roll", Enumerable.Range(0, 6)), ("bonus", new[] { 0, 1, 2 }));
        Assert.That(posterior.Outcomes, Has.Count.EqualTo(5 + 3));
        Assert.That(posterior.LogMarginalLikelihood, Is.EqualTo(0).Within(1e-12));
        Assert.That(posterior.Mean(t => t.Retval), Is.EqualTo((1 + 2 + 3 + 4 + 5) / 6.0 + (6 + 1) / 6.0).Within(1e-12));
    }

    [Test]
    public void Misuse_is_reported_clearly()
    {
        var missing = Assert.Throws<ArgumentException>(() => Enumeration.Run(EnumerationModels.SprinklerGen(), ChoiceMap.Of(("wet", true)), ("rain", new[] { false, true })))!;
        Assert.That(missing.Message, Does.Contain("sprinkler").And.Contain("neither observed nor enumerated"));
        var both = Assert.Throws<ArgumentException>(() => Enumeration.Run(EnumerationModels.SprinklerGen(), ChoiceMap.Of(("wet", true)),
            ("wet", new[] { true }), ("rain", new[] { false, true }), ("sprinkler", new[] { false, true })))!;
        Assert.That(both.Message, Does.Contain("both observed and enumerated"));
        var impossible = Assert.Throws<InvalidOperationException>(() => Enumeration.Run(InferenceModels.ImpossibleGen(),
            ChoiceMap.Of(("never", true), ("x", 0.5))))!;
        Assert.That(impossible.Message, Does.Contain("probability zero"));
        Assert.Throws<ArgumentException>(() => Enumeration.Run(EnumerationModels.SprinklerGen(), ChoiceMap.Of(("wet", true)),
            ("rain", Array.Empty<bool>()), ("sprinkler", new[] { false, true })));
    }
}
