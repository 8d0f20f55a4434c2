namespace Gen.Tests.Choices;

public class AddressTests
{
    [Test]
    public void Conversions_build_the_expected_parts_and_text()
    {
        Assert.That(((Address)"x").ToString(), Is.EqualTo("x"));
        Assert.That(((Address)("y", 3)).ToString(), Is.EqualTo("y[3]"));
        Assert.That(((Address)("first", "slope")).ToString(), Is.EqualTo("first/slope"));
        Assert.That(((Address)("points", 3, "y")).ToString(), Is.EqualTo("points[3]/y"));
        Assert.That(((Address)(3, "y")).ToString(), Is.EqualTo("[3]/y"));
        Assert.That(((Address)("grid", 1, 2)).ToString(), Is.EqualTo("grid[1][2]"));
        Assert.That(((Address)("outer", (Address)("y", 1))).Parts.Count, Is.EqualTo(3));
    }

    [Test]
    public void Equality_is_structural_and_distinguishes_names_from_indices()
    {
        Assert.That((Address)("y", 3), Is.EqualTo(Address.Of("y", 3)));
        Assert.That(((Address)("y", 3)).GetHashCode(), Is.EqualTo(Address.Of("y", 3).GetHashCode()));
        Assert.That((Address)("y", "3"), Is.Not.EqualTo((Address)("y", 3)));
        Assert.That(Address.Of("a").Append("b"), Is.EqualTo((Address)("a", "b")));
        Assert.That(((Address)("a", "b")).Tail, Is.EqualTo((Address)"b"));
    }

    [Test]
    public void Bad_addresses_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Address.Of());
        Assert.Throws<ArgumentNullException>(() => new AddressPart(null!));
    }
}
