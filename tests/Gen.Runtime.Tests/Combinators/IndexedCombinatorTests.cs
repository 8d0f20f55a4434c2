using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Combinators;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Combinators;

/// <summary>
/// Vmap, Scan and Repeat against the loops they stand for (generated [Gen] loops and the reference interpreter):
/// on the same key, every GFI method gives the same choices, score, weight and discard, bit for bit. The key rule
/// makes them equal: call i of a combinator and call i of the loop both draw key i of the same stream.
/// </summary>
public class IndexedCombinatorTests
{
    private static readonly double[] Xs = [-1.5, -0.5, 0, 0.5, 1.25, 2];

    private static IEnumerable<Key> Keys() => Enumerable.Range(0, 6).Select(i => new Key(700 + (ulong)i));

    /// <summary>A combinator and its reference, each for the base arguments and for other arguments (an update's new call).</summary>
    public sealed record Pair<R>(string Name, Func<GenerativeFunction<R>> Combinator, Func<GenerativeFunction<R>> Reference,
        Func<GenerativeFunction<R>> CombinatorOther, Func<GenerativeFunction<R>> ReferenceOther, ChoiceMap Constraints, ChoiceMap UpdateConstraints,
        Selection Selection)
    {
        public override string ToString() => Name;
    }

    private static ChoiceMap Ys(Func<int, Address> address, params int[] indices) =>
        ChoiceMap.Of(indices.Select(i => (address(i), (object)(0.4 * i - 0.7))).ToArray());

    private static ChoiceMap Both(ChoiceMap a, ChoiceMap b) => ChoiceMap.Of(a.Concat(b).ToArray());

    private static double[] InterpretedLoop(double[] xs)
    {
        var ys = new double[xs.Length];
        for (var i = 0; i < xs.Length; i++) ys[i] = CombinatorModels.PointGen(xs[i]).At(i);
        return ys;
    }

    public static IEnumerable<TestCaseData> Pairs()
    {
        double[] longer = [.. Xs, 3, 4], shorter = Xs[..3];
        foreach (var other in new[] { longer, shorter, Xs })
        {
            var label = other.Length;
            yield return Case(new Pair<double[]>($"Vmap vs generated loop, update to {label} points",
                () => Vmap(CombinatorModels.PointGen, Xs), () => CombinatorModels.PointsLoopGen(Xs),
                () => Vmap(CombinatorModels.PointGen, other), () => CombinatorModels.PointsLoopGen(other),
                Ys(i => (i, "y"), 0, 2, 5), Both(Ys(i => (i, "y"), 1, 2), ChoiceMap.Of(((0, "outlier"), true))),
                Selection.Of((1, "outlier"), 3, (4, "y"))));
            yield return Case(new Pair<double[]>($"Vmap vs interpreted loop, update to {label} points",
                () => Vmap(CombinatorModels.PointGen, Xs), () => new InterpretedFunction<double[]>("Loop", () => InterpretedLoop(Xs)),
                () => Vmap(CombinatorModels.PointGen, other), () => new InterpretedFunction<double[]>("Loop", () => InterpretedLoop(other)),
                Ys(i => (i, "y"), 1, 4), Ys(i => (i, "y"), 0, 2),
                Selection.Of(0, 2)));
            yield return Case(new Pair<double[]>($"Vmap nested in a model vs nested loop, update to {label} points",
                () => CombinatorModels.PointsGen(Xs), () => CombinatorModels.PointsNestedGen(Xs),
                () => CombinatorModels.PointsGen(other), () => CombinatorModels.PointsNestedGen(other),
                Ys(i => ("points", i, "y"), 0, 1, 2), Both(Ys(i => ("points", i, "y"), 2), ChoiceMap.Of((("points", 1, "outlier"), false))),
                Selection.Of(("points", 2, "outlier"), ("points", 0))));
        }
        foreach (var steps in new[] { 9, 4, 6 })
        {
            yield return Case(new Pair<double[]>($"Scan vs loop, update to {steps} steps",
                () => Scan(CombinatorModels.StepGen, 6, 0.5), () => CombinatorModels.StepsLoopGen(6, 0.5),
                () => Scan(CombinatorModels.StepGen, steps, 0.5), () => CombinatorModels.StepsLoopGen(steps, 0.5),
                Ys(i => (i, "y"), 0, 1, 2, 3), Ys(i => (i, "y"), Enumerable.Range(4, Math.Max(0, steps - 4)).ToArray()),
                Selection.Of((2, "x"), 5)));
            yield return Case(new Pair<double[]>($"Scan from a random initial state vs loop, update to {steps} steps",
                () => CombinatorModels.ChainGen(6), () => CombinatorModels.ChainLoopGen(6),
                () => CombinatorModels.ChainGen(steps), () => CombinatorModels.ChainLoopGen(steps),
                Ys(i => ("chain", i, "y"), 0, 3), Both(ChoiceMap.Of(("init", 1.5)), Ys(i => ("chain", i, "y"), 1)),
                Selection.Of("init", ("chain", 1, "x"))));
        }
        var shared = gamma(2, 1.5);
        yield return Case(new Pair<double[]>("Repeat vs loop, update to more calls",
            () => Repeat(5, gamma(2, 1.5)), () => CombinatorModels.DrawsLoopGen(5),
            () => Repeat(7, gamma(2, 1.5)), () => CombinatorModels.DrawsLoopGen(7),
            ChoiceMap.Of((1, 0.5), (3, 2.0)), ChoiceMap.Of((0, 1.0), (6, 0.25)), Selection.Of(2, 4)));
        yield return Case(new Pair<double[]>("Repeat of one callee (kept subtraces) vs loop, update to fewer calls",
            () => Repeat(5, shared), () => CombinatorModels.DrawsLoopGen(5),
            () => Repeat(3, shared), () => CombinatorModels.DrawsLoopGen(3),
            ChoiceMap.Of((1, 0.5)), ChoiceMap.Of((0, 1.0)), Selection.Of(2)));
    }

