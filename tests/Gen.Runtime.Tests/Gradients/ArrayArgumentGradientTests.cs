using Gen.Inference;
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
    public void A_callee_s_double_array_parameter_carries_the_caller_s_continuous_values()
    {
        // GroupsOfCalls passes its means (choices) and scales (its argument) to GroupLikelihood: the same log joint as
        // GroupsFlat, so the same gradients, in the choices and in the scales.
        double[] scales = [1, 2.5, 0.7];
        var calls = Seed(new Key(14), () => ArrayArgumentModels.GroupsOfCallsGen(scales).Simulate());
        var flatChoices = ChoiceMap.Of([.. calls.Choices.Select(c => (c.Address.Length == 3 ? Address.Of(c.Address.Parts[1], c.Address.Parts[2]) : c.Address, c.Value))]);
        var flat = ArrayArgumentModels.GroupsFlatGen(scales).Importance(flatChoices).Trace;
        Assert.That(flat.Score, Is.EqualTo(calls.Score).Within(1e-12));
        var expected = flat.Gradients(Selection.All);
        var actual = calls.Gradients(Selection.All);
        Assert.That(actual.Count, Is.EqualTo(expected.Count));
        foreach (var (address, value) in actual)
        {
            var at = address.Length == 3 ? Address.Of(address.Parts[1], address.Parts[2]) : address;
            Assert.That((double)value, Is.EqualTo(expected.Get<double>(at)).Within(1e-9 * Math.Max(1, Math.Abs((double)value))), address.ToString());
        }
        Assert.That(calls.ArrayArgumentGradients()["scales"], Is.EqualTo(flat.ArrayArgumentGradients()["scales"]).Within(1e-12));
        AssertFiniteDifferences(a => ArrayArgumentModels.GroupsOfCallsGen(a[0]), ["scales"], [scales], 14);
    }

    [Test]
    public void The_whole_array_passed_to_a_traced_call_reaches_the_callee_s_densities()
    {
        // PassedOn hands xs to Line, whose y_i ~ N(slope·x_i + intercept, 0.5²) read each element.
        var gradients = AssertFiniteDifferences(a => ArrayArgumentModels.PassedOnGen(a[0]), ["xs"], [[0, 1, 2]], 17);
        Assert.That(gradients["xs"], Has.Some.Not.EqualTo(0.0));
    }

    [Test]
    public void Hmc_moves_the_model_of_calls_as_it_moves_the_flat_model()
    {
        // The gradient target evaluates the model again at moved positions (the caller's arrays then differ from the
        // trace's): same key, same momenta, gradients equal to rounding, so the same trajectory to ~1e-12.
        double[] scales = [1, 2.5, 0.7];
        var observations = ChoiceMap.Of((Address.Of("obs", "y", 0), (object)0.4), (Address.Of("obs", "y", 1), (object)(-1.0)), (Address.Of("obs", "y", 2), (object)2.0));
        var calls = Seed(new Key(18), () => ArrayArgumentModels.GroupsOfCallsGen(scales).Importance(observations).Trace);
        var flatChoices = ChoiceMap.Of([.. calls.Choices.Select(c => (c.Address.Length == 3 ? Address.Of(c.Address.Parts[1], c.Address.Parts[2]) : c.Address, c.Value))]);
        var flat = ArrayArgumentModels.GroupsFlatGen(scales).Importance(flatChoices).Trace;
        var latent = Selection.Of("mu", "tau", ("eta", 0), ("eta", 1), ("eta", 2));
        var accepted = 0;
        for (ulong step = 0; step < 5; step++)
        {
            var (c, t) = (calls, flat);
            var movedCalls = Seed(new Key(100 + step), () => Mcmc.Hmc(c, latent, steps: 8, stepSize: 0.15));
            var movedFlat = Seed(new Key(100 + step), () => Mcmc.Hmc(t, latent, steps: 8, stepSize: 0.15));
            Assert.That(movedCalls.Accepted, Is.EqualTo(movedFlat.Accepted), $"step {step}");
            if (movedCalls.Accepted) accepted++;
            (calls, flat) = (movedCalls.Trace, movedFlat.Trace);
            foreach (var address in new Address[] { "mu", "tau", ("eta", 0), ("eta", 1), ("eta", 2) })
                Assert.That(calls.Get<double>(address), Is.EqualTo(flat.Get<double>(address)).Within(1e-9), $"step {step}, {address}");
        }
        Assert.That(accepted, Is.GreaterThan(0), "some moves accepted: the positions moved");
    }

    [Test]
    public void A_callee_given_other_values_than_its_arguments_or_without_an_array_gradient_says_so()
    {
        var mutated = Seed(new Key(15), () => ArrayArgumentModels.MutatedAfterCallGen().Simulate());
        Assert.That(Assert.Throws<NotSupportedException>(() => mutated.Gradients(Selection.All))!.Message,
            Does.Contain("values other than those the call was made with"));
        var summed = Seed(new Key(16), () => ArrayArgumentModels.SummedOfChoicesGen().Simulate());
        Assert.That(Assert.Throws<NotSupportedException>(() => summed.Gradients(Selection.All))!.Message,
            Does.Contain("passes Summed double[] arguments").And.Contain("Sum"));
        // Without the choices the array depends on, the callee's score is a constant of the callee's choice gradient.
        Assert.That(summed.Gradients(Selection.Of(Address.Of("summed", "m"))).Count, Is.EqualTo(1));
    }

    [Test]
    public void A_model_whose_arrays_leave_the_subset_says_why_and_keeps_its_choice_gradients()
    {
        var written = Seed(new Key(7), () => ArrayArgumentModels.WrittenGen([0.5, 1, 2]).Simulate());
        Assert.That(Assert.Throws<NotSupportedException>(() => written.ArrayArgumentGradients())!.Message,
            Does.Contain("Written computes no gradient in its double[] arguments").And.Contain("stored where the gradient body cannot follow it"));
        // Through an alias or a ref local it is the same write.
        foreach (var model in new Func<double[], GenerativeFunction<double>>[] { ArrayArgumentModels.AliasWrittenGen, ArrayArgumentModels.RefWrittenGen })
        {
            var trace = Seed(new Key(7), () => model([0.7]).Simulate());
            Assert.That(Assert.Throws<NotSupportedException>(() => trace.ArrayArgumentGradients())!.Message,
                Does.Contain("computes no gradient in its double[] arguments").And.Contain("stored where the gradient body cannot follow it"), model.Method.Name);
            // Each run doubles the argument again: the choice gradient would be another density's, and says so.
            Assert.That(Assert.Throws<NotSupportedException>(() => trace.Gradients(Selection.All))!.Message,
                Does.Contain("changed since the trace was made"), model.Method.Name);
        }
        Assert.That(Assert.Throws<NotSupportedException>(() => written.Gradients(Selection.All))!.Message, Does.Contain("changed since the trace was made"));

        var summed = Seed(new Key(8), () => ArrayArgumentModels.SummedGen([0, 1, 2]).Simulate());
        Assert.That(Assert.Throws<NotSupportedException>(() => summed.ArrayArgumentGradients())!.Message,
            Does.Contain("Summed computes no gradient in its double[] arguments").And.Contain("Sum"));
        Assert.That(summed.Gradients(Selection.Of("m")).Get<double>("m"), Is.Not.EqualTo(0.0));
    }

    [Test]
    public void Models_without_arrays_give_none_and_functions_without_gradients_say_so()
    {
        Assert.That(Seed(new Key(9), () => ConjugateModels.NormalNormalGen(6).Simulate()).ArrayArgumentGradients(), Is.Empty);
        Assert.That(Assert.Throws<NotSupportedException>(() => Seed(new Key(10), () => GradientModels.OfPairGen().Simulate()).ArrayArgumentGradients())!.Message,
            Does.Contain("OfPair computes no gradients").And.Contain("traced call"));
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
