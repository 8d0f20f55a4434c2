using static Gen.Transforms;

namespace Gen.Tests.Support;

/// <summary>
/// Runs every GFI method of a generated function and of its interpreted counterpart on the same keys and asserts
/// they agree bit for bit: traces, scores, weights, discards — or reject the same input with the same message.
/// </summary>
public static class Differential
{
    /// <summary>A model under test: generated and interpreted factories, for its arguments and for other arguments.</summary>
    public sealed record Subject<R>(string Name, Func<GenerativeFunction<R>> Generated, Func<GenerativeFunction<R>> Interpreted,
        Func<GenerativeFunction<R>> GeneratedOther, Func<GenerativeFunction<R>> InterpretedOther)
    {
        public override string ToString() => Name;
    }

    public static void AllMethodsAgree<R>(Subject<R> subject, int keys = 12, ulong firstKey = 500)
    {
        for (ulong k = 0; k < (ulong)keys; k++)
        {
            var key = new Key(firstKey + k);
            var what = $"{subject.Name}, key {firstKey + k}";
            var simulated = Same(() => Seed(key, () => subject.Generated().Simulate()), () => Seed(key, () => subject.Interpreted().Simulate()),
                (i, g) => Bitwise.SameTrace(i, g, what + " simulate"), what + " simulate");
            if (simulated is null) continue;

            // Half the simulated choices as constraints; they may change control flow, so that some are never
            // visited: then both must reject them alike.
            var half = ChoiceMap.Of(simulated.Choices.Where((_, n) => n % 2 == 0).ToArray());
            Same(() => Seed(key.FoldIn(1), () => subject.Generated().Importance(half)),
                () => Seed(key.FoldIn(1), () => subject.Interpreted().Importance(half)),
                (i, g) =>
                {
                    Bitwise.SameTrace(i.Trace, g.Trace, what + " importance");
                    Bitwise.AreEqual(i.Weight, g.Weight, what + " importance weight");
                }, what + " importance");

            // (Seeded too: a model's untraced draws, if any, must then agree as well.)
            Same(() => Seed(key.FoldIn(5), () => subject.Generated().Assess(simulated.Choices)),
                () => Seed(key.FoldIn(5), () => subject.Interpreted().Assess(simulated.Choices)),
                (i, g) =>
                {
                    Bitwise.AreEqual(i.Weight, g.Weight, what + " assess");
                    Assert.That(g.Retval, Is.EqualTo(i.Retval), what + " assess retval");
                }, what + " assess");

            var generated = Seed(key, () => subject.Generated().Simulate());
            var other = Seed(key.FoldIn(2), () => Try(() => subject.InterpretedOther().Simulate()).Result?.Choices ?? ChoiceMap.Empty);
            var constraints = ChoiceMap.Of(other.Where((_, n) => n % 3 == 0).ToArray());
            Same(() => Seed(key.FoldIn(3), () => generated.Update(subject.GeneratedOther(), constraints)),
                () => Seed(key.FoldIn(3), () => simulated.Update(subject.InterpretedOther(), constraints)),
                (i, g) => Bitwise.SameEdit(i, g, what + " update"), what + " update");

            var selection = Selection.Of(simulated.Choices.Where((_, n) => n % 2 == 1).Select(c => c.Address).ToArray());
            Same(() => Seed(key.FoldIn(4), () => generated.Regenerate(selection)),
                () => Seed(key.FoldIn(4), () => simulated.Regenerate(selection)),
                (i, g) => Bitwise.SameEdit(i, g, what + " regenerate"), what + " regenerate");

            // Regenerate under new arguments (the same new call as the update's).
            Same(() => Seed(key.FoldIn(6), () => generated.Regenerate(subject.GeneratedOther(), selection)),
                () => Seed(key.FoldIn(6), () => simulated.Regenerate(subject.InterpretedOther(), selection)),
                (i, g) => Bitwise.SameEdit(i, g, what + " regenerate with new arguments"), what + " regenerate with new arguments");

            // Propose samples what Simulate does on the same key; its weight is the score.
            Same(() => Seed(key, () => subject.Generated().Propose()), () => Seed(key, () => subject.Interpreted().Propose()),
                (i, g) =>
                {
                    Bitwise.SameChoices(i.Choices, g.Choices, what + " propose");
                    Bitwise.AreEqual(i.Weight, g.Weight, what + " propose weight");
                    Assert.That(g.Retval, Is.EqualTo(i.Retval), what + " propose retval");
                    Bitwise.SameChoices(simulated.Choices, i.Choices, what + " propose = simulate");
                    Bitwise.AreEqual(simulated.Score, i.Weight, what + " propose weight = simulate score");
                }, what + " propose");

            // Project: the selected choices' log density, the same bits however the trace stores its sites.
            var selections = new[] { Selection.All, Selection.None, selection, selection.Complement(), Selection.Of(half.Select(c => c.Address).ToArray()) };
            foreach (var s in selections)
                Bitwise.AreEqual(simulated.Project(s), generated.Project(s), $"{what} project {s}");
            Bitwise.AreEqual(simulated.Score, generated.Project(Selection.All), what + " project all = score");
            Assert.That(generated.Project(Selection.None), Is.EqualTo(0.0), what + " project none");
            if (double.IsFinite(simulated.Score))
                Assert.That(simulated.Project(selection) + simulated.Project(selection.Complement()),
                    Is.EqualTo(simulated.Score).Within(1e-9 * (1 + Math.Abs(simulated.Score))), what + " project of a selection and its complement");
        }
    }

    /// <summary>Both succeed and agree (returns the interpreted result), or both throw the same exception.</summary>
    private static T? Same<T>(Func<T> generated, Func<T> interpreted, Action<T, T> agree, string what)
    {
        var g = Try(generated);
        var i = Try(interpreted);
        Assert.That(g.Error?.GetType(), Is.EqualTo(i.Error?.GetType()), $"{what}: exception type ({i.Error?.Message} / {g.Error?.Message})");
        Assert.That(g.Error?.Message, Is.EqualTo(i.Error?.Message), $"{what}: exception message");
        if (i.Error is null) agree(i.Result!, g.Result!);
        return i.Result;
    }

    private static (T? Result, Exception? Error) Try<T>(Func<T> run)
    {
        try { return (run(), null); }
        catch (Exception e) when (e is not AssertionException) { return (default, e); }
    }
}
