using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.ByRefGenParameterAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN010: a ref, out, in or ref readonly parameter of a [Gen] method, reported at the parameter.</summary>
public class ByRefGenParameterTests
{
    [Test]
    public Task At_each_parameter_passed_by_reference()
    {
        return V.Analyzer("""
            partial class M
            {
                [Gen] static double Ref({|GEN010:ref double x|}) => normal(x, 1).At("x");
                [Gen] static double Out({|GEN010:out double x|}) { x = 1; return normal(x, 1).At("x"); }
                [Gen] static double In(double mu, {|GEN010:in double sigma|}, {|GEN010:ref readonly double shift|}) => normal(mu + shift, sigma).At("x");
            }
            """);
    }

    [Test]
    public Task The_message_names_the_parameter_the_method_and_the_fix()
    {
        return V.Analyzer("""
            partial class M { [Gen] static double Out({|#0:out double x|}) { x = 1; return normal(x, 1).At("x"); } }
            """,
            V.Error("GEN010").WithLocation(0).WithMessage(
                "parameter 'x' of [Gen] method 'Out' is passed by out; pass arguments by value (return several results as a tuple)"));
    }

    [Test]
    public Task Quiet_for_value_params_and_default_parameters()
    {
        return V.Analyzer("""
            partial class M
            {
                [Gen] static double A(double mu, double sigma = 1, params double[] rest) => normal(mu, sigma).At("x");
                static void Plain(ref int x) => x++;
            }
            """);
    }
}
