using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Batches;

/// <summary>Particles in columns keep a few bytes per particle: no trace object, no stored constraint, no per-site score.</summary>
public class BatchMemoryTests
{
    [Test]
    public void A_million_particles_of_a_hundred_observations_keep_at_most_200_bytes_each()
    {
        const int n = 1_000_000;
        var observations = ChoiceMap.Of(Enumerable.Range(0, 100).Select(i => ((Address)("y", i), (object)(0.01 * i))).ToArray());
        var model = ConjugateModels.NormalNormalGen(100);
        Seed(new Key(0), () => model.ImportanceK(1_000, observations)); // warm up: JIT, capacity hints
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var particles = Seed(new Key(1), () => model.ImportanceK(n, observations));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perParticle = (after - before) / (double)n;
        TestContext.Out.WriteLine($"{perParticle:F1} bytes per particle alive");
        Assert.That(particles.Path, Is.EqualTo(ParticlePath.Batch));
        Assert.That(perParticle, Is.LessThanOrEqualTo(200));
        GC.KeepAlive(particles);
    }
}
