using static Gen.Distributions;
using static Gen.Tests.Distributions.SampleStats;

namespace Gen.Tests.Distributions;

/// <summary>Samplers of dirichlet and mv_normal: per-component moments and covariances within 5 standard errors.</summary>
public class MultivariateSamplingTests
{
    private const int N = 40_000;

    private static double[] Column(double[][] xs, int i) => xs.Select(x => x[i]).ToArray();

    [TestCase(new[] { 2.0, 0.5, 4.0 })]
    [TestCase(new[] { 0.01, 0.02 })]
    [TestCase(new[] { 30.0, 30.0, 30.0, 30.0 })]
    public void Dirichlet_component_moments(double[] alpha)
    {
        var xs = Draw(dirichlet(alpha).Sample, N);
        Assert.That(xs.Select(x => x.Sum()), Is.All.EqualTo(1.0).Within(1e-12));
        Assert.That(xs.SelectMany(x => x), Is.All.InRange(0.0, 1.0));
        var a0 = alpha.Sum();
        Assert.Multiple(() =>
        {
            for (var i = 0; i < alpha.Length; i++)
            {
                // Each component is Beta(αᵢ, α₀ − αᵢ): mean αᵢ/α₀, variance αᵢ(α₀ − αᵢ)/(α₀²(α₀ + 1)), beta's kurtosis.
                double a = alpha[i], b = a0 - a;
                var variance = a * b / (a0 * a0 * (a0 + 1));
                var kurtosis = 6 * ((a - b) * (a - b) * (a0 + 1) - a * b * (a0 + 2)) / (a * b * (a0 + 2) * (a0 + 3));
                var col = Column(xs, i);
                AssertMean(col, a / a0, variance, $"mean of component {i}");
                AssertVariance(col, variance, kurtosis, $"variance of component {i}");
            }
        });
    }

    [Test]
    public void MvNormal_means_and_covariances()
    {
        double[] mean = [1, -2, 0.5];
        double[,] cov = { { 2, 0.6, -0.5 }, { 0.6, 1, 0.3 }, { -0.5, 0.3, 0.8 } };
        var xs = Draw(mv_normal(mean, cov).Sample, N);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                var ci = Column(xs, i);
                AssertMean(ci, mean[i], cov[i, i], $"mean {i}");
                AssertVariance(ci, cov[i, i], 0, $"variance {i}");
                for (var j = 0; j < i; j++)
                {
                    // For a bivariate normal, Var((X − μx)(Y − μy)) = σx²σy² + σxy²: the sample covariance's SE is
                    // √((σx²σy² + σxy²)/N) (means estimated: a negligible O(1/N) change).
                    var cj = Column(xs, j);
                    double mi = ci.Average(), mj = cj.Average();
                    var sampleCov = ci.Zip(cj, (a, b) => (a - mi) * (b - mj)).Sum() / (N - 1);
                    var se = Math.Sqrt((cov[i, i] * cov[j, j] + cov[i, j] * cov[i, j]) / N);
                    Assert.That(sampleCov, Is.EqualTo(cov[i, j]).Within(Tolerance * se), $"cov({i}, {j})");
                }
            }
        });
    }

    [Test]
    public void MvNormal_static_and_instance_samplers_agree()
    {
        double[] mean = [1, 2];
        double[,] cov = { { 1, 0.5 }, { 0.5, 2 } };
        var key = new Key(9);
        Assert.That(MvNormal.Sample(key, mean, cov), Is.EqualTo(mv_normal(mean, cov).Sample(key)));
        // The first coordinate is mean + L₀₀·z₀ with z₀ the first standard normal of the key.
        var z0 = new KeyBits(key).StandardNormal();
        Assert.That(MvNormal.Sample(key, mean, cov)[0], Is.EqualTo(1 + z0).Within(1e-15));
    }
}
