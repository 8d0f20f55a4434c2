using System.Runtime.CompilerServices;
using Gen.Tests.Models;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Transforms;

/// <summary>
/// The baked-in-key hazard is real, and Jit makes it impossible: a seeded jitted sampler draws fresh randomness per
/// key; an unseeded one throws <see cref="UnseededJitException"/> instead of returning a baked sample.
/// </summary>
public class JitTests
{
    private static readonly double[] Xs = [0.0, 1.0, 2.0];

    /// <summary>
    /// Test-only: what a tracing compiler does to an unseeded function. The key the function would draw is fixed
    /// once, at "compile" time, and every call replays it.
    /// </summary>
    private static Func<A, R> BakeJit<A, R>(Func<A, R> unseeded)
    {
        var bakedKey = new Key((ulong)Environment.TickCount64); // drawn once, when compiled
        return a => Seed(bakedKey, () => unseeded(a));
    }

    [Test]
    public void A_baked_compiled_sampler_returns_the_same_value_on_every_call()
    {
        var baked = BakeJit((double[] xs) => LineModels.LineGen(xs).Simulate().Retval);

        Assert.That(baked(Xs), Is.EqualTo(baked(Xs)), "the hazard: one key baked in, one \"random\" value forever");
    }

    [Test]
    public void Jit_of_a_seeded_sampler_draws_fresh_values_per_key_and_repeats_per_key()
    {
        var sample = Jit(Seed((double[] xs) => LineModels.LineGen(xs).Simulate().Retval));

        var first = sample(new Key(1), Xs);
        var second = sample(new Key(2), Xs);

        Assert.That(first, Is.Not.EqualTo(second));
        Assert.That(sample(new Key(1), Xs), Is.EqualTo(first));
        Assert.That(first, Is.EqualTo(Seed(new Key(1), () => LineModels.LineGen(Xs).Simulate().Retval)),
            "Jit does not change what a seeded function computes");
    }

    [Test]
    public void Jit_of_an_unseeded_sampler_throws_with_the_explanation_and_the_fix()
    {
#pragma warning disable GEN001 // the mistake on purpose
        var sample = Jit((double[] xs) => LineModels.LineGen(xs).Simulate().Retval);
#pragma warning restore GEN001

        var error = Assert.Throws<UnseededJitException>(() => sample(Xs))!;
        Assert.That(error.Message, Does.Contain("same \"random\" value"));
        Assert.That(error.Message, Does.Contain("Jit(Seed(f))"));
        Assert.That(error.Message, Does.Contain("GEN001"));
    }

    [Test]
    public void Jit_of_an_unseeded_function_that_never_samples_runs()
    {
        var square = Jit((double x) => x * x);
        Assert.That(square(3), Is.EqualTo(9));
    }

    [Test]
    public void A_seeded_shape_that_ignores_its_key_is_caught_too()
    {
        var ignoresKey = Jit((Key _, double mu) => normal(mu, 1).Simulate().Retval);
        Assert.Throws<UnseededJitException>(() => ignoresKey(new Key(3), 0.0));
    }

    [Test]
    public void A_seeded_function_that_samples_with_its_key_explicitly_is_fine()
    {
        var draw = Jit((Key key, double mu) => normal(mu, 1).Sample(key));
        Assert.That(draw(new Key(5), 0), Is.EqualTo(normal(0, 1).Sample(new Key(5))));
    }

    [Test]
    public void Jit_forms_of_every_arity_agree_with_seed()
    {
        var k = new Key(11);
        Assert.That(Jit(Seed(() => normal(0, 1).Simulate().Retval))(k),
            Is.EqualTo(Seed(k, () => normal(0, 1).Simulate().Retval)));
        Assert.That(Jit(Seed((double a, double b) => normal(a, b).Simulate().Retval))(k, 1, 2),
            Is.EqualTo(Seed(k, () => normal(1, 2).Simulate().Retval)));
        Assert.That(Jit(Seed((double a, double b, double c) => normal(a + c, b).Simulate().Retval))(k, 1, 2, 3),
            Is.EqualTo(Seed(k, () => normal(4, 2).Simulate().Retval)));
    }

    [Test]
    public void Null_functions_are_rejected_when_jitted_not_when_called()
    {
        Assert.Throws<ArgumentNullException>(() => Jit((Func<Key, double, double>)null!));
        Assert.Throws<ArgumentNullException>(() => JitBatch((Func<Key, double, double>)null!));
        Assert.Throws<ArgumentNullException>(() => Jit((Func<double, double>)null!));
    }

    [Test]
    public void A_steady_state_call_allocates_nothing_of_its_own()
    {
        var draw = Jit((Key key, double mu) => mu + key.Uniform());
        draw(new Key(1), 0); // first call: the per-thread frame

        var (sum, allocated) = Measure(draw);

        Assert.That(sum, Is.GreaterThan(0));
        Assert.That(allocated, Is.Zero);

        // Out of line: in Release the JIT moved the assertions' boxing of 0 above the second counter read, 24 bytes
        // that were the test's own.
        [MethodImpl(MethodImplOptions.NoInlining)]
        static (double Sum, long Allocated) Measure(Func<Key, double, double> draw)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sum = 0.0;
            for (var i = 0; i < 1000; i++) sum += draw(new Key((ulong)i), 0);
            return (sum, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Test]
    public void Nested_and_recursive_jitted_calls_keep_their_own_arguments()
    {
        Func<Key, int, double>? self = null;
        self = Jit((Key key, int depth) => depth == 0 ? normal(0, 1).Sample(key) : depth + self!(key.FoldIn(1), depth - 1));
        var expected = 3 + 2 + 1 + normal(0, 1).Sample(new Key(4).FoldIn(1).FoldIn(1).FoldIn(1));
        Assert.That(self(new Key(4), 3), Is.EqualTo(expected));
    }

    [Test]
    public void The_batched_form_gives_call_i_the_key_FoldIn_i()
    {
        var single = Jit(Seed((double[] xs) => LineModels.LineGen(xs).Simulate().Retval));
        var batch = JitBatch(Seed((double[] xs) => LineModels.LineGen(xs).Simulate().Retval));

        var key = new Key(42);
        var results = batch(key, 64, Xs);

        Assert.That(results, Has.Length.EqualTo(64));
        for (var i = 0; i < results.Length; i++)
            Assert.That(results[i], Is.EqualTo(single(key.FoldIn((uint)i), Xs)), $"call {i}");
        Assert.That(results.Distinct().Count(), Is.EqualTo(64), "independent keys, independent draws");
    }

    [Test]
    public void The_batched_form_does_not_depend_on_the_thread_count()
    {
        var batch = JitBatch(Seed((double mu, double sigma) => normal(mu, sigma).Simulate().Retval));
        var parallel = batch(new Key(9), 500, 0, 1);

        var saved = Batch.MaxDegreeOfParallelism;
        try
        {
            Batch.MaxDegreeOfParallelism = 1;
            Assert.That(batch(new Key(9), 500, 0, 1), Is.EqualTo(parallel));
        }
        finally
        {
            Batch.MaxDegreeOfParallelism = saved;
        }
    }

    [Test]
    public void The_batched_form_of_an_unseeded_draw_throws_the_jit_exception_and_accepts_zero()
    {
        var batch = JitBatch((Key _) => normal(0, 1).Simulate().Retval);
        Assert.Throws<UnseededJitException>(() => batch(new Key(1), 8));
        Assert.That(batch(new Key(1), 0), Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch(new Key(1), -1));
    }
}
