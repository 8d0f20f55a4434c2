using Gen.Inference;
using Gen.Internal;
using Gen.Tests.Models;
using MathNet.Numerics.LinearAlgebra;
using static Gen.Transforms;

namespace Gen.Tests.Gradients;

/// <summary>
/// Dirichlet choices under gradient-based inference: Stan's stick-breaking transform (its log-Jacobian against a
/// numerical determinant), the target's gradient through it against central finite differences, a categorical's
/// gradient in its probabilities, and NUTS and MAP against the closed-form Dirichlet posterior and mode.
/// </summary>
public class SimplexTests
{
    private static readonly int[] Counts = [0, 2, 2, 1, 2, 0, 1, 2, 2, 1]; // categories 0, 1, 2: 2, 3, 5 times

    private static ChoiceMap Observations() => ChoiceMap.Of(Counts.Select((c, i) => ((Address)("c", i), (object)c)).ToArray());

    [Test]
    public void The_stick_breaking_log_Jacobian_matches_a_numerical_determinant()
    {
        double[] y = [0.3, -1.2, 0.7];
        var k = y.Length + 1;
        double[] X(double[] at)
        {
            var x = new double[k];
            StickBreaking.FromUnconstrained(at, x, new double[k], new double[k], new double[k]);
            return x;
        }
        var logJacobian = StickBreaking.FromUnconstrained(y, new double[k], new double[k], new double[k], new double[k]);
        var jacobian = Matrix<double>.Build.Dense(k - 1, k - 1, (i, j) =>
        {
            double[] plus = [.. y], minus = [.. y];
            plus[j] += 1e-6;
            minus[j] -= 1e-6;
            return (X(plus)[i] - X(minus)[i]) / 2e-6;
        });
        Assert.That(logJacobian, Is.EqualTo(Math.Log(Math.Abs(jacobian.Determinant()))).Within(1e-6));
        var x = X(y);
        Assert.That(x.Sum(), Is.EqualTo(1).Within(1e-15));
        Assert.That(x, Is.All.GreaterThan(0));
        var back = new double[k - 1];
        StickBreaking.ToUnconstrained(x, back);
        Assert.That(back, Is.EqualTo(y).Within(1e-12), "ToUnconstrained inverts FromUnconstrained");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void The_target_s_gradient_through_the_simplex_matches_finite_differences(bool jacobian)
    {
        var model = GradientModels.DirichletCountsGen(Counts.Length);
        var used = 0;
        var (trace, _) = model.GenerateCore(new Key(21), Observations(), ref used);
        var target = model.Target(trace, Selection.Of("w"));
        Assert.That(target.Dimension, Is.EqualTo(2), "three weights, two unconstrained coordinates");
        Assert.That(target.Addresses, Is.EqualTo(new Address[] { ("w", 0), ("w", 1), ("w", 2) }));
        double[] y = [0.4, -0.3];
        var gradient = new double[2];
        target.Evaluate(y, gradient, jacobian);
        for (var j = 0; j < 2; j++)
        {
            double[] plus = [.. y], minus = [.. y];
            plus[j] += 1e-6;
            minus[j] -= 1e-6;
            var numeric = (target.Evaluate(plus, new double[2], jacobian) - target.Evaluate(minus, new double[2], jacobian)) / 2e-6;
            Assert.That(gradient[j], Is.EqualTo(numeric).Within(1e-6 * (1 + Math.Abs(numeric))), $"∂/∂y[{j}]");
        }
    }

    [Test]
    public void The_ambient_gradient_is_the_dirichlet_s_plus_the_categoricals()
    {
        var used = 0;
        var (trace, _) = GradientModels.DirichletCountsGen(Counts.Length).GenerateCore(new Key(26), Observations(), ref used);
        var w = trace.Get<double[]>("w");
        var gradient = trace.Gradients(Selection.Of("w")).Get<double[]>("w");
        double[] alpha = [1, 2, 1.5];
        int[] counts = [2, 3, 5];
        // ∂/∂w_k of Σ (α_k − 1) log w_k + Σ_i (log w_{c_i} − log Σ w): (α_k − 1 + n_k)/w_k − n/Σ w.
        for (var k = 0; k < 3; k++)
            Assert.That(gradient[k], Is.EqualTo((alpha[k] - 1 + counts[k]) / w[k] - Counts.Length / w.Sum()).Within(1e-9 * (1 + Math.Abs(gradient[k]))), $"∂/∂w[{k}]");
    }

    [Test]
    public void Gradients_reach_a_choice_through_a_dirichlet_s_concentrations()
    {
        var model = GradientModels.ScaledDirichletGen();
        for (ulong seed = 0; seed < 5; seed++)
        {
            var trace = Seed(new Key(400 + seed), () => model.Simulate());
            var s = trace.Get<double>("s");
            var h = 1e-6 * Math.Max(1, s);
            double LogJoint(double value) => model.Assess(ChoiceMap.Of(trace.Choices.Select(c => c.Address.Equals((Address)"s") ? (c.Address, (object)value) : c).ToArray())).Weight;
            var numeric = (LogJoint(s + h) - LogJoint(s - h)) / (2 * h);
            Assert.That(trace.Gradients(Selection.Of("s")).Get<double>("s"), Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"seed {seed}, ∂/∂s");
        }
        // Jointly with the weights, through the log transform of s and the simplex's: the target against finite differences.
        var used = 0;
        var (start, _) = model.GenerateCore(new Key(27), ChoiceMap.Empty, ref used);
        var target = model.Target(start, Selection.All);
        Assert.That(target.Dimension, Is.EqualTo(3), "s, and three weights as two coordinates");
        double[] y = [0.2, 0.5, -0.4];
        var gradient = new double[3];
        target.Evaluate(y, gradient);
        for (var j = 0; j < 3; j++)
        {
            double[] plus = [.. y], minus = [.. y];
            plus[j] += 1e-6;
            minus[j] -= 1e-6;
            var numeric = (target.Evaluate(plus, new double[3]) - target.Evaluate(minus, new double[3])) / 2e-6;
            Assert.That(gradient[j], Is.EqualTo(numeric).Within(1e-6 * (1 + Math.Abs(numeric))), $"∂/∂y[{j}]");
        }
    }

    [Test]
    public void Nuts_samples_dirichlet_weights_from_their_conjugate_posterior()
    {
        var r = Seed(new Key(22), () => Nuts.Run(GradientModels.DirichletCountsGen(Counts.Length), Observations(), new NutsOptions { Warmup = 500, Samples = 1000, Chains = 2 }));
        double[] alpha = [1 + 2, 2 + 3, 1.5 + 5]; // Dirichlet(1, 2, 1.5) prior, counts (2, 3, 5)
        for (var k = 0; k < 3; k++)
        {
            Address element = ("w", k);
            Assert.That(r.Mean(element), Is.EqualTo(alpha[k] / alpha.Sum()).Within(5 * r.McseMean(element)), $"w[{k}]");
        }
        var sums = Enumerable.Range(0, r.Draws<double>(("w", 0)).Count).Select(i => Enumerable.Range(0, 3).Sum(k => r.Draws<double>(("w", k))[i]));
        Assert.That(sums, Is.All.EqualTo(1).Within(1e-12), "every draw on the simplex");
        Assert.That(r.Divergences, Is.Zero);
    }

    [Test]
    public void Map_finds_the_dirichlet_mode()
    {
        var initial = Seed(new Key(23), () => GradientModels.SimplexPriorGen().Simulate());
        var mode = Seed(new Key(24), () => Optimize.Map(initial, Selection.Of("w"))).Get<double[]>("w");
        // The mode of Dirichlet(2, 3, 5): (α − 1)/(Σα − K) = (1, 2, 4)/7.
        Assert.That(mode, Is.EqualTo(new[] { 1 / 7.0, 2 / 7.0, 4 / 7.0 }).Within(1e-5));
    }

    [Test]
    public void Nuts_samples_a_dirichlet_prior()
    {
        var r = Seed(new Key(25), () => Nuts.Run(GradientModels.SimplexPriorGen(), ChoiceMap.Empty, new NutsOptions { Warmup = 500, Samples = 1000, Chains = 2 }));
        double[] alpha = [2, 3, 5];
        for (var k = 0; k < 3; k++)
        {
            Address element = ("w", k);
            var mean = alpha[k] / 10;
            Assert.That(r.Mean(element), Is.EqualTo(mean).Within(5 * r.McseMean(element)), $"w[{k}] mean");
            var sd = Math.Sqrt(mean * (1 - mean) / 11);
            Assert.That(r.StandardDeviation(element), Is.EqualTo(sd).Within(0.1 * sd), $"w[{k}] sd (10 %: 2,000 draws)");
        }
    }
}
