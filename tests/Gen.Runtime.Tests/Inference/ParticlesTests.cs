using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Inference;

public class ParticlesTests
{
    private static Particles<double> Make(params double[] logWeights)
    {
        var traces = logWeights.Select((_, i) => Seed(new Key((ulong)i), () => LineModels.LineGen([0.0]).Simulate())).ToArray();
        return new Particles<double>(traces, logWeights);
    }

    /// <summary>The effective sample size sums its squared weights without an array, bit for bit the array's log-sum-exp.</summary>
    [Test]
    public void Squared_weights_are_summed_as_an_array_of_them_would_be()
    {
        var random = new Random(3);
        foreach (var n in new[] { 1, 2, 7, 1000 })
        {
            var logWeights = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.2 ? double.NegativeInfinity : 40 * (random.NextDouble() - 0.5)).ToArray();
            logWeights[0] = 3.0; // at least one finite weight
            var total = LogSumExp.Of(logWeights);
            var doubled = logWeights.Select(w => 2 * (w - total)).ToArray();
            Assert.That(BitConverter.DoubleToInt64Bits(LogSumExp.OfDoubledDifferences(logWeights, total)), Is.EqualTo(BitConverter.DoubleToInt64Bits(LogSumExp.Of(doubled))), $"n = {n}");
        }
        Assert.That(LogSumExp.OfDoubledDifferences([double.NaN, 0.0], 0.0), Is.NaN);
        Assert.That(LogSumExp.OfDoubledDifferences([double.NegativeInfinity], 0.0), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void Log_marginal_likelihood_and_effective_sample_size()
    {
        var particles = Make(Math.Log(1), Math.Log(3));
        Assert.That(particles.LogMarginalLikelihood(), Is.EqualTo(Math.Log(2)).Within(1e-12));
        Assert.That(particles.EffectiveSampleSize(), Is.EqualTo(16.0 / 10.0).Within(1e-12));
        Assert.That(particles.NormalizedWeights(), Is.EqualTo(new[] { 0.25, 0.75 }).Within(1e-12));
        Assert.That(Make(-1000, -1000, -1000).EffectiveSampleSize(), Is.EqualTo(3).Within(1e-9), "stable for tiny weights");
    }

    [Test]
    public void Resampling_preserves_the_evidence_estimate_and_follows_the_weights()
    {
        var particles = Make(Math.Log(0.1), double.NegativeInfinity, Math.Log(0.9));
        foreach (var method in new[] { ResamplingMethod.Multinomial, ResamplingMethod.Systematic })
        {
            var resampled = Seed(new Key(3), () => particles.Resample(method));
            Assert.That(resampled.Count, Is.EqualTo(3));
            Assert.That(resampled.LogWeights, Is.All.EqualTo(particles.LogMarginalLikelihood()));
            Assert.That(resampled.LogMarginalLikelihood(), Is.EqualTo(particles.LogMarginalLikelihood()).Within(1e-12));
            Assert.That(resampled.Traces, Has.None.SameAs(particles.Traces[1]), "a zero-weight particle is never drawn");
        }
    }

    [Test]
    public void Resampling_frequencies_match_the_weights()
    {
        // 30,000 ancestors: the frequency of weight 0.3 has standard error sqrt(0.3*0.7/30000) ~ 0.0026; allow 5.
        var traces = Make(Math.Log(0.3), Math.Log(0.7)).Traces;
        var many = new Particles<double>(Enumerable.Range(0, 30_000).Select(i => traces[i % 2]).ToArray(),
            Enumerable.Range(0, 30_000).Select(i => Math.Log(i % 2 == 0 ? 0.3 : 0.7)).ToArray());
        var resampled = Seed(new Key(4), () => many.Resample());
        var share = resampled.Traces.Count(t => ReferenceEquals(t, traces[0])) / 30_000.0;
        Assert.That(share, Is.EqualTo(0.3).Within(5 * Math.Sqrt(0.3 * 0.7 / 30_000)));
    }

    [Test]
    public void All_zero_weights_raise_a_clear_error_never_NaN()
    {
        var dead = Make(double.NegativeInfinity, double.NegativeInfinity);
        Assert.That(dead.LogMarginalLikelihood(), Is.EqualTo(double.NegativeInfinity));
        var error = Assert.Throws<InvalidOperationException>(() => dead.Resample())!;
        Assert.That(error.Message, Does.Contain("weight zero"));
        Assert.Throws<InvalidOperationException>(() => dead.EffectiveSampleSize());
        Assert.Throws<ArgumentException>(() => new Particles<double>(dead.Traces, [0.0]));
    }

    [Test]
    public void Edit_applies_the_request_to_every_particle_and_adds_its_weight()
    {
        var particles = Seed(new Key(5), () => LineModels.LineGen([0.0, 1.0]).ImportanceK(50, ChoiceMap.Empty));
        var edited = Seed(new Key(6), () => particles.Edit(EditRequest.Update(ChoiceMap.Of((("y", 0), 0.25)))));
        for (var i = 0; i < 50; i++)
        {
            Assert.That(edited.Traces[i].Get<double>(("y", 0)), Is.EqualTo(0.25));
            var expected = particles.LogWeights[i] + (edited.Traces[i].Score - particles.Traces[i].Score);
            Assert.That(edited.LogWeights[i], Is.EqualTo(expected).Within(1e-9));
        }
    }
}
