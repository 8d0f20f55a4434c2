namespace Gen.Generators.Tests.Fuzz;
public class Scratch
{
    [Test]
    public void Run()
    {
        var path = Environment.GetEnvironmentVariable("GEN_SCRATCH");
        if (path is null) return;
        var crashes = IdeRun.Crashes(Support.GeneratorHarness.Compilation(File.ReadAllText(path)));
        Assert.That(crashes, Is.Empty, string.Join("\n", crashes));
    }
}
