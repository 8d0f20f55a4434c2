using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.GenMethodReturnsNoValueAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN008: a [Gen] method returning void or by reference, reported at the return type.</summary>
public class GenMethodReturnsNoValueTests
{
    [Test]
    public Task At_the_return_type()
    {
        return V.Analyzer("""
            partial class M
            {
                static double _x;
                [Gen] static {|GEN008:void|} Void() => normal(0, 1).At("x");
                [Gen] static {|GEN008:ref double|} Ref() { normal(0, 1).At("x"); return ref _x; }
                [Gen] static {|GEN008:ref readonly double|} RefReadonly() { normal(0, 1).At("x"); return ref _x; }
            }
            """);
    }

    [Test]
    public Task The_messages_name_the_method_and_the_fix()
    {
        return V.Analyzer("""
            partial class M
            {
                static double _x;
                [Gen] static {|#0:void|} Void() => normal(0, 1).At("x");
                [Gen] static {|#1:ref double|} Ref() { normal(0, 1).At("x"); return ref _x; }
            }
            """,
            V.Error("GEN008").WithLocation(0).WithMessage(
                "[Gen] method 'Void' returns void; a generative function returns a value. Return the quantity of interest (or a bool)."),
            V.Error("GEN008").WithLocation(1).WithMessage(
                "[Gen] method 'Ref' returns by reference; a generative function returns a value. Return the value itself: remove 'ref' from the return type."));
    }

    [Test]
    public Task Quiet_for_values_tuples_and_bools()
    {
        return V.Analyzer("""
            partial class M
            {
                [Gen] static bool Coin() => flip(0.5).At("c");
                [Gen] static (double, int) Pair() => (normal(0, 1).At("x"), poisson(2).At("n"));
                static void Plain() { }
            }
            """);
    }
}
