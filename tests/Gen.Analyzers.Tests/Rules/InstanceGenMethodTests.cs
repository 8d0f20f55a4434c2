using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.InstanceGenMethodAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN006: an instance [Gen] method, reported at the method's name.</summary>
public class InstanceGenMethodTests
{
    [Test]
    public Task At_the_name_of_an_instance_method()
    {
        return V.Analyzer("""
            partial class M
            {
                [Gen] double {|GEN006:Instance|}() => normal(0, 1).At("x");
                [Gen] public virtual double {|GEN006:Virtual|}(double mu) => normal(mu, 1).At("x");
                [Gen] static double Static() => normal(0, 1).At("x");
            }
            """);
    }

    [Test]
    public Task The_message_names_the_method_and_the_fix()
    {
        return V.Analyzer("""
            partial class M { [Gen] double {|#0:Instance|}() => normal(0, 1).At("x"); }
            """,
            V.Error("GEN006").WithLocation(0).WithMessage(
                "[Gen] method 'Instance' is an instance method; make it static (instance generative functions are not supported yet)"));
    }

    [Test]
    public Task Quiet_for_instance_methods_without_Gen()
    {
        return V.Analyzer("""
            partial class M { double Plain() => 1; }
            """);
    }
}
