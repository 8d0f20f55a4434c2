using Gen.Tests.Models;
using static Gen.Transforms;

namespace Gen.Tests.Choices;

/// <summary>ChoiceMap.Merge (Gen.jl's merge: disjoint addresses only) and the value equality of choice maps.</summary>
public class ChoiceMapMergeEqualityTests
{
    // ---------------------------------------------------------------- Merge

    [Test]
    public void Merge_holds_the_choices_of_both_maps()
    {
        var left = ChoiceMap.Of(("x", 1.0), (("first", "slope"), 0.5), (("y", 0), 2.0));
        var right = ChoiceMap.Of((("first", "intercept"), -1.0), (("y", 1), 3.0), ("flag", true));
        var merged = left.Merge(right);
        Assert.That(merged.Count, Is.EqualTo(6));
        Assert.That(merged.Get<double>(("first", "slope")), Is.EqualTo(0.5));
        Assert.That(merged.Get<double>(("first", "intercept")), Is.EqualTo(-1.0));
        Assert.That(merged.Get<double>(("y", 1)), Is.EqualTo(3.0));
        Assert.That(merged.Get<bool>("flag"), Is.True);
        Assert.That(merged, Is.EqualTo(ChoiceMap.Of([.. left, .. right])));
        Assert.That(right.Merge(left), Is.EqualTo(merged), "merge is symmetric up to order");
        Assert.That(left.Count, Is.EqualTo(3), "the operands are unchanged");
        Assert.That(right.Count, Is.EqualTo(3));
        Assert.That(merged.Select(c => c.Address.ToString()), Is.EqualTo(new[] { "x", "first/slope", "first/intercept", "y[0]", "y[1]", "flag" }),
            "this map's choices first, then the other's, each in its order");
    }

    [Test]
    public void Merged_submaps_know_their_full_addresses()
    {
        var merged = ChoiceMap.Of((("a", "x"), 1.0)).Merge(ChoiceMap.Of((("a", "y"), 2)));
        var error = Assert.Throws<ChoiceTypeException>(() => merged.Get<double>(("a", "y")))!;
        Assert.That(error.Message, Does.Contain("'a/y'"));
        Assert.That(merged.GetSubmap("a").Path, Is.EqualTo((Address)"a"));
        var submap = ChoiceMap.Of((("outer", "x"), 1.0)).GetSubmap("outer");
        var rebased = submap.Merge(ChoiceMap.Of(("y", 2.0)));
        Assert.That(rebased.Path, Is.Null, "the result is a root map");
        Assert.That(rebased.Get<double>("x"), Is.EqualTo(1.0));
        Assert.That(Assert.Throws<ChoiceNotFoundException>(() => rebased.Get<double>("z"))!.Message, Does.Contain("'z'"));
    }

    [Test]
    public void Merge_with_an_empty_map_is_the_other_map()
    {
        var map = ChoiceMap.Of(("x", 1.0), (("y", 2), 3.0));
        Assert.That(map.Merge(ChoiceMap.Empty), Is.EqualTo(map));
        Assert.That(ChoiceMap.Empty.Merge(map), Is.EqualTo(map));
        Assert.That(ChoiceMap.Empty.Merge(ChoiceMap.Empty).IsEmpty);
        Assert.Throws<ArgumentNullException>(() => map.Merge(null!));
    }

    [Test]
    public void An_address_in_both_maps_is_an_error_naming_it()
    {
        var left = ChoiceMap.Of(("x", 1.0), (("first", "slope"), 0.5));
        var same = Assert.Throws<ArgumentException>(() => left.Merge(ChoiceMap.Of((("first", "slope"), 0.5))))!;
        Assert.That(same.Message, Does.Contain("'first/slope'"), "equal values conflict too: Gen.jl's merge takes disjoint maps");
        Assert.That(same.ParamName, Is.EqualTo("other"));
        var below = Assert.Throws<ArgumentException>(() => left.Merge(ChoiceMap.Of((("x", "inner"), 2.0))))!;
        Assert.That(below.Message, Does.Contain("'x'").And.Contain("below"));
        var above = Assert.Throws<ArgumentException>(() => left.Merge(ChoiceMap.Of(("first", 2.0))))!;
        Assert.That(above.Message, Does.Contain("'first'"));
        Assert.That(Assert.Throws<ArgumentException>(() => ChoiceMap.Leaf(1.0).Merge(ChoiceMap.Leaf(2.0)))!.Message, Does.Contain("(root)"));
    }

