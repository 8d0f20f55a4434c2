using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.IteratorGenMethodAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN011: an iterator [Gen] method (its body contains yield), reported at the method's name.</summary>
public class IteratorGenMethodTests
{
    [Test]
    public Task At_the_name_of_an_iterator()
    {
        return V.Analyzer("""
            using System.Collections.Generic;
            partial class M
            {
                [Gen] static IEnumerable<double> {|GEN011:Draws|}(int n)
                {
                    for (var i = 0; i < n; i++) yield return normal(0, 1).At("x", i);
                }
                [Gen] static IEnumerator<double> {|GEN011:Stop|}() { yield break; }
            }
            """);
    }

    [Test]
    public Task The_message_names_the_method_and_the_fix()
    {
        return V.Analyzer("""
            using System.Collections.Generic;
            partial class M { [Gen] static IEnumerable<double> {|#0:Draws|}() { yield return normal(0, 1).At("x"); } }
            """,
            V.Error("GEN011").WithLocation(0).WithMessage(
                "[Gen] method 'Draws' is an iterator; generative functions return a single value. Collect the values and return an array or list instead of using yield."));
    }

    [Test]
    public Task Quiet_for_a_Gen_method_returning_a_collection()
    {
        return V.Analyzer("""
            using System.Collections.Generic;
            partial class M
            {
                [Gen] static double[] Draws(int n)
                {
                    var xs = new double[n];
                    for (var i = 0; i < n; i++) xs[i] = normal(0, 1).At("x", i);
                    return xs;
                }
                static IEnumerable<int> Plain() { yield return 1; }
            }
            """);
    }
}
