using Gen.Generators.Tests.Support;

namespace Gen.Generators.Tests.Fuzz;

/// <summary>
/// Half-typed models on which the fuzz test (<see cref="MidEditFuzzTests"/>) once found the generator or an analyzer
/// crashing (GEN000 or an exception), each shrunk to its smallest form. Each must go through the generator and every
/// analyzer with ordinary diagnostics only.
/// </summary>
public class MidEditRegressionTests
{
    private const string Usings = "using Gen;\nusing static Gen.Distributions;\n";

    private static void Quiet(string source)
    {
        var crashes = IdeRun.Crashes(GeneratorHarness.Compilation(Usings + source));
        Assert.That(crashes, Is.Empty, string.Join("\n", crashes));
    }

    /// <summary>
    /// An address with no expression before its dot (typing <c>.At(</c> then a member): its error type has an empty
    /// name, and the GEN004 message about a mistyped address read its first letter.
    /// </summary>
    [Test]
    public void An_address_missing_its_receiver_is_no_crash()
    {
        Quiet("""static partial class M { [Gen] static double A() { return normal(0, 1).At(.x); } }""");
        Quiet("""static partial class M { [Gen] static double A() => normal(0, 1).At(.(); }""");
    }

    /// <summary>
    /// A method name half typed after a generic-looking prefix reads as an explicit interface implementation with no
    /// name (<c>Generic&lt;T&gt;.</c>): its symbol's name made an invalid generated file name. Such a method, and an
    /// explicit interface implementation, generate nothing.
    /// </summary>
    [Test]
    public void A_method_name_read_as_an_explicit_interface_implementation_is_no_crash()
    {
        Quiet("""partial class M { [Gen] static double Generic<T>.) => """);
        Quiet("""partial class M { [Gen] static double Generic<T>.() => normal(0, 1).At("x"); }""");
        Quiet("""
            interface IModel { static abstract double Sample(); }
            partial class M : IModel { [Gen] static double IModel.Sample() => normal(0, 1).At("x"); }
            """);
    }
}
