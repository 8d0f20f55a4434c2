namespace Gen.Tests.Keys;

public class KeyTests
{
    // Known-answer vectors of Random123 (kat_vectors, threefry2x32_20), also used by JAX's own tests.
    [TestCase(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6b200159u, 0x99ba4efeu)]
    [TestCase(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x1cb996fcu, 0xbb002be7u)]
    [TestCase(0x13198a2eu, 0x03707344u, 0x243f6a88u, 0x85a308d3u, 0xc4923a9cu, 0x483df7a0u)]
    public void Threefry2x32_20_matches_Random123_known_answers(uint k0, uint k1, uint x0, uint x1, uint y0, uint y1)
    {
        Assert.That(Threefry.Hash(k0, k1, x0, x1), Is.EqualTo((y0, y1)));
    }

    [Test]
    public void Split_of_PRNGKey_0_matches_jax_documentation()
    {
        // jax.random.split(jax.random.PRNGKey(0)) == [[4146024105, 967050713], [2718843009, 1272950319]]
        var keys = new Key(0).Split(2);
        Assert.That(keys.Select(k => k.Words), Is.EqualTo(new[] { (4146024105u, 967050713u), (2718843009u, 1272950319u) }));
        Assert.That(new Key(0).Split(), Is.EqualTo((keys[0], keys[1])));
    }

    [Test]
    public void Key_from_seed_has_jax_words()
    {
        Assert.That(new Key(0x0000_0001_0000_0002UL).Words, Is.EqualTo((1u, 2u)));
        Assert.That(new Key(42).Words, Is.EqualTo((0u, 42u)));
    }

    [Test]
    public void FoldIn_hashes_the_data_as_counter_zero_data()
    {
        var key = new Key(7);
        var (k0, k1) = key.Words;
        Assert.That(key.FoldIn(5).Words, Is.EqualTo(Threefry.Hash(k0, k1, 0, 5)));
        Assert.That(key.FoldIn(5), Is.Not.EqualTo(key.FoldIn(6)));
    }

    [Test]
    public void Split_n_gives_distinct_keys_and_Split_2_agrees_with_Split()
    {
        var keys = new Key(123).Split(1000);
        Assert.That(keys.Distinct().Count(), Is.EqualTo(1000));
        Assert.That(new Key(123).Split(), Is.EqualTo((new Key(123).Split(2)[0], new Key(123).Split(2)[1])));
        Assert.That(() => new Key(1).Split(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Uniforms_lie_in_their_intervals_and_have_mean_one_half()
    {
        // 100,000 draws: the mean's standard error is sqrt(1/12/1e5) ~ 0.00091; allow 5 standard errors.
        var key = new Key(2024);
        const int n = 100_000;
        var sum = 0.0;
        for (uint i = 0; i < n; i++)
        {
            var u = key.Uniform(i);
            var open = key.OpenUniform(i);
            Assert.That(u, Is.GreaterThanOrEqualTo(0.0).And.LessThan(1.0));
            Assert.That(open, Is.GreaterThan(0.0).And.LessThan(1.0));
            sum += u;
        }
        Assert.That(sum / n, Is.EqualTo(0.5).Within(5 * Math.Sqrt(1.0 / 12 / n)));
    }

    [Test]
    public void KeyStream_draws_FoldIn_of_its_counter()
    {
        var stream = new KeyStream(new Key(9));
        Assert.That(stream.Next(), Is.EqualTo(new Key(9).FoldIn(0)));
        Assert.That(stream.Next(), Is.EqualTo(new Key(9).FoldIn(1)));
        Assert.That(stream.Count, Is.EqualTo(2u));
    }
}
