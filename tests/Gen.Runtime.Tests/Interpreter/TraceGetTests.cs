using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>Reading choices from generated traces: typed, without building the choice map, with the same errors.</summary>
public class TraceGetTests
{
    private static readonly double[] Xs = [0, 1, 2];

    [Test]
    public void Get_reads_every_kind_of_storage_and_agrees_with_the_choice_map()
    {
        var trace = Seed(new Key(3), () => LineModels.TwoLinesGen(Xs).Simulate());
        foreach (var (address, value) in trace.Choices)
            Assert.That(trace.Get<double>(address), Is.EqualTo(value), address.ToString());
        var line = Seed(new Key(4), () => LineModels.LineGen(Xs).Simulate());
        Assert.That(line.Get<double>(("y", 2)), Is.EqualTo(line.Choices.Get<double>(("y", 2))));
    }

    [Test]
    public void Get_of_a_constant_address_allocates_nothing()
    {
        var trace = Seed(new Key(5), () => LineModels.LineGen(Xs).Simulate());
        Address slope = "slope", y = ("y", 1);
        trace.Get<double>(slope);
        trace.Get<double>(y);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) trace.Get<double>(slope);
        for (var i = 0; i < 100; i++) trace.Get<double>(y);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Get_errors_name_the_address_like_the_choice_map_does()
    {
        var trace = Seed(new Key(6), () => LineModels.LineGen(Xs).Simulate());
        var wrongType = Assert.Throws<ChoiceTypeException>(() => trace.Get<int>("slope"))!;
        Assert.That(wrongType.Message, Does.Contain("'slope'").And.Contain("System.Double").And.Contain("System.Int32"));
        var missing = Assert.Throws<ChoiceNotFoundException>(() => trace.Get<double>(("y", 9)))!;
        Assert.That(missing.Message, Does.Contain("y[9]").And.Contain("y[2]"));
    }
}
