using Gen.Internal;
using Gen.Tests.Models;

namespace Gen.Tests.Performance;

/// <summary>
/// Generated code allocates its trace storage, never an object per choice: the bytes a Simulate or Importance
/// allocates grow by at most 32 per extra choice (a Choice&lt;double&gt; is 24 bytes plus a presence byte; a boxed
/// double or any per-choice object would add at least 24 more).
/// </summary>
public class AllocationTests
{
    private static long Bytes(Action action)
    {
        action(); // warm up: JIT, capacity hints
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static double[] Xs(int n) => Enumerable.Range(0, n).Select(i => i * 0.1).ToArray();

    private static ChoiceMap Observations(int n) => ChoiceMap.Of(Enumerable.Range(0, n).Select(i => ((Address)("y", i), (object)(0.1 * i))).ToArray());

    [Test]
    public void Simulate_and_Importance_allocate_no_object_per_choice()
    {
        var key = new Key(1);
        double[] x100 = Xs(100), x300 = Xs(300);
        var small = Bytes(() => Gfi.Simulate(LineModels.LineGen(x100), key));
        var large = Bytes(() => Gfi.Simulate(LineModels.LineGen(x300), key));
        Assert.That((large - small) / 200.0, Is.LessThanOrEqualTo(32), $"simulate: {small} B for 100 points, {large} B for 300");

        ChoiceMap o100 = Observations(100), o300 = Observations(300);
        var used = 0;
        small = Bytes(() => Gfi.Generate(LineModels.LineGen(x100), key, o100, ref used));
        large = Bytes(() => Gfi.Generate(LineModels.LineGen(x300), key, o300, ref used));
        Assert.That((large - small) / 200.0, Is.LessThanOrEqualTo(32), $"importance: {small} B for 100 points, {large} B for 300");
    }

    [Test]
    public void Update_of_one_choice_allocates_the_new_trace_and_a_small_discard()
    {
        var key = new Key(2);
        var xs = Xs(100);
        var trace = Gfi.Simulate(LineModels.LineGen(xs), key);
        var constraints = ChoiceMap.Of(("slope", 0.5));
        var used = 0;
        var bytes = Bytes(() => Gfi.Update(LineModels.LineGen(xs), key, trace, constraints, ref used));
        var simulate = Bytes(() => Gfi.Simulate(LineModels.LineGen(xs), key));
        TestContext.Out.WriteLine($"update {bytes} B, simulate {simulate} B");
        Assert.That(bytes, Is.LessThan(simulate + 2048), $"update {bytes} B vs simulate {simulate} B");
    }
}
