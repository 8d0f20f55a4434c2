using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.AsyncGenMethodAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN009: an async [Gen] method, reported at the method's name.</summary>
public class AsyncGenMethodTests
{
    [Test]
    public Task At_the_name_of_an_async_method()
    {
        return V.Analyzer("""
            using System.Threading.Tasks;
            partial class M
            {
                [Gen] static async Task<double> {|GEN009:Later|}() { await Task.Yield(); return normal(0, 1).At("x"); }
                [Gen] static async ValueTask<bool> {|GEN009:Coin|}() { await Task.Yield(); return flip(0.5).At("c"); }
            }
            """);
    }

    [Test]
    public Task The_message_names_the_method_and_the_fix()
    {
        return V.Analyzer("""
            using System.Threading.Tasks;
            partial class M { [Gen] static async Task<double> {|#0:Later|}() { await Task.Yield(); return normal(0, 1).At("x"); } }
            """,
            V.Error("GEN009").WithLocation(0).WithMessage(
                "[Gen] method 'Later' is async; generative functions run synchronously. Remove 'async' and return the value itself."));
    }

    [Test]
    public Task Quiet_for_a_Gen_method_returning_a_task_without_async_and_for_async_methods_without_Gen()
    {
        // Returning a Task value is not async execution: the body still runs to the end synchronously.
        return V.Analyzer("""
            using System.Threading.Tasks;
            partial class M
            {
                [Gen] static Task<double> Wrapped() => Task.FromResult(normal(0, 1).At("x"));
                static async Task Plain() => await Task.Yield();
            }
            """);
    }
}
