using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.AtOutsideGenAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN005: .At(...) on a generative function outside any [Gen] body.</summary>
public class AtOutsideGenTests
{
    [Test]
    public Task At_in_an_ordinary_method()
    {
        return V.Analyzer("""
            class C
            {
                double M(double[] xs)
                {
                    var x = {|#0:normal(0, 1).At("x")|};
                    var y = {|GEN005:normal(0, 1).At("y", 3)|};
                    var z = {|GEN005:normal(0, 1).At(Address.Of("z"))|};
                    return x + y + z;
                }
            }
            """,
            V.Diagnostic("GEN005").WithLocation(0).WithArguments("normal(0, 1).At(\"x\")"));
    }

    [Test]
    public Task At_in_a_field_initializer_a_lambda_and_a_local_function_outside_gen()
    {
        return V.Analyzer("""
            class C
            {
                static readonly double Initial = {|GEN005:normal(0, 1).At("x")|};
                Func<double> Draw = () => {|GEN005:flip(0.5).At("coin")|} ? 1 : 0;
                void M()
                {
                    double Local() => {|GEN005:normal(0, 1).At("y")|};
                }
            }
            """);
    }

    [Test]
    public Task At_on_a_user_distribution_or_a_generative_function_value()
    {
        return V.Analyzer("""
            sealed class Coin : Distribution<bool>
            {
                public override bool Sample(Key key) => key.Uniform() < 0.5;
                public override double LogDensity(bool value) => Math.Log(0.5);
            }
            class C
            {
                bool M(GenerativeFunction<double> model) => {|GEN005:new Coin().At("c")|} && {|GEN005:model.At("m")|} > 0;
            }
            """);
    }

    [Test]
    public Task Not_inside_a_gen_body_lambdas_included()
    {
        // A site inside a lambda of a [Gen] body is the generator's GEN004; GEN005 stays quiet there.
        return V.Analyzer("""
            public static partial class Models
            {
                [Gen]
                public static double M()
                {
                    var x = normal(0, 1).At("x");
                    Func<double> inner = () => normal(0, 1).At("y");
                    return x;
                }
            }
            """);
    }

    [Test]
    public Task Not_on_untraced_calls_that_say_so()
    {
        return V.Analyzer("""
            class C
            {
                double M(Key key) => normal(0, 1).Sample(key) + normal(0, 1).Simulate().Retval + normal(0, 1).LogDensity(0.5);
            }
            """);
    }

    [Test]
    public Task Not_on_an_unrelated_At_method()
    {
        return V.Analyzer("""
            class Board { public int At(string square) => square.Length; }
            class C
            {
                int M() => new Board().At("e4");
            }
            """);
    }
}
