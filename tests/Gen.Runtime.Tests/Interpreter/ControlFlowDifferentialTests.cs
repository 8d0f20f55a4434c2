using Gen.Tests.Models;
using Gen.Tests.Support;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>
/// Every GFI method of generated code against the reference interpreter, bit for bit, for models that use each
/// construct the generator lowers. Each case runs on 12 keys.
/// </summary>
public class ControlFlowDifferentialTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("Branching", () => ControlFlowModels.BranchingGen(0.2), () => ControlFlowModels.Branching(0.2),
            () => ControlFlowModels.BranchingGen(-0.5), () => ControlFlowModels.Branching(-0.5));
        yield return Case("Loops", () => ControlFlowModels.LoopsGen(6), () => ControlFlowModels.Loops(6),
            () => ControlFlowModels.LoopsGen(3), () => ControlFlowModels.Loops(3));
        yield return Case("Switching", () => ControlFlowModels.SwitchingGen(0), () => ControlFlowModels.Switching(0),
            () => ControlFlowModels.SwitchingGen(1), () => ControlFlowModels.Switching(1));
        yield return Case("DynamicAddresses", () => ControlFlowModels.DynamicAddressesGen(4), () => ControlFlowModels.DynamicAddresses(4),
            () => ControlFlowModels.DynamicAddressesGen(2), () => ControlFlowModels.DynamicAddresses(2));
        double[] xs = [0, 1, 2], fewer = [0, 1];
        yield return Case("NestedAndWrapped", () => ControlFlowModels.NestedAndWrappedGen(xs), () => ControlFlowModels.NestedAndWrapped(xs),
            () => ControlFlowModels.NestedAndWrappedGen(fewer), () => ControlFlowModels.NestedAndWrapped(fewer));
        yield return Case("Vectors", () => ControlFlowModels.VectorsGen(4), () => ControlFlowModels.Vectors(4),
            () => ControlFlowModels.VectorsGen(2), () => ControlFlowModels.Vectors(2));
    }

    private static TestCaseData Case<R>(string name, Func<GenerativeFunction<R>> generated, Func<R> body,
        Func<GenerativeFunction<R>> generatedOther, Func<R> bodyOther) =>
        new TestCaseData(new Pair<R>(name, generated, () => new InterpretedFunction<R>(name, body),
            generatedOther, () => new InterpretedFunction<R>(name, bodyOther))).SetArgDisplayNames(name);

    public sealed record Pair<R>(string Name, Func<GenerativeFunction<R>> Generated, Func<GenerativeFunction<R>> Interpreted,
        Func<GenerativeFunction<R>> GeneratedOther, Func<GenerativeFunction<R>> InterpretedOther);

    [TestCaseSource(nameof(Cases))]
    public void All_GFI_methods_agree<R>(Pair<R> pair)
    {
        for (ulong k = 0; k < 12; k++)
        {
            var key = new Key(500 + k);
            var g = Seed(key, () => pair.Generated().Simulate());
            var i = Seed(key, () => pair.Interpreted().Simulate());
            Bitwise.SameTrace(i, g, $"{pair.Name} simulate, key {k}");

            // Importance with half of the simulated choices as constraints (every other one).
            var half = ChoiceMap.Of(i.Choices.Where((_, n) => n % 2 == 0).ToArray());
            // (Constraints can change control flow so that some are never visited: then both must reject them alike.)
            var gi = Try(() => Seed(key.FoldIn(1), () => pair.Generated().Importance(half)));
            var ii = Try(() => Seed(key.FoldIn(1), () => pair.Interpreted().Importance(half)));
            Assert.That(gi.Error, Is.EqualTo(ii.Error), $"{pair.Name} importance, key {k}");
            if (ii.Error is null)
            {
                Bitwise.SameTrace(ii.Result.Trace, gi.Result.Trace, $"{pair.Name} importance, key {k}");
                Bitwise.AreEqual(ii.Result.Weight, gi.Result.Weight, $"{pair.Name} importance weight, key {k}");
            }

            var (gaw, gar) = pair.Generated().Assess(i.Choices);
            var (iaw, iar) = pair.Interpreted().Assess(i.Choices);
            Bitwise.AreEqual(iaw, gaw, $"{pair.Name} assess, key {k}");
            Assert.That(gar, Is.EqualTo(iar));

            // Update to other arguments, constraining a few choices of another simulation (only those the new run visits).
            var other = Seed(key.FoldIn(2), () => pair.InterpretedOther().Simulate()).Choices;
            var constraints = ChoiceMap.Of(other.Where((_, n) => n % 3 == 0).ToArray());
            var gu = Try(() => Seed(key.FoldIn(3), () => g.Update(pair.GeneratedOther(), constraints)));
            var iu = Try(() => Seed(key.FoldIn(3), () => i.Update(pair.InterpretedOther(), constraints)));
            SameOutcome(iu, gu, $"{pair.Name} update, key {k}");

            var selection = Selection.Of(i.Choices.Where((_, n) => n % 2 == 1).Select(c => c.Address).ToArray());
            var gr = Seed(key.FoldIn(4), () => g.Regenerate(selection));
            var ir = Seed(key.FoldIn(4), () => i.Regenerate(selection));
            Bitwise.SameEdit(ir, gr, $"{pair.Name} regenerate, key {k}");
        }
    }

    private static (T Result, string? Error) Try<T>(Func<T> run)
    {
        try { return (run(), null); }
        catch (ArgumentException e) { return (default!, e.Message); }
    }

    /// <summary>Both succeed identically, or both reject the same constraints with the same message.</summary>
    private static void SameOutcome<R>((EditResult<R> Result, string? Error) expected, (EditResult<R> Result, string? Error) actual, string what)
    {
        Assert.That(actual.Error, Is.EqualTo(expected.Error), what);
        if (expected.Error is null) Bitwise.SameEdit(expected.Result, actual.Result, what);
    }
}
