using Gen.Internal;

namespace Gen;

/// <summary>The trace of an interpreted execution: every site at its run-time address, with its subtrace, in visit order.</summary>
public sealed class InterpretedTrace<R> : CompiledTrace<R>
{
    internal InterpretedTrace(InterpretedFunction<R> function) : base(function, hasRuntimeAddresses: true) { }

    /// <inheritdoc />
    protected override void Slots<TVisitor>(ref TVisitor visitor) { } // every site lives in the run-time record
}
