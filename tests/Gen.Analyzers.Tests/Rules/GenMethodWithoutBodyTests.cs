using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.GenMethodWithoutBodyAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN013: a [Gen] method without a body, reported at the method's name.</summary>
public class GenMethodWithoutBodyTests
{
    [Test]
    public Task At_the_name_of_a_partial_definition_or_an_extern_method()
    {
        return V.Analyzer("""
            static partial class M
            {
                [Gen] public static partial double {|GEN013:Defined|}(double mu);
                public static partial double Defined(double mu) => normal(mu, 1).At("x");

                [Gen] static extern double {|GEN013:External|}();
            }
            """);
    }

    [Test]
    public Task The_message_names_the_method_and_the_fix()
    {
        return V.Analyzer("""
            static partial class M { [Gen] static extern double {|#0:External|}(); }
            """,
            V.Error("GEN013").WithLocation(0).WithMessage(
                "[Gen] method 'External' has no body; the generator compiles a generative function from the body. Give it a block or expression body (for a partial method, put [Gen] on the declaration that implements it)."));
    }

    [Test]
    public Task Quiet_when_Gen_is_on_the_implementing_declaration()
    {
        return V.Analyzer("""
            static partial class M
            {
                public static partial double Defined(double mu);
                [Gen] public static partial double Defined(double mu) => normal(mu, 1).At("x");
            }
            """);
    }
}
