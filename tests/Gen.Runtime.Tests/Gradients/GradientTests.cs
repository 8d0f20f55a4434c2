using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Gradients;

/// <summary>
/// trace.Gradients against central finite differences of the log joint (Assess) in each selected choice. Tolerance:
/// step h = 10⁻⁵·max(1, |x|); the central difference's truncation error is O(h²·f''') and its rounding error about
/// 10⁻¹⁶·|f|/h, so agreement to 10⁻⁵ relative (10⁻⁶ absolute) leaves a wide margin for smooth densities.
/// </summary>
public class GradientTests
{
    private static readonly double[] Xs = [0, 0.5, 1, 2];
    private static readonly double[] Ys = [28, 8, -3, 7, -1, 1, 18, 12];
    private static readonly double[] Sigmas = [15, 10, 16, 11, 9, 11, 10, 18];
    private static readonly double[][] Design = [[0.5, -1, 2], [1.5, 0.25, -0.5], [-2, 1, 0]];

    public static IEnumerable<TestCaseData> Models()
    {
        yield return Case("Line", () => LineModels.LineGen(Xs));
        yield return Case("NormalNormal", () => ConjugateModels.NormalNormalGen(6));
        yield return Case("Hierarchical", () => GradientModels.HierarchicalGen(Ys, Sigmas));
        yield return Case("ForeachOverChoices (a declared double variable over a Real[])", () => GradientModels.ForeachOverChoicesGen(3));
        yield return Case("KernelOfData (an mv_normal's covariance in a local double[,])", () => ArrayArgumentModels.KernelOfDataGen([0, 0.4, 1.1, 2], new double[4]));
        yield return Case("VectorMeanAndScale (an mv_normal's mean and inline covariance)", GradientModels.VectorMeanAndScaleGen);
        yield return Case("VectorOfLatentScale (a covariance entry that is a choice)", GradientModels.VectorOfLatentScaleGen);
        yield return Case("GroupsOfCalls (continuous values passed to a callee's double[] parameter)", () => ArrayArgumentModels.GroupsOfCallsGen([1, 2.5, 0.7]));
        yield return Case("Functions", () => GradientModels.FunctionsGen(5));
        yield return Case("Zoo", () => GradientModels.ZooGen());
        yield return Case("Nested", ExpressionSiteModels.NestedGen);
        yield return Case("Conditional", ExpressionSiteModels.ConditionalGen);
        yield return Case("CoalesceAndSwitch", () => ExpressionSiteModels.CoalesceAndSwitchGen(0));
        yield return Case("Branching", () => ControlFlowModels.BranchingGen(0.2));
        yield return Case("LinearPredictor", () => GradientModels.LinearPredictorGen(Design));
        yield return Case("TwoLines (traced calls)", () => LineModels.TwoLinesGen(Xs));
        yield return Case("CallsInLoop (traced calls in a loop)", () => GradientModels.CallsInLoopGen(Xs));
        yield return Case("Nested calls (a call of a model of calls)", () => GradientModels.NestedCallsGen(Xs));
        yield return Case("SharedSlope (a callee's value in the caller's density)", () => GradientModels.SharedSlopeGen(Xs));
        yield return Case("Schools (continuous choices as a callee's arguments)", () => GradientModels.SchoolsGen(Sigmas));
        yield return Case("WithHelpers ([Differentiable] helpers)", () => GradientModels.WithHelpersGen(Xs));
        yield return Case("SchoolsArray (a callee's double[] value)", () => GradientModels.SchoolsArrayGen(Sigmas));
        yield return Case("Mapped (through Vmap)", () => GradientModels.MappedGen(Xs));
        yield return Case("Repeated (through Repeat)", () => GradientModels.RepeatedGen(4));
        yield return Case("RepeatedDraws (Repeat of a distribution object)", () => GradientModels.RepeatedDrawsGen(4));
        yield return Case("SwitchedDraws, branch 0 (Switch of distribution objects)", () => GradientModels.SwitchedDrawsGen(0));
        yield return Case("SwitchedDraws, branch 1 (Switch of distribution objects)", () => GradientModels.SwitchedDrawsGen(1));
        yield return Case("MixedDraws (Mix of distribution objects)", GradientModels.MixedDrawsGen);
        yield return Case("Mixture (Mix inside a model)", () => CombinatorModels.MixtureGen(0.5));
        yield return Case("Switched, branch 0 (through Switch)", () => GradientModels.SwitchedGen(0));
        yield return Case("Switched, branch 1 (through Switch)", () => GradientModels.SwitchedGen(1));
        yield return Case("StateSpace (through Scan, a random initial state)", () => GradientModels.StateSpaceGen(5));
    }

