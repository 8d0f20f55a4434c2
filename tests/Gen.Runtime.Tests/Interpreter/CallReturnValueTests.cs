using Gen.Tests.Models;
using static Gen.Combinators;
using static Gen.Distributions;
using static Gen.Transforms;

namespace Gen.Tests.Interpreter;

/// <summary>
/// <c>trace.Get&lt;T&gt;(address)</c> at exactly a traced call's address reads the call's return value (Gen.jl's
/// <c>trace[:first]</c>), in every kind of storage (constant, indexed, multi-part constant and run-time addresses,
/// combinators), generated and interpreted alike; addresses of choices read choices as before. Values are compared
/// exactly: they are the same doubles.
/// </summary>
public class CallReturnValueTests
{
    private static readonly double[] Xs = [0, 1, 2];

    private static IEnumerable<Key> Keys() => Enumerable.Range(0, 4).Select(i => new Key(5300 + (ulong)i));

    /// <summary>The generated trace and the interpreted one of the same model on the same key.</summary>
    private static IEnumerable<Trace<double>> BothTraces(Key key)
    {
        yield return Seed(key, () => CallModels.CallsGen(Xs, 3).Simulate());
        yield return Seed(key, () => new InterpretedFunction<double>("Calls", () => CallModels.Calls(Xs, 3)).Simulate());
    }

    [Test]
    public void A_traced_calls_address_reads_its_return_value_in_every_kind_of_storage([ValueSource(nameof(Keys))] Key key)
    {
        foreach (var trace in BothTraces(key))
        {
            var what = trace.GetType().Name;
            for (var i = 0; i < 3; i++)
                Assert.That(trace.Get<double>(("line", i)), Is.EqualTo(trace.Get<double>(("line", i, "slope"))), $"{what}: indexed call {i} returns its slope");
            var pair = trace.Get<double>(("deep", "pair"));
            Assert.That(pair, Is.EqualTo(trace.Get<double>(Address.Of("deep", "pair", "first", "slope")) + trace.Get<double>(Address.Of("deep", "pair", "second", "slope"))),
                $"{what}: a call at a two-part constant address");
            Assert.That(trace.Get<double>(("deep", "pair", "first")), Is.EqualTo(trace.Get<double>(Address.Of("deep", "pair", "first", "slope"))), $"{what}: a call inside a call");
            Assert.That(trace.Get<double>("dyn3"), Is.EqualTo(trace.Get<double>(("dyn3", "slope"))), $"{what}: a call at a run-time address");
            var points = trace.Get<double[]>("points");
            Assert.That(points, Is.EqualTo(Enumerable.Range(0, Xs.Length).Select(i => trace.Get<double>(("points", i, "y"))).ToArray()), $"{what}: a Vmap's return value");
            Assert.That(trace.Get<double>(("points", 1)), Is.EqualTo(points[1]), $"{what}: call 1 of the Vmap");
            Assert.That(trace.Get<bool>("coin"), Is.EqualTo(trace.Choices.Get<bool>("coin")), $"{what}: a distribution reached as a function is a choice");
            Assert.That(trace.Get<double>("noise"), Is.EqualTo(trace.Choices.Get<double>("noise")), $"{what}: a choice");
            var total = Enumerable.Range(0, 3).Sum(i => trace.Get<double>(("line", i))) + pair + trace.Get<double>("dyn3") + points.Sum()
                        + (trace.Get<bool>("coin") ? 1 : 0) + trace.Get<double>("noise");
            Assert.That(trace.Retval, Is.EqualTo(total), $"{what}: the return values are the ones the body used");

            Assert.That(trace.Get<object>("dyn3"), Is.EqualTo(trace.Get<double>("dyn3")), $"{what}: boxed");
            Assert.That(trace.HasChoice("dyn3") || trace.HasChoice(("line", 0)) || trace.HasChoice(("deep", "pair")), Is.False, $"{what}: a call is not a choice");
            Assert.That(trace.Choices.Contains(("line", 0)), Is.False);
        }
    }

    [Test]
    public void Generated_and_interpreted_read_the_same_values([ValueSource(nameof(Keys))] Key key)
    {
        var traces = BothTraces(key).ToArray();
        foreach (var address in new Address[] { ("line", 0), ("line", 2), ("deep", "pair"), ("deep", "pair", "second"), "dyn3", ("points", 2) })
            Assert.That(traces[0].Get<double>(address), Is.EqualTo(traces[1].Get<double>(address)), address.ToString());
    }

