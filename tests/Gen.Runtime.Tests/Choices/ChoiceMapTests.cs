namespace Gen.Tests.Choices;

public class ChoiceMapTests
{
    [Test]
    public void Of_accepts_the_design_tuple_forms_and_reads_back_typed_values()
    {
        var map = ChoiceMap.Of(("x", 1.0), (("y", 3), 2.5), (("first", "slope"), -1.0), ("flag", true));
        Assert.That(map.Get<double>("x"), Is.EqualTo(1.0));
        Assert.That(map.Get<double>(("y", 3)), Is.EqualTo(2.5));
        Assert.That(map.Get<double>(("first", "slope")), Is.EqualTo(-1.0));
        Assert.That(map.Get<bool>("flag"), Is.True);
        Assert.That(map.Count, Is.EqualTo(4));
        Assert.That(map.Contains(("y", 3)), Is.True);
        Assert.That(map.Contains(("y", 4)), Is.False);
        Assert.That(map.Contains("y"), Is.False, "y is a namespace, not a choice");
    }

    [Test]
    public void Builder_supports_collection_initializers()
    {
        var map = new ChoiceMapBuilder { ["x"] = 1.0, [("y", 0)] = 2.0, [("y", 1)] = 3.0 }.Build();
        Assert.That(new ChoiceMapBuilder { { "x", 1.0 }, { ("y", 1), 3.0 } }.Build().Count, Is.EqualTo(2));
        Assert.That(map.Select(c => c.Address.ToString()), Is.EqualTo(new[] { "x", "y[0]", "y[1]" }));
        Assert.That(map.Select(c => c.Value), Is.EqualTo(new object[] { 1.0, 2.0, 3.0 }));
    }

    [Test]
    public void Wrong_type_names_the_address_and_both_types()
    {
        var map = ChoiceMap.Of((("y", 3), 2));
        var error = Assert.Throws<ChoiceTypeException>(() => map.Get<double>(("y", 3)))!;
        Assert.That(error.Message, Does.Contain("y[3]").And.Contain("System.Int32").And.Contain("System.Double"));
        Assert.That(error.Message, Does.Contain("1.0 instead of 1"));
        Assert.That(error.Address, Is.EqualTo((Address)("y", 3)));
    }

    [Test]
    public void Missing_address_names_it_and_its_nearest_existing_siblings()
    {
        var map = ChoiceMap.Of(("slope", 1.0), ("intercept", 2.0), ("noise", 0.1));
        var error = Assert.Throws<ChoiceNotFoundException>(() => map.Get<double>("slop"))!;
        Assert.That(error.Message, Does.Contain("'slop'").And.Contain("Nearest existing addresses: slope"));
        Assert.That(Assert.Throws<ChoiceNotFoundException>(() => ChoiceMap.Empty.Get<double>("x"))!.Message, Does.Contain("empty"));
    }

    [Test]
    public void TryGet_is_false_when_missing_but_throws_on_a_wrong_type()
    {
        var map = ChoiceMap.Of(("x", 1.0));
        Assert.That(map.TryGet<double>("x", out var x) && x == 1.0);
        Assert.That(map.TryGet<double>("z", out _), Is.False);
        Assert.Throws<ChoiceTypeException>(() => map.TryGet<int>("x", out _));
    }

    [Test]
    public void Submaps_know_their_full_address_for_error_messages()
    {
        var map = ChoiceMap.Of((("first", "slope"), 1.0));
        var first = map.GetSubmap("first");
        Assert.That(first.Path, Is.EqualTo((Address)"first"));
        var error = Assert.Throws<ChoiceTypeException>(() => first.Get<int>("slope"))!;
        Assert.That(error.Message, Does.Contain("first/slope"));
        Assert.That(map.GetSubmap("second").IsEmpty, Is.True);
        Assert.That(map.GetSubmap("second").Path, Is.EqualTo((Address)"second"));
    }

    [Test]
    public void A_value_and_nested_choices_cannot_share_an_address()
    {
        Assert.Throws<InvalidOperationException>(() => ChoiceMap.Of(("y", 1.0), (("y", 3), 2.0)));
        Assert.Throws<InvalidOperationException>(() => ChoiceMap.Of((("y", 3), 2.0), ("y", 1.0)));
        Assert.Throws<ArgumentException>(() => ChoiceMap.Of(("x", 1.0), ("x", 2.0)));
    }

    [Test]
    public void Maps_are_immutable_snapshots_of_the_builder()
    {
        var builder = new ChoiceMapBuilder { ["x"] = 1.0 };
        var first = builder.Build();
        builder["x"] = 5.0;
        Assert.That(first.Get<double>("x"), Is.EqualTo(1.0));
        Assert.That(builder.Build().Get<double>("x"), Is.EqualTo(5.0));
    }

    [Test]
    public void ToString_lists_one_choice_per_line()
    {
        Assert.That(ChoiceMap.Of(("x", 1.5), (("y", 2), 3.0)).ToString(), Is.EqualTo("x = 1.5\ny[2] = 3"));
        Assert.That(ChoiceMap.Empty.ToString(), Is.EqualTo("(empty choice map)"));
    }
}
