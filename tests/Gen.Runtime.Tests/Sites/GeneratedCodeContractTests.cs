using Gen.Internal;

namespace Gen.Tests.Sites;

/// <summary>Code generated for another version of the runtime's generated-code surface is a clear error, not a misbehaviour.</summary>
public class GeneratedCodeContractTests
{
    private sealed class EmptyTrace(GenerativeFunction<double> function) : CompiledTrace<double>(function, hasRuntimeAddresses: false)
    {
        protected override void Slots<TVisitor>(ref TVisitor visitor) { }
    }

    private sealed class Compiled(int contract) : CompiledFunction<double, EmptyTrace>(contract)
    {
        protected override EmptyTrace NewTrace() => new(this);
        protected override double Run<TMode>(ref TMode mode, EmptyTrace trace) => 1.0;
    }

    [Test]
    public void A_function_generated_for_another_contract_cannot_be_created()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Compiled(GeneratedCodeContract.Version - 1))!;
        Assert.That(error.Message, Does.Contain($"version {GeneratedCodeContract.Version - 1}").And.Contain($"implements version {GeneratedCodeContract.Version}")
            .And.Contain("single version of the Gen package"));
    }

    [Test]
    public void A_function_generated_for_this_contract_runs()
    {
        var trace = new Compiled(GeneratedCodeContract.Version).Simulate();
        Assert.That(trace.Retval, Is.EqualTo(1.0));
        Assert.That(trace.Score, Is.EqualTo(0.0));
    }
}