    [Test]
    public void Merging_observations_with_proposed_choices_gives_a_complete_map_for_Assess()
    {
        double[] xs = [0, 1, 2];
        var trace = Seed(new Key(1), () => LineModels.LineGen(xs).Simulate());
        var latents = ChoiceMap.Of(("slope", trace.Get<double>("slope")), ("intercept", trace.Get<double>("intercept")));
        var observations = ChoiceMap.Of(Enumerable.Range(0, xs.Length).Select(i => ((Address)("y", i), (object)trace.Get<double>(("y", i)))).ToArray());
        var complete = latents.Merge(observations);
        Assert.That(complete, Is.EqualTo(trace.Choices));
        Assert.That(LineModels.LineGen(xs).Assess(complete).Weight, Is.EqualTo(trace.Score).Within(1e-12));
    }

    // ---------------------------------------------------------------- equality

    [Test]
    public void Equality_is_structural_and_independent_of_insertion_order()
    {
        var a = ChoiceMap.Of(("x", 1.0), (("y", 0), 2.0), (("y", 1), 3.0), (("first", "slope"), -1.0));
        var b = ChoiceMap.Of((("first", "slope"), -1.0), (("y", 1), 3.0), ("x", 1.0), (("y", 0), 2.0));
        Assert.That(a.Equals(b), Is.True);
        Assert.That(a.Equals((object)b), Is.True);
        Assert.That(a == b, Is.True);
        Assert.That(a != b, Is.False);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(new HashSet<ChoiceMap> { a, b }, Has.Count.EqualTo(1));

        Assert.That(a == ChoiceMap.Of(("x", 1.0), (("y", 0), 2.0), (("y", 1), 3.0)), Is.False, "a choice fewer");
        Assert.That(a == ChoiceMap.Of(("x", 1.0), (("y", 0), 2.0), (("y", 1), 3.5), (("first", "slope"), -1.0)), Is.False, "a value differs");
        Assert.That(a == ChoiceMap.Of(("x", 1.0), (("y", 0), 2.0), (("y", 2), 3.0), (("first", "slope"), -1.0)), Is.False, "an address differs");
        Assert.That(ChoiceMap.Of(("x", 1.0)) == ChoiceMap.Of((("x", "x"), 1.0)), Is.False, "a value vs a submap");
        Assert.That(a.Equals("x"), Is.False);
        Assert.That(a.Equals(null), Is.False);
        Assert.That((ChoiceMap?)null == null, Is.True);
        Assert.That(a == null, Is.False);
    }

    [Test]
    public void Empty_maps_are_equal_wherever_they_were_taken_from()
    {
        var map = ChoiceMap.Of((("first", "slope"), 1.0));
        Assert.That(map.GetSubmap("missing"), Is.EqualTo(ChoiceMap.Empty));
        Assert.That(map.GetSubmap("missing").GetHashCode(), Is.EqualTo(ChoiceMap.Empty.GetHashCode()));
        Assert.That(new ChoiceMapBuilder().Build() == ChoiceMap.Empty, Is.True);
        Assert.That(map.GetSubmap("first"), Is.EqualTo(ChoiceMap.Of(("slope", 1.0))), "the path a submap was taken from is not part of its value");
        Assert.That(map.GetSubmap("first").GetHashCode(), Is.EqualTo(ChoiceMap.Of(("slope", 1.0)).GetHashCode()));
    }

