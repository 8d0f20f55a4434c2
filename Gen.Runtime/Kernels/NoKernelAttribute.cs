using System;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// Put by the generator on the factory of a [Gen] method that has no GPU kernel, with the reason (the first construct
/// outside the kernel subset, or a distribution sampled on the host only): analyzer GEN017 reports a call that passes
/// such a model to a GPU API. On a kernel form's struct: it runs on the host only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Struct, Inherited = false)]
public sealed class NoKernelAttribute(string reason) : Attribute
{
    /// <summary>Why the model has no kernel form.</summary>
    public string Reason { get; } = reason;
}
