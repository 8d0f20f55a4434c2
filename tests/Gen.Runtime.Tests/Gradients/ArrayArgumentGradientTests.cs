using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Gradients;

/// <summary>
/// trace.ArrayArgumentGradients against central finite differences of the log joint (Assess of the trace's choices)
/// in each element of each double[] argument. Tolerance as in <see cref="GradientTests"/>: step h = 10⁻⁵·max(1, |x|),
/// truncation error O(h²) and rounding about 10⁻¹⁶·|f|/h, so 10⁻⁶ absolute plus 10⁻⁵ relative leaves a wide margin.
/// </summary>
public class ArrayArgumentGradientTests
{
    private static readonly double[] Ys = [28, 8, -3, 7, -1, 1, 18, 12];
    private static readonly double[] Sigmas = [15, 10, 16, 11, 9, 11, 10, 18];
    private static readonly double[][] Rows = [[0.5, -1, 2], [1.5, 0.25, -0.5], [-2, 1, 0], [0.3, 0.7, -1.2]];

    [Test]
    public void Elements_reach_locations_and_scales()
    {
        AssertFiniteDifferences(a => ArrayArgumentModels.ElementwiseGen(a[0], a[1]), ["mu", "logScale"], [[0.5, -1, 2], [0.1, -0.3, 0.4]], 1);
    }

    [Test]
    public void Eight_schools_standard_errors_move_the_log_joint_and_its_data_array_does_not()
    {
        // y is read only for its length (the observations are choices), so its gradient is exactly zero.
        var gradients = AssertFiniteDifferences(a => GradientModels.HierarchicalGen(a[0], a[1]), ["y", "sigma"], [Ys, Sigmas], 2);
        Assert.That(gradients["y"], Is.All.EqualTo(0.0));
        Assert.That(gradients["sigma"], Has.Some.Not.EqualTo(0.0));
    }

    [Test]
    public void Weights_of_a_fused_dot_product_get_their_gradient()
    {
        AssertFiniteDifferences(a => ArrayArgumentModels.PredictorGen(a[0], Rows, 0.7), ["weights"], [[0.4, -1.1, 0.25]], 3);
    }

    [Test]
    public void Foreach_aliases_and_copies_carry_the_elements()
    {
        AssertFiniteDifferences(a => ArrayArgumentModels.LoopsGen(a[0]), ["xs"], [[0.3, -0.8, 1.2]], 4);
    }