    [Test]
    public void Doubles_compare_as_double_Equals_does_and_types_must_agree()
    {
        Assert.That(ChoiceMap.Of(("x", double.NaN)), Is.EqualTo(ChoiceMap.Of(("x", double.NaN))), "NaN equals NaN");
        Assert.That(ChoiceMap.Of(("x", double.NaN)).GetHashCode(), Is.EqualTo(ChoiceMap.Of(("x", -double.NaN)).GetHashCode()));
        Assert.That(ChoiceMap.Of(("x", 0.0)) == ChoiceMap.Of(("x", -0.0)), Is.True, "0.0 equals -0.0, as double.Equals says");
        Assert.That(ChoiceMap.Of(("x", 0.0)).GetHashCode(), Is.EqualTo(ChoiceMap.Of(("x", -0.0)).GetHashCode()));
        Assert.That(ChoiceMap.Of(("x", 1.0)) == ChoiceMap.Of(("x", 1)), Is.False, "1.0 is not 1");
        Assert.That(ChoiceMap.Of(("x", true)) == ChoiceMap.Of(("x", true)), Is.True);
        Assert.That(ChoiceMap.Of(("x", 3)) == ChoiceMap.Of(("x", 4)), Is.False);
        Assert.That(ChoiceMap.Leaf(2.5) == ChoiceMap.Leaf(2.5), Is.True);
    }

    [Test]
    public void Arrays_compare_element_by_element()
    {
        Assert.That(ChoiceMap.Of(("w", new[] { 0.2, double.NaN, 0.8 })), Is.EqualTo(ChoiceMap.Of(("w", new[] { 0.2, double.NaN, 0.8 }))));
        Assert.That(ChoiceMap.Of(("w", new[] { 0.2, 0.8 })).GetHashCode(), Is.EqualTo(ChoiceMap.Of(("w", new[] { 0.2, 0.8 })).GetHashCode()));
        Assert.That(ChoiceMap.Of(("w", new[] { 0.0, 1.0 })) == ChoiceMap.Of(("w", new[] { -0.0, 1.0 })), Is.True);
        Assert.That(ChoiceMap.Of(("w", new[] { 0.2, 0.8 })) == ChoiceMap.Of(("w", new[] { 0.2, 0.7 })), Is.False);
        Assert.That(ChoiceMap.Of(("w", new[] { 0.2, 0.8 })) == ChoiceMap.Of(("w", new[] { 0.2, 0.8, 0.0 })), Is.False, "lengths differ");
        Assert.That(ChoiceMap.Of(("k", new[] { 1, 2 })) == ChoiceMap.Of(("k", new[] { 1, 2 })), Is.True);
        Assert.That(ChoiceMap.Of(("k", new[] { 1, 2 })) == ChoiceMap.Of(("k", new[] { 1.0, 2.0 })), Is.False, "int[] is not double[]");
        Assert.That(ChoiceMap.Of(("b", new[] { true, false })) == ChoiceMap.Of(("b", new[] { true, false })), Is.True);
        Assert.That(ChoiceMap.Of(("m", new double[,] { { 1, 2 }, { 3, 4 } })) == ChoiceMap.Of(("m", new double[,] { { 1, 2 }, { 3, 4 } })), Is.True);
        Assert.That(ChoiceMap.Of(("m", new double[,] { { 1, 2 }, { 3, 4 } })) == ChoiceMap.Of(("m", new double[,] { { 1, 2, 3, 4 } })), Is.False, "shapes differ");
        Assert.That(ChoiceMap.Of(("m", new double[,] { { 1, 2 }, { 3, 4 } })).GetHashCode(),
            Is.EqualTo(ChoiceMap.Of(("m", new double[,] { { 1, 2 }, { 3, 4 } })).GetHashCode()));
    }

    [Test]
    public void Traces_of_the_same_choices_have_equal_choice_maps()
    {
        double[] xs = [0, 1, 2];
        var generated = Seed(new Key(3), () => ControlFlowModels.VectorsGen(4).Simulate());
        var interpreted = Seed(new Key(3), () => new InterpretedFunction<double[]>("Vectors", () => ControlFlowModels.Vectors(4)).Simulate());
        Assert.That(generated.Choices, Is.EqualTo(interpreted.Choices), "dirichlet and mv_normal choices are double[]");
        Assert.That(generated.Choices.GetHashCode(), Is.EqualTo(interpreted.Choices.GetHashCode()));
        var line = Seed(new Key(4), () => LineModels.LineGen(xs).Simulate());
        Assert.That(line.Choices, Is.EqualTo(ChoiceMap.Of([.. line.Choices.Reverse()])));
        Assert.That(line.Choices == Seed(new Key(5), () => LineModels.LineGen(xs).Simulate()).Choices, Is.False);
    }
}