    private static TestCaseData Case<R>(Pair<R> pair) => new TestCaseData(pair).SetArgDisplayNames(pair.Name);

    [TestCaseSource(nameof(Pairs))]
    public void Every_method_agrees_bit_for_bit(Pair<double[]> pair)
    {
        foreach (var key in Keys())
        {
            var what = $"{pair.Name}, key {key.Words}";
            var combinator = Seed(key, () => pair.Combinator().Simulate());
            var reference = Seed(key, () => pair.Reference().Simulate());
            Bitwise.SameTrace(reference, combinator, what + " simulate");

            var (ct, cw) = Seed(key, () => pair.Combinator().Importance(pair.Constraints));
            var (rt, rw) = Seed(key, () => pair.Reference().Importance(pair.Constraints));
            Bitwise.SameTrace(rt, ct, what + " importance");
            Bitwise.AreEqual(rw, cw, what + " importance weight");

            var (aw, ar) = pair.Combinator().Assess(reference.Choices);
            var (bw, br) = pair.Reference().Assess(reference.Choices);
            Bitwise.AreEqual(bw, aw, what + " assess");
            Assert.That(ar, Is.EqualTo(br), what + " assess retval");

            var cu = Seed(key.FoldIn(1), () => ct.Update(pair.CombinatorOther(), pair.UpdateConstraints));
            var ru = Seed(key.FoldIn(1), () => rt.Update(pair.ReferenceOther(), pair.UpdateConstraints));
            Bitwise.SameEdit(ru, cu, what + " update");

            var same = Seed(key.FoldIn(2), () => ct.Update(ChoiceMap.Empty));
            Bitwise.SameEdit(Seed(key.FoldIn(2), () => rt.Update(ChoiceMap.Empty)), same, what + " empty update");

            var cr = Seed(key.FoldIn(3), () => ct.Regenerate(pair.Selection));
            var rr = Seed(key.FoldIn(3), () => rt.Regenerate(pair.Selection));
            Bitwise.SameEdit(rr, cr, what + " regenerate");

            var cn = Seed(key.FoldIn(4), () => ct.Regenerate(pair.CombinatorOther(), pair.Selection));
            var rn = Seed(key.FoldIn(4), () => rt.Regenerate(pair.ReferenceOther(), pair.Selection));
            Bitwise.SameEdit(rn, cn, what + " regenerate with new arguments");

            var cp = Seed(key, () => pair.Combinator().Propose());
            var rp = Seed(key, () => pair.Reference().Propose());
            Bitwise.SameChoices(rp.Choices, cp.Choices, what + " propose");
            Bitwise.AreEqual(rp.Weight, cp.Weight, what + " propose weight");
            Bitwise.AreEqual(combinator.Score, cp.Weight, what + " propose weight = simulate score");
            Assert.That(cp.Retval, Is.EqualTo(rp.Retval), what + " propose retval");

            foreach (var selection in new[] { Selection.All, Selection.None, pair.Selection, pair.Selection.Complement() })
            {
                Bitwise.AreEqual(reference.Project(selection), combinator.Project(selection), $"{what} project {selection}");
                Bitwise.AreEqual(rt.Project(selection), ct.Project(selection), $"{what} project {selection} after importance");
            }
        }
    }

    [Test]
    public void Generate_with_no_constraints_is_simulate([ValueSource(nameof(Keys))] Key key)
    {
        foreach (var function in new GenerativeFunction<double[]>[]
                 { Vmap(CombinatorModels.PointGen, Xs), Scan(CombinatorModels.StepGen, 5, 0.0), Repeat(4, normal(0, 1)) })
        {
            var simulated = Seed(key, () => function.Simulate());
            var (generated, weight) = Seed(key, () => function.Importance(ChoiceMap.Empty));
            Bitwise.SameTrace(simulated, generated, function.Name);
            Assert.That(weight, Is.EqualTo(0.0));
        }
    }

