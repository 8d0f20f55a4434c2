using Gen.Tests.Models;
using Gen.Tests.Support;

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
        yield return Case("Line", () => LineModels.LineGen(xs), () => LineModels.Line(xs),
            () => LineModels.LineGen(fewer), () => LineModels.Line(fewer));
        yield return Case("TwoLines", () => LineModels.TwoLinesGen(xs), () => LineModels.TwoLines(xs),
            () => LineModels.TwoLinesGen(fewer), () => LineModels.TwoLines(fewer));
        yield return Case("BetaBernoulli", () => ConjugateModels.BetaBernoulliGen(5), () => ConjugateModels.BetaBernoulli(5),
            () => ConjugateModels.BetaBernoulliGen(3), () => ConjugateModels.BetaBernoulli(3));
        yield return Case("UserDistribution", () => UserDistributionModels.WalkGen(6), () => UserDistributionModels.Walk(6),
            () => UserDistributionModels.WalkGen(4), () => UserDistributionModels.Walk(4));
        yield return Case("NormalNormal", () => ConjugateModels.NormalNormalGen(5), () => ConjugateModels.NormalNormal(5),
            () => ConjugateModels.NormalNormalGen(7), () => ConjugateModels.NormalNormal(7));
    }

    private static TestCaseData Case<R>(string name, Func<GenerativeFunction<R>> generated, Func<R> body,
        Func<GenerativeFunction<R>> generatedOther, Func<R> bodyOther) =>
        new TestCaseData(new Differential.Subject<R>(name, generated, () => new InterpretedFunction<R>(name, body),
            generatedOther, () => new InterpretedFunction<R>(name, bodyOther))).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Cases))]
    public void All_GFI_methods_agree<R>(Differential.Subject<R> subject) => Differential.AllMethodsAgree(subject);
}
