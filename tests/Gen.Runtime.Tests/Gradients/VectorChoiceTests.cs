using Gen.Inference;
using Gen.Tests.Models;
using MathNet.Numerics.LinearAlgebra;
using static Gen.Transforms;

namespace Gen.Tests.Gradients;

/// <summary>
/// Gradients through a double[] choice (mv_normal): element k is the coordinate <c>(address, k)</c>. Checked against
/// central finite differences, and NUTS, HMC and MAP against the closed-form Gaussian posterior of
/// <see cref="GradientModels.VectorLine"/> (5 MCSE on fixed keys; the mode to 1e-6).
/// </summary>
public class VectorChoiceTests
{
    private static readonly double[] Xs = [0, 0.5, 1, 2, 3];
    private static readonly double[] Ys = [0.9, 0.1, -0.4, -1.8, -3.1];
    private static readonly ChoiceMap Observations = ChoiceMap.Of(Ys.Select((y, i) => ((Address)("y", i), (object)y)).ToArray());

    /// <summary>The posterior of theta: precision S0⁻¹ + XᵀX/σ², mean its inverse times S0⁻¹m0 + Xᵀy/σ².</summary>
    private static (Vector<double> Mean, Matrix<double> Covariance) Posterior()
    {
        var priorPrecision = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 1 }, { 1, 2 } }).Inverse();
        var design = Matrix<double>.Build.Dense(Xs.Length, 2, (i, j) => j == 0 ? 1 : Xs[i]);
        var precision = priorPrecision + design.TransposeThisAndMultiply(design) / 0.25;
        var covariance = precision.Inverse();
        var mean = covariance * (priorPrecision * Vector<double>.Build.Dense([0.5, -1.0]) + design.TransposeThisAndMultiply(Vector<double>.Build.Dense(Ys)) / 0.25);
        return (mean, covariance);
    }

    [Test]
    public void Gradients_of_a_vector_choice_match_central_finite_differences()
    {
        var model = GradientModels.VectorLineGen(Xs);
        for (ulong seed = 0; seed < 5; seed++)
        {
            var trace = Seed(new Key(200 + seed), () => model.Simulate());
            var theta = trace.Get<double[]>("theta");
            var gradient = trace.Gradients(Selection.Of("theta")).Get<double[]>("theta");
            Assert.That(gradient, Has.Length.EqualTo(2), "a double[] of gradients at the vector's address");
            for (var k = 0; k < 2; k++)
            {
                var h = 1e-5 * Math.Max(1, Math.Abs(theta[k]));
                double LogJoint(double delta)
                {
                    var moved = (double[])theta.Clone();
                    moved[k] += delta;
                    return model.Assess(ChoiceMap.Of(trace.Choices.Select(c => c.Address.Equals((Address)"theta") ? (c.Address, (object)moved) : c).ToArray())).Weight;
                }
                var numeric = (LogJoint(h) - LogJoint(-h)) / (2 * h);
                Assert.That(gradient[k], Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"seed {seed}, ∂/∂theta[{k}]");
            }
        }
    }

    [Test]
    public void Through_a_traced_call_a_vector_s_coordinates_are_full_paths()
    {
        var model = GradientModels.VectorLineCallGen(Xs);
        var trace = Seed(new Key(3), () => model.Simulate());
        var theta = trace.Get<double[]>(("line", "theta"));
        var gradient = trace.Gradients(Selection.Of(("line", "theta"))).Get<double[]>(("line", "theta"));
        // The caller adds log N(z; theta[0], 1), whose gradient in theta[0] is z − theta[0]; theta[1]'s is the callee's alone.
        var callee = Seed(new Key(3), () => GradientModels.VectorLineGen(Xs).Importance(trace.Choices.GetSubmap("line")).Trace);
        var alone = callee.Gradients(Selection.Of("theta")).Get<double[]>("theta");
        Assert.That(gradient[0], Is.EqualTo(alone[0] + (trace.Get<double>("z") - theta[0])).Within(1e-9));
        Assert.That(gradient[1], Is.EqualTo(alone[1]).Within(1e-9));
        var observations = ChoiceMap.Of([("z", (object)0.7), .. Ys.Select((y, i) => ((Address)("line", ("y", i)), (object)y))]);
        var r = Seed(new Key(4), () => Nuts.Run(model, observations, new NutsOptions { Warmup = 200, Samples = 200, Chains = 1 }));
        Assert.That(r.Addresses, Is.EqualTo(new[] { Address.Of("line", "theta", 0), Address.Of("line", "theta", 1) }));
    }

    [Test]
    public void Nuts_samples_a_vector_choice_element_by_element()
    {
        var r = Seed(new Key(11), () => Nuts.Run(GradientModels.VectorLineGen(Xs), Observations, new NutsOptions { Warmup = 500, Samples = 1000, Chains = 2 }));
        Assert.That(r.Addresses, Is.EqualTo(new Address[] { ("theta", 0), ("theta", 1) }), "element k of the vector is the coordinate (theta, k)");
        var (mean, covariance) = Posterior();
        for (var k = 0; k < 2; k++)
        {
            Address element = ("theta", k);
            Assert.That(r.Mean(element), Is.EqualTo(mean[k]).Within(5 * r.McseMean(element)), $"theta[{k}] mean");
            Assert.That(r.StandardDeviation(element), Is.EqualTo(Math.Sqrt(covariance[k, k])).Within(0.1 * Math.Sqrt(covariance[k, k])), $"theta[{k}] sd (10 %: 2,000 draws)");
        }
        Assert.That(r.Divergences, Is.Zero);
    }

    [Test]
    public void Hmc_moves_a_vector_choice_and_writes_it_back_as_a_vector()
    {
        var model = GradientModels.VectorLineGen(Xs);
        var initial = Seed(new Key(12), () => model.Importance(Observations).Trace);
        var chain = Seed(new Key(13), () => Mcmc.Run(initial, 3_000, t => Mcmc.Hmc(t, Selection.Of("theta"), steps: 8, stepSize: 0.1), new McmcOptions { BurnIn = 200 }));
        Assert.That(chain.Samples.All(t => t.Get<double[]>("theta").Length == 2), Is.True, "each trace holds theta as a double[]");
        var (mean, _) = Posterior();
        for (var k = 0; k < 2; k++)
        {
            var draws = chain.Samples.Select(t => t.Get<double[]>("theta")[k]).ToArray();
            Assert.That(draws.Average(), Is.EqualTo(mean[k]).Within(5 * McmcDiagnostics.McseMean([draws])), $"theta[{k}]");
        }
        Assert.That(chain.AcceptanceRate, Is.GreaterThan(0.5), "the gradient leads the leapfrog (a wrong one is rejected)");
    }

    [Test]
    public void Map_finds_a_vector_choice_s_posterior_mode()
    {
        var initial = Seed(new Key(14), () => GradientModels.VectorLineGen(Xs).Importance(Observations).Trace);
        var map = Seed(new Key(15), () => Optimize.Map(initial, Selection.Of("theta"))).Get<double[]>("theta");
        var (mean, _) = Posterior(); // a Gaussian's mode is its mean
        Assert.That(map[0], Is.EqualTo(mean[0]).Within(1e-6));
        Assert.That(map[1], Is.EqualTo(mean[1]).Within(1e-6));
    }

    [Test]
    public void The_mv_normal_density_gradient_matches_central_finite_differences()
    {
        var primitive = new MvNormal.Primitive([0.3, -1, 2], new double[,] { { 2, 0.6, -0.3 }, { 0.6, 1, 0.2 }, { -0.3, 0.2, 0.5 } });
        double[] x = [1.1, -0.4, 1.2];
        var gradient = new double[3];
        Assert.That(primitive.LogDensityGradient(x, gradient), Is.EqualTo(primitive.LogDensity(x)), "the same log density, bit for bit");
        for (var k = 0; k < 3; k++)
        {
            double At(double delta)
            {
                var moved = (double[])x.Clone();
                moved[k] += delta;
                return primitive.LogDensity(moved);
            }
            Assert.That(gradient[k], Is.EqualTo((At(1e-5) - At(-1e-5)) / 2e-5).Within(1e-7), $"∂/∂x[{k}]");
        }
        Assert.That(primitive.LogDensityGradient([1, 2], gradient), Is.EqualTo(double.NegativeInfinity), "a value of another length");
        Assert.That(gradient, Is.All.Zero);
        Assert.Throws<ArgumentException>(() => primitive.LogDensityGradient(x, new double[2]));
    }

    [Test]
    public void The_covariance_gradient_matches_central_finite_differences_of_symmetric_perturbations()
    {
        // The density reads the covariance's symmetric part: moving entries (i, j) and (j, i) together by h moves the log
        // density by (Gᵢⱼ + Gⱼᵢ)·h = 2Gᵢⱼ·h, a diagonal entry by Gᵢᵢ·h. Tolerance as in the test above.
        double[,] cov = { { 2, 0.6, -0.3 }, { 0.6, 1, 0.2 }, { -0.3, 0.2, 0.5 } };
        double[] mean = [0.3, -1, 2], x = [1.1, -0.4, 1.2];
        var primitive = new MvNormal.Primitive(mean, cov);
        var (dValue, dCov) = (new double[3], new double[9]);
        Assert.That(primitive.LogDensityCovarianceGradient(x, dValue, dCov), Is.EqualTo(primitive.LogDensity(x)), "the same log density, bit for bit");
        for (var i = 0; i < 3; i++)
            for (var j = 0; j <= i; j++)
            {
                double At(double delta)
                {
                    var moved = (double[,])cov.Clone();
                    moved[i, j] += delta;
                    if (i != j) moved[j, i] += delta;
                    return MvNormal.LogDensity(x, mean, moved);
                }
                var numeric = (At(1e-6) - At(-1e-6)) / 2e-6;
                Assert.That((i == j ? 1 : 2) * dCov[i * 3 + j], Is.EqualTo(numeric).Within(1e-7), $"∂/∂cov[{i}, {j}]");
                Assert.That(dCov[j * 3 + i], Is.EqualTo(dCov[i * 3 + j]), "symmetric");
            }
        Assert.That(primitive.LogDensityCovarianceGradient([1, 2], dValue, dCov), Is.EqualTo(double.NegativeInfinity), "a value of another length");
        Assert.That(dCov, Is.All.Zero);
    }

    [Test]
    public void A_scale_of_the_covariance_has_its_conjugate_posterior_under_nuts()
    {
        // s ~ InvGamma(3, 2), x ~ mv_normal(0, s·K), x observed: s | x ~ InvGamma(3 + n/2, 2 + xᵀK⁻¹x/2). Means within 5
        // MCSE, sd within 10 % (4,000 draws).
        double[,] k = { { 1, 0.5, 0.2 }, { 0.5, 1, 0.4 }, { 0.2, 0.4, 1 } };
        double[] x = [1.3, -0.2, 2.1];
        var quad = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(k).Inverse() * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(x) * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(x);
        var (shape, scale) = (3 + 1.5, 2 + quad / 2);
        var mean = scale / (shape - 1);
        var sd = mean / Math.Sqrt(shape - 2);
        var r = Seed(new Key(21), () => Nuts.Run(GradientModels.ScaledCovarianceGen(k), ChoiceMap.Of(("x", (object)x)), new NutsOptions { Warmup = 500, Samples = 1000, Chains = 4 }));
        Assert.That(r.Mean("s"), Is.EqualTo(mean).Within(5 * r.McseMean("s")));
        Assert.That(r.StandardDeviation("s"), Is.EqualTo(sd).Within(0.1 * sd));
        Assert.That(r.RHat("s"), Is.LessThan(1.01));
        Assert.That(r.Divergences, Is.EqualTo(0));
    }

    [Test]
    public void The_gradient_reaches_a_covariance_entry_that_is_a_choice()
    {
        // VectorOfLatentScale: v ~ mv_normal(0, [[s, 0], [0, 1]]): ∂/∂s log N(v) = (v₀²/s² − 1/s)/2, plus the exponential prior's −1.
        var trace = Seed(new Key(1), () => GradientModels.VectorOfLatentScaleGen().Simulate());
        var (s, v) = (trace.Get<double>("s"), trace.Get<double[]>("v"));
        Assert.That(trace.Gradients(Selection.Of("s")).Get<double>("s"), Is.EqualTo(-1 + 0.5 * (v[0] * v[0] / (s * s) - 1 / s)).Within(1e-12));
    }

    [Test]
    public void Gradients_reach_a_choice_through_an_mv_normal_s_mean()
    {
        var model = GradientModels.VectorAroundMeanGen(Xs);
        for (ulong seed = 0; seed < 5; seed++)
        {
            var trace = Seed(new Key(300 + seed), () => model.Simulate());
            var gradients = trace.Gradients(Selection.Of("mu", "theta"));
            var mu = trace.Get<double>("mu");
            var h = 1e-5 * Math.Max(1, Math.Abs(mu));
            double LogJoint(double value) => model.Assess(ChoiceMap.Of(trace.Choices.Select(c => c.Address.Equals((Address)"mu") ? (c.Address, (object)value) : c).ToArray())).Weight;
            var numeric = (LogJoint(mu + h) - LogJoint(mu - h)) / (2 * h);
            Assert.That(gradients.Get<double>("mu"), Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"seed {seed}, ∂/∂mu");
            Assert.That(gradients.Get<double[]>("theta"), Has.Length.EqualTo(2));
        }
    }

    /// <summary>The posterior of (mu, theta_0, theta_1) of VectorAroundMean: a linear-Gaussian update of the joint prior.</summary>
    private static (Vector<double> Mean, Matrix<double> Covariance) HierarchicalPosterior()
    {
        var cov = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0.3 }, { 0.3, 0.5 } });
        var prior = Matrix<double>.Build.Dense(3, 3);
        prior[0, 0] = 4;
        for (var j = 1; j < 3; j++)
        {
            prior[0, j] = prior[j, 0] = 4;
            for (var k = 1; k < 3; k++) prior[j, k] = 4 + cov[j - 1, k - 1];
        }
        var design = Matrix<double>.Build.Dense(Xs.Length, 3, (i, j) => j == 0 ? 0 : j == 1 ? 1 : Xs[i]);
        var covariance = (prior.Inverse() + design.TransposeThisAndMultiply(design) / 0.25).Inverse();
        return (covariance * design.TransposeThisAndMultiply(Vector<double>.Build.Dense(Ys)) / 0.25, covariance);
    }

    [Test]
    public void Nuts_samples_a_hierarchical_mean_through_an_mv_normal()
    {
        var r = Seed(new Key(16), () => Nuts.Run(GradientModels.VectorAroundMeanGen(Xs), Observations, new NutsOptions { Warmup = 500, Samples = 1000, Chains = 2 }));
        var (mean, _) = HierarchicalPosterior();
        Address[] coordinates = ["mu", ("theta", 0), ("theta", 1)];
        Assert.That(r.Addresses, Is.EqualTo(coordinates));
        for (var k = 0; k < 3; k++)
            Assert.That(r.Mean(coordinates[k]), Is.EqualTo(mean[k]).Within(5 * r.McseMean(coordinates[k])), $"{coordinates[k]} mean");
        Assert.That(r.Divergences, Is.Zero);
    }

    [Test]
    public void A_selected_vector_of_the_wrong_length_is_a_clear_error()
    {
        var model = GradientModels.VectorLineGen(Xs);
        var trace = Seed(new Key(2), () => model.Importance(ChoiceMap.Of(("theta", (object)new[] { 1.0, 2.0, 3.0 }))).Trace);
        Assert.That(trace.Score, Is.EqualTo(double.NegativeInfinity), "a vector of another length has density zero");
        Assert.That(Assert.Throws<InvalidOperationException>(() => trace.Gradients(Selection.Of("theta")))!.Message,
            Does.Contain("'theta'").And.Contain("3 elements where its distribution has 2"));
    }

    [Test]
    public void A_vector_without_a_gradient_in_its_value_is_a_clear_error()
    {
        Assert.That(Assert.Throws<NotSupportedException>(() => Seed(new Key(1), () => Nuts.Run(GradientModels.WithVectorObjectGen(), ChoiceMap.Empty, new NutsOptions { Warmup = 10, Samples = 10 })))!.Message,
            Does.Contain("'weights' is a vector (double[])").And.Contain("distribution object"));
    }
}