    [Test]
    public void An_mv_normal_mean_gets_its_gradient()
    {
        var gradients = AssertFiniteDifferences(a => ArrayArgumentModels.VectorMeanGen(a[0]), ["mean"], [[0.5, -1.5]], 5);
        // ∂/∂mean log N(v; mean, Σ) = Σ⁻¹(v − mean), the closed form.
        var trace = Seed(new Key(5), () => ArrayArgumentModels.VectorMeanGen([0.5, -1.5]).Simulate());
        var v = trace.Get<double[]>("v");
        double[] d = [v[0] - 0.5, v[1] + 1.5];
        var det = 1.0 * 2.0 - 0.3 * 0.3;
        double[] expected = [(2.0 * d[0] - 0.3 * d[1]) / det, (-0.3 * d[0] + 1.0 * d[1]) / det];
        Assert.That(gradients["mean"], Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Elements_flow_into_a_traced_call_s_double_parameter()
    {
        // Point(x) draws an outlier flip: with it false, y ~ N(2x − 1, 0.5) carries the element's gradient; with it true, none.
        var gradients = AssertFiniteDifferences(a => ArrayArgumentModels.ThroughCallsGen(a[0]), ["xs"], [[0.5, -0.25, 1, 0.75, 2]], 6);
        Assert.That(gradients["xs"], Has.Some.Not.EqualTo(0.0));
    }

    [Test]
    public void A_model_whose_arrays_leave_the_subset_says_why_and_keeps_its_choice_gradients()
    {
        var passedOn = Seed(new Key(7), () => ArrayArgumentModels.PassedOnGen([0, 1, 2]).Simulate());
        Assert.That(Assert.Throws<NotSupportedException>(() => passedOn.ArrayArgumentGradients())!.Message,
            Does.Contain("PassedOn computes no gradient in its double[] arguments").And.Contain("traced call").And.Contain("LineGen(xs)"));
        Assert.That(passedOn.Gradients(Selection.All).Count, Is.GreaterThan(0));

        var summed = Seed(new Key(8), () => ArrayArgumentModels.SummedGen([0, 1, 2]).Simulate());
        Assert.That(Assert.Throws<NotSupportedException>(() => summed.ArrayArgumentGradients())!.Message,
            Does.Contain("Summed computes no gradient in its double[] arguments").And.Contain("Sum"));
        Assert.That(summed.Gradients(Selection.Of("m")).Get<double>("m"), Is.Not.EqualTo(0.0));
    }

    [Test]
    public void Models_without_arrays_give_none_and_functions_without_gradients_say_so()
    {
        Assert.That(Seed(new Key(9), () => ConjugateModels.NormalNormalGen(6).Simulate()).ArrayArgumentGradients(), Is.Empty);
        Assert.That(Assert.Throws<NotSupportedException>(() => Seed(new Key(10), () => GradientModels.VectorOfLatentScaleGen().Simulate()).ArrayArgumentGradients())!.Message,
            Does.Contain("VectorOfLatentScale computes no gradients").And.Contain("mv_normal"));
        var interpreted = new InterpretedFunction<double>("plain", () => Gen.Distributions.normal(0, 1).At("x"));
        Assert.That(Assert.Throws<NotSupportedException>(() => Seed(new Key(11), () => interpreted.Simulate()).ArrayArgumentGradients())!.Message,
            Does.Contain("computes no gradients"));
    }

    [Test]
    public void The_choice_and_double_argument_gradients_are_unchanged_by_the_array_body()
    {
        // The ordinary gradient body still reads the arrays as data: Elementwise's choice gradient equals the closed form.
        double[] mu = [0.5, -1, 2], logScale = [0.1, -0.3, 0.4];
        var trace = Seed(new Key(12), () => ArrayArgumentModels.ElementwiseGen(mu, logScale).Simulate());
        var shift = trace.Get<double>("shift");
        var expected = -shift;
        for (var i = 0; i < mu.Length; i++)
        {
            var s = Math.Exp(logScale[i]);
            expected += (trace.Get<double>(("x", i)) - (2 * mu[i] - 1 + shift)) / (s * s);
        }
        Assert.That(trace.Gradients(Selection.Of("shift")).Get<double>("shift"), Is.EqualTo(expected).Within(1e-12));
        Assert.That(Seed(new Key(13), () => ArrayArgumentModels.PredictorGen([1, 2, 3], Rows, 0.7).Simulate()).ArgumentGradients().Keys, Is.EqualTo(new[] { "noise" }));
    }

    /// <summary>Checks every element's gradient against central differences; returns the gradients.</summary>
    private static IReadOnlyDictionary<string, double[]> AssertFiniteDifferences<R>(Func<double[][], GenerativeFunction<R>> make, string[] names, double[][] at, int key)
    {
        var trace = Seed(new Key((ulong)key), () => make(at).Simulate());
        var gradients = trace.ArrayArgumentGradients();
        Assert.That(gradients.Keys, Is.EquivalentTo(names));
        for (var a = 0; a < names.Length; a++)
        {
            Assert.That(gradients[names[a]], Has.Length.EqualTo(at[a].Length), names[a]);
            for (var i = 0; i < at[a].Length; i++)
            {
                double LogJoint(double value)
                {
                    var args = at.Select(x => x.ToArray()).ToArray();
                    args[a][i] = value;
                    return make(args).Assess(trace.Choices).Weight;
                }
                var x = at[a][i];
                var h = 1e-5 * Math.Max(1, Math.Abs(x));
                var numeric = (LogJoint(x + h) - LogJoint(x - h)) / (2 * h);
                Assert.That(gradients[names[a]][i], Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"{names[a]}[{i}]");
            }
        }
        return gradients;
    }
}
