using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Transforms;

public class SeedTests
{
    private static readonly double[] Xs = [0, 1, 2, 3];

    [Test]
    public void Same_key_gives_an_identical_trace_and_different_keys_differ()
    {
        var a = Seed(new Key(5), () => LineModels.LineGen(Xs).Simulate());
        var b = Seed(new Key(5), () => LineModels.LineGen(Xs).Simulate());
        var c = Seed(new Key(6), () => LineModels.LineGen(Xs).Simulate());
        Bitwise.SameTrace(a, b, "same key");
        Assert.That(c.Get<double>("slope"), Is.Not.EqualTo(a.Get<double>("slope")));
        Assert.That(c.Score, Is.Not.EqualTo(a.Score));
    }

    [Test]
    public void Unseeded_calls_draw_fresh_randomness_each_time()
    {
        var slopes = Enumerable.Range(0, 5).Select(_ => LineModels.LineGen(Xs).Simulate().Get<double>("slope")).ToList();
        Assert.That(slopes.Distinct().Count(), Is.EqualTo(5));
        var direct = Enumerable.Range(0, 5).Select(_ => LineModels.Line(Xs)).ToList();
        Assert.That(direct.Distinct().Count(), Is.EqualTo(5));
        Assert.That(normal(0, 1).At("x"), Is.Not.EqualTo(normal(0, 1).At("x")));
    }

    [Test]
    public void Keys_follow_the_documented_rule()
    {
        var key = new Key(77);
        // A top-level GFI call draws one key from the seed's stream (key.FoldIn(0)); site k of the model gets FoldIn(k) of it.
        var trace = Seed(key, () => LineModels.LineGen(Xs).Simulate());
        var call = key.FoldIn(0);
        Assert.That(trace.Get<double>("slope"), Is.EqualTo(Normal.Sample(call.FoldIn(0), 0, 1)));
        Assert.That(trace.Get<double>("intercept"), Is.EqualTo(Normal.Sample(call.FoldIn(1), 0, 2)));

        // A bare sample primitive outside any generative function is one draw from the seed's stream.
        var (x, y) = Seed(key, () => (normal(0, 1).At("x"), normal(0, 1).At("y")));
        Assert.That(x, Is.EqualTo(Normal.Sample(key.FoldIn(0), 0, 1)));
        Assert.That(y, Is.EqualTo(Normal.Sample(key.FoldIn(1), 0, 1)));

        // Particle i of ImportanceK runs as if under Seed(batchKey.FoldIn(i)), batchKey being the call's draw.
        var particles = Seed(key, () => LineModels.LineGen(Xs).ImportanceK(3, ChoiceMap.Empty));
        var second = Seed(key.FoldIn(0).FoldIn(1), () => LineModels.LineGen(Xs).Simulate());
        Bitwise.SameTrace(second, particles.Traces[1], "particle 1");
    }

    [Test]
    public void Nested_seeds_and_nested_calls_are_deterministic()
    {
        (double, double, double) Run() => Seed(new Key(1), () =>
        {
            var outer = LineModels.LineGen(Xs).Simulate().Retval;
            var inner = Seed(new Key(2), () => LineModels.TwoLinesGen(Xs).Simulate().Retval);
            var after = LineModels.LineGen(Xs).Simulate().Retval;
            return (outer, inner, after);
        });
        Assert.That(Run(), Is.EqualTo(Run()));
        var (outer, inner, after) = Run();
        Assert.That(inner, Is.EqualTo(Seed(new Key(2), () => LineModels.TwoLinesGen(Xs).Simulate().Retval)));
        Assert.That(after, Is.Not.EqualTo(outer), "the outer stream continues after the nested seed");
    }

    [Test]
    public void Seed_of_a_function_takes_the_key_as_first_argument()
    {
        var sample = Seed((double[] xs) => LineModels.LineGen(xs).Simulate().Retval);
        Assert.That(sample(new Key(3), Xs), Is.EqualTo(sample(new Key(3), Xs)));
        Assert.That(sample(new Key(3), Xs), Is.Not.EqualTo(sample(new Key(4), Xs)));
        var direct = Seed(() => LineModels.Line(Xs));
        Assert.That(direct(new Key(9)), Is.EqualTo(direct(new Key(9))));
    }

    [Test]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var observations = ChoiceMap.Of((("y", 0), 0.5), (("y", 3), 2.0));
        var parallel = Seed(new Key(8), () => LineModels.LineGen(Xs).ImportanceK(200, observations));
        var saved = Batch.MaxDegreeOfParallelism;
        Batch.MaxDegreeOfParallelism = 1;
        try
        {
            var serial = Seed(new Key(8), () => LineModels.LineGen(Xs).ImportanceK(200, observations));
            for (var i = 0; i < 200; i++)
            {
                Bitwise.SameTrace(serial.Traces[i], parallel.Traces[i], $"particle {i}");
                Bitwise.AreEqual(serial.LogWeights[i], parallel.LogWeights[i], $"weight {i}");
            }
        }
        finally
        {
            Batch.MaxDegreeOfParallelism = saved;
        }
    }

    [Test]
    public void Resetting_the_global_key_repeats_an_unseeded_script()
    {
        ResetGlobalKey(new Key(123));
        var first = LineModels.LineGen(Xs).Simulate();
        ResetGlobalKey(new Key(123));
        var second = LineModels.LineGen(Xs).Simulate();
        Bitwise.SameTrace(first, second, "after reset");
    }
}
