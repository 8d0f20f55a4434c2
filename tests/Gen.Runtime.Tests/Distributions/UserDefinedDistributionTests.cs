namespace Gen.Tests.Distributions;

/// <summary>A distribution a user adds by deriving from <see cref="Distribution{T}"/>.</summary>
public class UserDefinedDistributionTests
{
    /// <summary>A loaded die: face 1…6, face 6 with probability <c>six</c>, the others equally likely.</summary>
    private sealed class LoadedDie(double six) : Distribution<int>
    {
        public override int Sample(Key key)
        {
            var bits = new KeyBits(key);
            return bits.Uniform() < six ? 6 : 1 + (int)(5 * bits.Uniform());
        }

        public override double LogDensity(int value) => value switch
        {
            6 => Math.Log(six),
            >= 1 and <= 5 => Math.Log((1 - six) / 5),
            _ => double.NegativeInfinity,
        };
    }

    [Test]
    public void A_user_distribution_samples_from_its_key_and_scores()
    {
        var die = new LoadedDie(0.5);
        var key = new Key(3);
        Assert.That(die.Sample(key), Is.EqualTo(die.Sample(key)));
        var draws = SampleStats.Draw(die.Sample, 20_000);
        Assert.That(draws, Is.All.InRange(1, 6));
        SampleStats.AssertProportion(draws.Count(d => d == 6), draws.Length, 0.5, "P(6)");
        SampleStats.AssertProportion(draws.Count(d => d == 2), draws.Length, 0.1, "P(2)");
        Assert.That(die.LogDensity(6), Is.EqualTo(Math.Log(0.5)));
        Assert.That(die.LogDensity(3), Is.EqualTo(Math.Log(0.1)).Within(1e-15));
        Assert.That(die.LogDensity(0), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void A_user_distribution_simulates_a_trace_scored_by_its_density()
    {
        var die = new LoadedDie(0.2);
        var trace = die.Simulate();
        Assert.That(trace.Retval, Is.InRange(1, 6));
        Assert.That(trace.Score, Is.EqualTo(die.LogDensity(trace.Retval)));
    }
}
