namespace Gen.Tests.Choices;

public class SelectionTests
{
    [Test]
    public void Of_selects_addresses_and_everything_below_them()
    {
        var selection = Selection.Of("slope", ("y", 3), "first");
        Assert.That(selection.Contains("slope"), Is.True);
        Assert.That(selection.Contains(("y", 3)), Is.True);
        Assert.That(selection.Contains("y", 3), Is.True);
        Assert.That(selection.Contains(("y", 4)), Is.False);
        Assert.That(selection.Contains(("first", "intercept")), Is.True);
        Assert.That(selection.Contains("intercept"), Is.False);
        Assert.That(selection["first"].ContainsRoot, Is.True);
        Assert.That(selection["y"][3].ContainsRoot, Is.True);
    }

    [Test]
    public void All_None_and_complement()
    {
        Assert.That(Selection.All.Contains(("anything", 1)), Is.True);
        Assert.That(Selection.None.Contains("x"), Is.False);
        Assert.That(Selection.All.Complement(), Is.SameAs(Selection.None));
        var notSlope = Selection.Of("slope").Complement();
        Assert.That(notSlope.Contains("slope"), Is.False);
        Assert.That(notSlope.Contains(("y", 1)), Is.True);
        Assert.That(notSlope.Complement().Contains("slope"), Is.True);
    }
}
