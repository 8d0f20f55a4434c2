using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>Generated code against the reference interpreter on the same keys: every GFI method, bit for bit.</summary>
public class LineDifferentialTests
{
    private static readonly double[] Xs = [-2, -1, 0, 0.5, 1, 2, 3];

    private static GenerativeFunction<double> Interpreted(double[] xs) => new InterpretedFunction<double>("Line", () => LineModels.Line(xs));

    private static GenerativeFunction<double> InterpretedTwoLines(double[] xs) => new InterpretedFunction<double>("TwoLines", () => LineModels.TwoLines(xs));

    private static IEnumerable<Key> Keys() => Enumerable.Range(0, 8).Select(i => new Key(1000 + (ulong)i));

    private static ChoiceMap Observations(int n, int skip = 0) =>
        ChoiceMap.Of(Enumerable.Range(skip, n - skip).Select(i => ((Address)("y", i), (object)(0.3 * i - 1))).ToArray());

    [Test]
    public void Simulate_agrees([ValueSource(nameof(Keys))] Key key)
    {
        var generated = Seed(key, () => LineModels.LineGen(Xs).Simulate());
        var interpreted = Seed(key, () => Interpreted(Xs).Simulate());
        Bitwise.SameTrace(interpreted, generated, "simulate");
    }

    [Test]
    public void Importance_agrees([ValueSource(nameof(Keys))] Key key)
    {
        foreach (var constraints in new[] { ChoiceMap.Empty, Observations(Xs.Length), Observations(Xs.Length, skip: 3), ChoiceMap.Of(("slope", 0.25)) })
        {
            var (gt, gw) = Seed(key, () => LineModels.LineGen(Xs).Importance(constraints));
            var (it, iw) = Seed(key, () => Interpreted(Xs).Importance(constraints));
            Bitwise.SameTrace(it, gt, "importance");
            Bitwise.AreEqual(iw, gw, "importance weight");
        }
    }

    [Test]
    public void Assess_agrees([ValueSource(nameof(Keys))] Key key)
    {
        var choices = Seed(key, () => Interpreted(Xs).Simulate()).Choices;
        var (gw, gr) = LineModels.LineGen(Xs).Assess(choices);
        var (iw, ir) = Interpreted(Xs).Assess(choices);
        Bitwise.AreEqual(iw, gw, "assess weight");
        Assert.That(gr, Is.EqualTo(ir));
    }

    [Test]
    public void Update_with_constraints_agrees([ValueSource(nameof(Keys))] Key key)
    {
        var generated = Seed(key, () => LineModels.LineGen(Xs).Simulate());
        var interpreted = Seed(key, () => Interpreted(Xs).Simulate());
        var constraints = ChoiceMap.Of(("slope", 0.7), (("y", 2), 1.5));
        var g = Seed(key.FoldIn(1), () => generated.Update(constraints));
        var i = Seed(key.FoldIn(1), () => interpreted.Update(constraints));
        Bitwise.SameEdit(i, g, "update");
    }

    [Test]
    public void Update_with_new_arguments_adds_and_removes_choices_alike([ValueSource(nameof(Keys))] Key key)
    {
        var generated = Seed(key, () => LineModels.LineGen(Xs).Simulate());
        var interpreted = Seed(key, () => Interpreted(Xs).Simulate());
        foreach (var xs in new[] { Xs[..3], Xs.Concat([4.0, 5.0]).ToArray() })
        {
            var g = Seed(key.FoldIn(2), () => generated.Update(LineModels.LineGen(xs), ChoiceMap.Of(("intercept", -0.5))));
            var i = Seed(key.FoldIn(2), () => interpreted.Update(Interpreted(xs), ChoiceMap.Of(("intercept", -0.5))));
            Bitwise.SameEdit(i, g, $"update to {xs.Length} points");
        }
    }

    [Test]
    public void Regenerate_agrees([ValueSource(nameof(Keys))] Key key)
    {
        var generated = Seed(key, () => LineModels.LineGen(Xs).Simulate());
        var interpreted = Seed(key, () => Interpreted(Xs).Simulate());
        foreach (var selection in new[] { Selection.Of("slope"), Selection.Of(("y", 3), "intercept"), Selection.All, Selection.None, Selection.Of("slope").Complement() })
        {
            var g = Seed(key.FoldIn(3), () => generated.Regenerate(selection));
            var i = Seed(key.FoldIn(3), () => interpreted.Regenerate(selection));
            Bitwise.SameEdit(i, g, $"regenerate {selection}");
        }
    }

    [Test]
    public void Traced_calls_agree([ValueSource(nameof(Keys))] Key key)
    {
        var generated = Seed(key, () => LineModels.TwoLinesGen(Xs).Simulate());
        var interpreted = Seed(key, () => InterpretedTwoLines(Xs).Simulate());
        Bitwise.SameTrace(interpreted, generated, "simulate");

        var constraints = ChoiceMap.Of((("first", "slope"), 0.1), (("second", ("y", 1)), 2.0));
        var (gt, gw) = Seed(key, () => LineModels.TwoLinesGen(Xs).Importance(constraints));
        var (it, iw) = Seed(key, () => InterpretedTwoLines(Xs).Importance(constraints));
        Bitwise.SameTrace(it, gt, "importance");
        Bitwise.AreEqual(iw, gw, "importance weight");

        var gu = Seed(key.FoldIn(1), () => generated.Update(constraints));
        var iu = Seed(key.FoldIn(1), () => interpreted.Update(constraints));
        Bitwise.SameEdit(iu, gu, "update");

        var gr = Seed(key.FoldIn(2), () => generated.Regenerate(Selection.Of(("second", "intercept"))));
        var ir = Seed(key.FoldIn(2), () => interpreted.Regenerate(Selection.Of(("second", "intercept"))));
        Bitwise.SameEdit(ir, gr, "regenerate");

        var (gw2, _) = LineModels.TwoLinesGen(Xs).Assess(interpreted.Choices);
        var (iw2, _) = InterpretedTwoLines(Xs).Assess(interpreted.Choices);
        Bitwise.AreEqual(iw2, gw2, "assess");
    }

    [Test]
    public void Ir_is_printed()
    {
        var ir = LineModels.LineGen(Xs).Ir;
        Assert.That(ir, Does.Contain("slope : f64 = sample normal(0, 1) @ \"slope\""));
        Assert.That(ir, Does.Contain("sample normal(slope * xs[i] + intercept, 0.5) @ (\"y\", i)"));
        Assert.That(LineModels.TwoLinesGen(Xs).Ir, Does.Contain("a : f64 = call LineGen(xs) @ \"first\""));
    }
}
