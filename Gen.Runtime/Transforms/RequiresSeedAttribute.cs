using System;

namespace Gen;

/// <summary>
/// Marks a parameter that must receive a <em>seeded</em> function: one that takes a <see cref="Key"/> per call
/// and derives every random choice from it (<c>Seed(f)</c>). APIs that compile or replay a function many times
/// (<see cref="Transforms.Jit{A, R}(Func{Key, A, R})"/>, batched and GPU execution) mark their function parameters
/// with it. Analyzer GEN001 reports an argument that reaches a sample site without going through <c>Seed</c>.
/// </summary>
/// <example><code>
/// public static Func&lt;Key, A, R&gt; Compile&lt;A, R&gt;([RequiresSeed] Func&lt;Key, A, R&gt; seeded) =&gt; ...;
/// </code></example>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class RequiresSeedAttribute : Attribute
{
}