    [Test]
    public void The_line_example_and_nested_calls()
    {
        var trace = Seed(new Key(1), () => LineModels.TwoLinesGen(Xs).Simulate());
        Assert.That(trace.Get<double>("first"), Is.EqualTo(trace.Get<double>(("first", "slope"))));
        Assert.That(trace.Get<double>("first") + trace.Get<double>("second"), Is.EqualTo(trace.Retval));

        var nested = Seed(new Key(2), () => ControlFlowModels.NestedAndWrappedGen(Xs).Simulate());
        Assert.That(nested.Get<double>("wrapped"), Is.EqualTo(nested.Get<double>(("wrapped", "slope"))), "a call of a wrapped generative function");
        Assert.That(nested.Get<double>("pair"), Is.EqualTo(nested.Get<double>(("pair", "first")) + nested.Get<double>(("pair", "second"))));
        Assert.That(nested.Get<double>(("pair", "second")), Is.EqualTo(nested.Get<double>(("pair", "second", "slope"))));

        var switched = Seed(new Key(3), () => CombinatorModels.SwitchedGen().Simulate());
        Assert.That(switched.Get<int>("s"), Is.EqualTo(switched.Retval), "a switch's return value");
        var mixture = Seed(new Key(4), () => CombinatorModels.MixtureGen(0).Simulate());
        Assert.That(mixture.Get<double>("x"), Is.EqualTo(mixture.Retval).And.EqualTo(mixture.Get<double>(("x", "value"))), "a mixture's value");
    }

    [Test]
    public void Combinator_traces_read_call_i_by_index()
    {
        var points = Seed(new Key(5), () => Vmap(CombinatorModels.PointGen, Xs).Simulate());
        for (var i = 0; i < Xs.Length; i++) Assert.That(points.Get<double>(i), Is.EqualTo(points.Retval[i]));
        var chain = Seed(new Key(6), () => Scan(CombinatorModels.StepGen, 4, 0.0).Simulate());
        for (var t = 0; t < 4; t++) Assert.That(chain.Get<double>(t), Is.EqualTo(chain.Retval[t]).And.EqualTo(chain.Get<double>((t, "x"))));
        var draws = Seed(new Key(7), () => Repeat(3, normal(0, 1)).Simulate());
        Assert.That(draws.Get<double>(1), Is.EqualTo(draws.Retval[1]), "Repeat of a distribution: call i is a choice");
        var lines = Seed(new Key(8), () => Repeat(2, LineModels.LineGen(Xs)).Simulate());
        Assert.That(lines.Get<double>(1), Is.EqualTo(lines.Get<double>((1, "slope"))));
    }

    [Test]
    public void A_wrong_type_names_the_call_and_both_types()
    {
        foreach (var trace in BothTraces(new Key(9)))
        {
            var error = Assert.Throws<ChoiceTypeException>(() => trace.Get<int>(("line", 1)))!;
            Assert.That(error.Message, Does.Contain("traced call at 'line[1]'").And.Contain("System.Double").And.Contain("System.Int32"));
            Assert.That(error.Address, Is.EqualTo((Address)("line", 1)));
            Assert.That(error.Expected, Is.EqualTo(typeof(int)));
            Assert.That(error.Actual, Is.EqualTo(typeof(double)));
            Assert.That(Assert.Throws<ChoiceTypeException>(() => trace.Get<double>("points"))!.Message, Does.Contain("'points'").And.Contain("System.Double[]"));
            Assert.That(Assert.Throws<ChoiceTypeException>(() => trace.Get<string>("dyn3"))!.Message, Does.Contain("'dyn3'"));
            Assert.That(Assert.Throws<ChoiceTypeException>(() => trace.Get<int>(("points", 0)))!.Message, Does.Contain("points[0]"));
            Assert.That(Assert.Throws<ChoiceTypeException>(() => trace.Get<int>(("deep", "pair", "first")))!.Message, Does.Contain("deep/pair/first"));
            var nested = Assert.Throws<ChoiceTypeException>(() => trace.Get<int>(("line", 1, "slope")))!;
            Assert.That(nested.Message, Does.StartWith("The choice at 'line[1]/slope' holds a System.Double"), "a choice inside a call is named by its whole address");
            Assert.That(nested.Address, Is.EqualTo((Address)("line", 1, "slope")));
            Assert.That(Assert.Throws<ChoiceTypeException>(() => trace.Get<int>(("points", 2, "y")))!.Message, Does.Contain("'points[2]/y'"));
            Assert.Throws<ChoiceNotFoundException>(() => trace.Get<double>(("line", 7)));
            Assert.Throws<ChoiceNotFoundException>(() => trace.Get<double>(("line", 0, "nope")));
            Assert.Throws<ChoiceNotFoundException>(() => trace.Get<double>("deep"), "a prefix of a call's address is not a call");
        }
    }
}