    [Test]
    public void Extending_a_scan_keeps_the_old_steps_and_runs_only_the_new_one()
    {
        var trace = Seed(new Key(1), () => Scan(CombinatorModels.StepGen, 20, 0.0).Importance(Ys(i => (i, "y"), Enumerable.Range(0, 20).ToArray())).Trace);
        var extended = Seed(new Key(2), () => trace.Update(Scan(CombinatorModels.StepGen, 21, 0.0), ChoiceMap.Of(((20, "y"), 0.3))));
        var before = (IndexedTrace<double>)trace;
        var after = (IndexedTrace<double>)extended.Trace;
        for (var t = 0; t < 20; t++) Assert.That(after.Subtraces[t], Is.SameAs(before.Subtraces[t]), $"step {t} kept as it was");
        // The weight of extending a bootstrap filter by one step is log p(y_20 | x_20).
        var x = extended.Trace.Get<double>((20, "x"));
        Assert.That(extended.Weight, Is.EqualTo(normal(x, 0.5).LogDensity(0.3)).Within(1e-12));
        Assert.That(extended.Discard.IsEmpty);
    }

    [Test]
    public void A_changed_state_reruns_the_steps_after_it()
    {
        var trace = Seed(new Key(3), () => CombinatorModels.ChainGen(5).Simulate());
        var edit = Seed(new Key(4), () => trace.Update(ChoiceMap.Of((("chain", 2, "x"), 10.0))));
        // Steps 0 and 1 are untouched; 3 and 4 keep their choices but are rescored under the new state.
        double Logp(Trace<double[]> t, int step, double previous) =>
            normal(0.9 * previous + 0.1 * step, 1).LogDensity(t.Get<double>(("chain", step, "x")))
            + normal(t.Get<double>(("chain", step, "x")), 0.5).LogDensity(t.Get<double>(("chain", step, "y")));
        var expected = 0.0;
        for (var step = 2; step < 5; step++)
        {
            var previousNew = step == 0 ? edit.Trace.Get<double>("init") : edit.Trace.Get<double>(("chain", step - 1, "x"));
            var previousOld = step == 0 ? trace.Get<double>("init") : trace.Get<double>(("chain", step - 1, "x"));
            expected += Logp(edit.Trace, step, previousNew) - Logp(trace, step, previousOld);
        }
        Assert.That(edit.Weight, Is.EqualTo(expected).Within(1e-9));
        Assert.That(edit.Discard.Get<double>(("chain", 2, "x")), Is.EqualTo(trace.Get<double>(("chain", 2, "x"))));
    }

    [Test]
    public void Addresses_and_return_values_are_documented_ones()
    {
        var trace = Seed(new Key(5), () => CombinatorModels.PointsGen(Xs).Simulate());
        for (var i = 0; i < Xs.Length; i++)
        {
            Assert.That(trace.Retval[i], Is.EqualTo(trace.Get<double>(("points", i, "y"))));
            Assert.That(trace.Choices.Contains(("points", i, "outlier")));
        }
        var draws = Seed(new Key(6), () => Repeat(3, normal(0, 1)).Simulate());
        Assert.That(draws.Choices.Select(c => c.Address), Is.EquivalentTo(new Address[] { 0, 1, 2 }));
        Assert.That(draws.Retval, Is.EqualTo(new[] { draws.Get<double>(0), draws.Get<double>(1), draws.Get<double>(2) }));
        var states = Seed(new Key(7), () => Scan(CombinatorModels.StepGen, 4, 0.0).Simulate());
        Assert.That(states.Retval, Is.EqualTo(Enumerable.Range(0, 4).Select(t => states.Get<double>((t, "x"))).ToArray()));
    }

    [Test]
    public void Vmap_forms_agree_and_two_arrays_zip()
    {
        var key = new Key(8);
        var direct = Seed(key, () => Vmap(CombinatorModels.PointGen, Xs).Simulate());
        var applied = Seed(key, () => Vmap<double, double>(CombinatorModels.PointGen).Apply(Xs).Simulate());
        Bitwise.SameTrace(direct, applied, "Vmap(f, xs) and Vmap(f).Apply(xs)");
        var zipped = Seed(key, () => Vmap((double m, double s) => normal(m, s), [0.0, 10.0], [1.0, 0.1]).Simulate());
        Assert.That(zipped.Retval[1], Is.EqualTo(10).Within(1));
        Assert.Throws<ArgumentException>(() => Vmap((double m, double s) => normal(m, s), [0.0], [1.0, 2.0]));
    }

    [Test]
    public void Misuse_is_reported_clearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Repeat(-1, normal(0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scan(CombinatorModels.StepGen, -2, 0.0));
        var error = Assert.Throws<ArgumentException>(() => Vmap(CombinatorModels.PointGen, Xs).Importance(ChoiceMap.Of(((9, "y"), 1.0))))!;
        Assert.That(error.Message, Does.Contain("[9]/y"));
        var missing = Assert.Throws<ChoiceNotFoundException>(() => Repeat(2, normal(0, 1)).Assess(ChoiceMap.Of((0, 1.0))))!;
        Assert.That(missing.Message, Does.Contain("[1]"));
        var trace = Seed(new Key(9), () => Repeat(2, normal(0, 1)).Simulate());
        Assert.Throws<ArgumentException>(() => trace.Update(Vmap(CombinatorModels.PointGen, Xs), ChoiceMap.Empty), "a Vmap cannot edit a Repeat trace");
    }
}