    private static TestCaseData Case<R>(string name, Func<GenerativeFunction<R>> model) => new TestCaseData(model).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Models))]
    public void Gradients_match_central_finite_differences<R>(Func<GenerativeFunction<R>> model)
    {
        for (ulong seed = 0; seed < 5; seed++)
        {
            var trace = Seed(new Key(100 + seed), () => model().Simulate());
            var continuous = trace.Choices.Where(c => c.Value is double).Select(c => c.Address).ToArray();
            var gradients = trace.Gradients(Selection.Of(continuous));
            Assert.That(gradients.Count, Is.EqualTo(continuous.Length), "one gradient per selected choice");
            foreach (var address in continuous)
            {
                var x = trace.Get<double>(address);
                var h = 1e-5 * Math.Max(1, Math.Abs(x));
                double LogJoint(double value) => model().Assess(Replace(trace.Choices, address, value)).Weight;
                var numeric = (LogJoint(x + h) - LogJoint(x - h)) / (2 * h);
                var exact = gradients.Get<double>(address);
                Assert.That(exact, Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"seed {seed}, ∂/∂{address} at {x}");
            }
        }
    }

    [Test]
    public void A_gradient_over_part_of_the_choices_has_only_their_addresses()
    {
        var trace = Seed(new Key(3), () => LineModels.LineGen(Xs).Simulate());
        var gradients = trace.Gradients(Selection.Of("slope"));
        Assert.That(gradients.Select(c => c.Address.ToString()), Is.EqualTo(new[] { "slope" }));
        // ∂/∂slope of log N(slope; 0, 1) + Σ log N(y_i; slope·x_i + b, 0.5²) in closed form.
        var slope = trace.Get<double>("slope");
        var b = trace.Get<double>("intercept");
        var expected = -slope + Xs.Select((x, i) => (trace.Get<double>(("y", i)) - (slope * x + b)) * x / 0.25).Sum();
        Assert.That(gradients.Get<double>("slope"), Is.EqualTo(expected).Within(1e-9 * Math.Max(1, Math.Abs(expected))));
    }

    [Test]
    public void Models_outside_the_differentiable_subset_say_which_construct()
    {
        double[] xs = [0, 1];
        // A traced call's value that may hold continuous values the gradient cannot follow (a tuple): no gradient body.
        var calls = Seed(new Key(1), () => GradientModels.OfPairGen().Simulate());
        var error = Assert.Throws<NotSupportedException>(() => calls.Gradients(Selection.All))!;
        Assert.That(error.Message, Does.Contain("traced call").And.Contain("PairGen().At(\"pair\")"));

        // A Vmap of a lambda: its value type is inferred from code not generated yet, so no gradient body.
        var lambda = Seed(new Key(1), () => GradientModels.MappedByLambdaGen(xs).Simulate());
        error = Assert.Throws<NotSupportedException>(() => lambda.Gradients(Selection.All))!;
        Assert.That(error.Message, Does.Contain("traced call").And.Contain("Vmap((double x) => SquaredGen(x), xs).At(\"m\")"));

        // Vmap of the factory itself is differentiable: the gradient reaches each call's continuous choice (the
        // outlier flags are discrete: no gradient, no error for trace.Gradients).
        var mapped = Seed(new Key(1), () => CombinatorModels.PointsGen(xs).Simulate());
        Assert.That(mapped.Gradients(Selection.All).Select(c => c.Address.ToString()), Is.EquivalentTo(new[] { "points[0]/y", "points[1]/y" }));

        // A mixture is a constant of the gradient until its value is selected; then the gradient is the taken
        // component's density's (Mix's gradient body), and its discrete component index is no input.
        var mixture = Seed(new Key(1), () => CombinatorModels.MixtureGen(0.5).Simulate());
        Assert.That(mixture.Gradients(Selection.None).Count, Is.EqualTo(0));
        var x = mixture.Get<double>(("x", "value"));
        var (mean, sd) = mixture.Get<int>(("x", "component")) == 0 ? (-1.5, 1.0) : (3.5, 1.5);
        var onValue = mixture.Gradients(Selection.All);
        Assert.That(onValue.Select(c => c.Address.ToString()), Is.EquivalentTo(new[] { "x/value" }));
        Assert.That(onValue.Get<double>(("x", "value")), Is.EqualTo(-(x - mean) / (sd * sd)).Within(1e-12));

        // A distribution object made with a continuous choice as its parameter: the object is built before the call,
        // so the gradient body cannot follow that parameter; the model has no gradient body, and says why.
        var around = Seed(new Key(1), () => GradientModels.RepeatedAroundChoiceGen(3).Simulate());
        error = Assert.Throws<NotSupportedException>(() => around.Gradients(Selection.Of("mu")))!;
        Assert.That(error.Message, Does.Contain("Repeat(n, normal(mu, 1))"));

        var interpreted = Seed(new Key(1), () => new InterpretedFunction<double>("Line", () => LineModels.Line(xs)).Simulate());
        Assert.That(Assert.Throws<NotSupportedException>(() => interpreted.Gradients(Selection.All))!.Message, Does.Contain("interpreter"));

        var discrete = Seed(new Key(1), () => ControlFlowModels.LoopsGen(3).Simulate());
        Assert.That(discrete.Gradients(Selection.None).Count, Is.EqualTo(0));
    }

    [Test]
    public void Through_traced_calls_a_gradient_is_the_sum_of_the_callees_gradients()
    {
        // TwoLines = Line at "first" + Line at "second": each callee's choices get exactly the gradient the callee
        // gives its own subtrace, at the full address.
        var trace = Seed(new Key(11), () => LineModels.TwoLinesGen(Xs).Simulate());
        var gradients = trace.Gradients(Selection.All);
        Assert.That(gradients.Count, Is.EqualTo(2 * (2 + Xs.Length)));
        foreach (var line in new[] { "first", "second" })
        {
            var sub = Seed(new Key(1), () => LineModels.LineGen(Xs).Importance(trace.Choices.GetSubmap(line)).Trace);
            Assert.That(trace.Choices.GetSubmap(line).Count, Is.EqualTo(2 + Xs.Length), "the callee's choices, all given to it");
            foreach (var (address, value) in sub.Gradients(Selection.All))
                Assert.That(gradients.Get<double>(((Address)line).Concat(address)), Is.EqualTo((double)value).Within(1e-12 * Math.Max(1, Math.Abs((double)value))), $"{line}/{address}");
        }
        // Selecting one callee's choices leaves the other a constant (its score, no addresses).
        Assert.That(trace.Gradients(Selection.Of("second")).Select(c => c.Address.Head.ToString()).Distinct(), Is.EqualTo(new[] { "second" }));
    }

    [Test]
    public void Continuous_arguments_carry_their_gradient_into_the_callee()
    {
        // Schools passes mu and tau to each School; its gradient is Hierarchical's (the same model written flat) at
        // the corresponding addresses, up to rounding.
        var schools = Seed(new Key(12), () => GradientModels.SchoolsGen(Sigmas).Simulate());
        var flat = new List<(Address, object)> { ("mu", schools.Get<double>("mu")), ("tau", schools.Get<double>("tau")) };
        for (var j = 0; j < Sigmas.Length; j++)
        {
            flat.Add((("eta", j), schools.Get<double>(Address.Of("school", j, "eta"))));
            flat.Add((("y", j), schools.Get<double>(Address.Of("school", j, "y"))));
        }
        var hierarchical = GradientModels.HierarchicalGen(Ys, Sigmas).Importance(ChoiceMap.Of([.. flat])).Trace;
        Assert.That(schools.Score, Is.EqualTo(hierarchical.Score).Within(1e-9 * Math.Abs(hierarchical.Score)));
        var expected = hierarchical.Gradients(Selection.All);
        var actual = schools.Gradients(Selection.All);
        static Address Flat(Address a) => a.Length == 3 ? Address.Of(a.Parts[2], a.Parts[1]) : a;
        Assert.That(actual.Count, Is.EqualTo(expected.Count));
        foreach (var (address, value) in actual)
            Assert.That((double)value, Is.EqualTo(expected.Get<double>(Flat(address))).Within(1e-9 * Math.Max(1, Math.Abs((double)value))), address.ToString());

        // Selecting only mu: each school's body still runs (its score moves with mu), and only mu has a gradient.
        var mu = schools.Gradients(Selection.Of("mu"));
        Assert.That(mu.Select(c => c.Address.ToString()), Is.EqualTo(new[] { "mu" }));
        Assert.That(mu.Get<double>("mu"), Is.EqualTo(expected.Get<double>("mu")).Within(1e-9 * Math.Max(1, Math.Abs(expected.Get<double>("mu")))));
    }

    [Test]
    public void Argument_gradients_match_central_finite_differences()
    {
        // School(mu, tau, sigma): ∂ log p / ∂ each argument, the choices held fixed, against central differences of
        // Assess over the argument (the tolerance of the choice-gradient test above).
        var trace = Seed(new Key(14), () => GradientModels.SchoolGen(1.5, 2.5, 10).Simulate());
        var gradients = trace.ArgumentGradients();
        Assert.That(gradients.Keys, Is.EqualTo(new[] { "mu", "tau", "sigma" }));
        double[] at = [1.5, 2.5, 10];
        for (var k = 0; k < at.Length; k++)
        {
            double LogJoint(double value)
            {
                var args = at.ToArray();
                args[k] = value;
                return GradientModels.SchoolGen(args[0], args[1], args[2]).Assess(trace.Choices).Weight;
            }
            var h = 1e-5 * Math.Max(1, Math.Abs(at[k]));
            var numeric = (LogJoint(at[k] + h) - LogJoint(at[k] - h)) / (2 * h);
            Assert.That(gradients.ElementAt(k).Value, Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), gradients.ElementAt(k).Key);
        }
        // Through a traced call: Schools' own double[] argument is not a double; a model of calls passes them on.
        Assert.That(Seed(new Key(15), () => GradientModels.SchoolsGen(Sigmas).Simulate()).ArgumentGradients(), Is.Empty);
        Assert.That(Assert.Throws<NotSupportedException>(() => Seed(new Key(16), () => GradientModels.CountGen(3).Simulate()).ArgumentGradients())!.Message,
            Does.Contain("Count computes no gradient in its arguments").And.Contain("uniform_discrete"));
    }

    [Test]
    public void A_callee_s_double_array_carries_its_elements_gradients()
    {
        // SchoolsArray gets its effects from one traced call of Thetas (a double[]); its gradient is Hierarchical's.
        var schools = Seed(new Key(17), () => GradientModels.SchoolsArrayGen(Sigmas).Simulate());
        var flat = new List<(Address, object)> { ("mu", schools.Get<double>("mu")), ("tau", schools.Get<double>("tau")) };
        for (var j = 0; j < Sigmas.Length; j++)
        {
            flat.Add((("eta", j), schools.Get<double>(Address.Of("thetas", "eta", j))));
            flat.Add((("y", j), schools.Get<double>(("y", j))));
        }
        var expected = GradientModels.HierarchicalGen(Ys, Sigmas).Importance(ChoiceMap.Of([.. flat])).Trace.Gradients(Selection.All);
        var actual = schools.Gradients(Selection.All);
        static Address Flat(Address a) => a.Length == 3 ? Address.Of(a.Parts[1], a.Parts[2]) : a;
        Assert.That(actual.Count, Is.EqualTo(expected.Count));
        foreach (var (address, value) in actual)
            Assert.That((double)value, Is.EqualTo(expected.Get<double>(Flat(address))).Within(1e-9 * Math.Max(1, Math.Abs((double)value))), address.ToString());
    }

    [Test]
    public void A_callee_that_cannot_carry_its_arguments_gradient_says_so()
    {
        var trace = Seed(new Key(13), () => GradientModels.CountOfRateGen().Simulate());
        var error = Assert.Throws<NotSupportedException>(() => trace.Gradients(Selection.Of("rate")))!;
        Assert.That(error.Message, Does.Contain("Count computes no gradient in its arguments").And.Contain("uniform_discrete"));
        // Not selecting the rate, the call is a constant of the gradient.
        Assert.That(trace.Gradients(Selection.None).Count, Is.Zero);
    }

    [Test]
    public void A_target_evaluated_again_allocates_nothing()
    {
        var observations = ChoiceMap.Of(Enumerable.Range(0, Design.Length).Select(n => ((Address)("y", n), (object)(0.3 * n))).ToArray());
        AssertEvaluationsAllocateNothing(GradientModels.LinearPredictorGen(Design), observations, Selection.Of([.. observations.AllAddresses()]).Complement(), "");
        // Through traced calls too: a callee's gradient body runs on the same tape, following the same plan.
        AssertEvaluationsAllocateNothing(LineModels.TwoLinesGen(Xs), ChoiceMap.Empty, Selection.All, " through traced calls");
        // And through a callee's double[] value and continuous arguments.
        AssertEvaluationsAllocateNothing(GradientModels.SchoolsArrayGen(Sigmas), ChoiceMap.Empty, Selection.All, " through a double[] callee");
        // And through an mv_normal choice: its covariance's factor is made once, not at every evaluation.
        // And through an mv_normal whose covariance moves (a Gaussian process's hyperparameters), at positions that move
        // too: its buffers and its factor are the run's scratch.
        AssertEvaluationsAllocateNothing(ArrayArgumentModels.KernelOfDataGen([0, 0.4, 1.1, 2, 2.5, 3.3, 4, 5.2, 6, 7.5, 8, 9], new double[12]), ChoiceMap.Empty, Selection.All, " through a covariance of choices", moving: true);
        // And through continuous values passed to a callee's double[] parameter (and the caller's own as constants).
        AssertEvaluationsAllocateNothing(ArrayArgumentModels.GroupsOfCallsGen([1, 2.5, 0.7]), ChoiceMap.Empty, Selection.All, " through a callee's double[] parameter");
        AssertEvaluationsAllocateNothing(GradientModels.VectorOfDataGen([0.5, -1], new double[,] { { 4, 1 }, { 1, 2 } }, Xs), ChoiceMap.Empty, Selection.All, " through an mv_normal choice");
    }

    private static void AssertEvaluationsAllocateNothing<R>(GenerativeFunction<R> model, ChoiceMap observations, Selection selection, string through, bool moving = false)
    {
        var used = 0;
        var (trace, _) = model.GenerateCore(new Key(7), observations, ref used);
        var target = model.Target(trace, selection);
        var gradient = new double[target.Dimension];
        var position = target.Initial.ToArray();
        // Moving: seven positions in turn (a sampler's never repeat), more than any cache here keeps.
        var positions = Enumerable.Range(0, moving ? 7 : 1).Select(k => position.Select(p => p + 0.01 * k).ToArray()).ToArray();
        double[] At(int i) => positions[i % positions.Length];
        for (var i = 0; i < 100; i++) target.Evaluate(At(i), gradient); // buffers reach their size, the JIT settles
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) target.Evaluate(At(i), gradient);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, "bytes allocated by 1000 evaluations" + through);
    }

    private static ChoiceMap Replace(ChoiceMap choices, Address address, double value) =>
        ChoiceMap.Of(choices.Select(c => c.Address.Equals(address) ? (c.Address, (object)value) : c).ToArray());
}
