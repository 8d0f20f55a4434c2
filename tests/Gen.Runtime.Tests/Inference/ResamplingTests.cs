namespace Gen.Tests.Inference;

/// <summary>
/// Multinomial resampling searches the running sums through a guide table; it must pick the index a bisection picks
/// (the first whose running sum exceeds the uniform) for every uniform, so resampled particles stay the same bit for bit.
/// </summary>
public class ResamplingTests
{
    /// <summary>The definition: bisection for the first index whose running sum exceeds u.</summary>
    private static int Bisect(double[] cumulative, double u)
    {
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private static IEnumerable<double[]> WeightVectors()
    {
        yield return [1.0];
        yield return [0.5, 0.5];
        yield return [0.0, 1.0];
        yield return [1.0, 0.0, 0.0];           // trailing zeros (rejected particles) are never drawn
        yield return [0.0, 0.0, 0.3, 0.0, 0.7, 0.0];
        yield return [0.25, 0.25, 0.25, 0.25];  // running sums exactly on the guide's thresholds
        var random = new Random(7);
        foreach (var n in new[] { 3, 10, 97, 1000 })
        {
            var w = new double[n];
            for (var i = 0; i < n; i++) w[i] = random.NextDouble() < 0.3 ? 0 : Math.Pow(random.NextDouble(), 4); // skewed, with zeros
            w[random.Next(n)] += 1e-3;
            var sum = w.Sum();
            yield return w.Select(x => x / sum).ToArray();
        }
        var spike = new double[500];
        spike[250] = 1; // all the weight in one bucket
        yield return spike;
    }

    [Test]
    public void The_guide_table_search_picks_the_bisections_index_for_every_uniform()
    {
        var random = new Random(11);
        foreach (var weights in WeightVectors())
        {
            var cumulative = Resampling.Cumulative(weights);
            var guide = Resampling.Guide(cumulative);
            var n = weights.Length;
            // Uniforms at, just below and just above every guide threshold and every running sum, and random ones.
            var uniforms = new List<double> { 0.0, Math.BitDecrement(1.0) };
            for (var b = 0; b < n; b++) uniforms.AddRange([(double)b / n, Math.BitDecrement((double)b / n), Math.BitIncrement((double)b / n)]);
            foreach (var c in cumulative.Where(double.IsFinite)) uniforms.AddRange([c, Math.BitDecrement(c), Math.BitIncrement(c)]);
            for (var k = 0; k < 2000; k++) uniforms.Add(random.NextDouble());
            foreach (var u in uniforms.Where(u => u is >= 0 and < 1))
                Assert.That(Resampling.Search(cumulative, guide, u), Is.EqualTo(Bisect(cumulative, u)), $"n = {n}, u = {u:R}");
        }
    }

    [Test]
    public void Multinomial_draws_are_the_bisections_draws_with_the_same_key()
    {
        foreach (var weights in WeightVectors())
        {
            var cumulative = Resampling.Cumulative(weights);
            var key = new Key(42);
            var drawn = Resampling.Multinomial(weights, key);
            var expected = Enumerable.Range(0, weights.Length).Select(i => Bisect(cumulative, key.Uniform((uint)i))).ToArray();
            Assert.That(drawn, Is.EqualTo(expected));
            Assert.That(drawn.All(i => weights[i] > 0), Is.True, "a bucket of weight zero was drawn");
        }
    }
}
