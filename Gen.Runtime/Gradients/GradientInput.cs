using System;
using System.Collections.Generic;

namespace Gen.Internal;

/// <summary>
/// A selected continuous coordinate of a gradient: a double choice (<see cref="Element"/> −1), or element
/// <see cref="Element"/> of a double[] choice (an mv_normal; a dirichlet's, <see cref="Simplex"/>), with its tape node,
/// its value in the trace and its support (a vector's elements: ℝ each; a simplex's transform is the target's).
/// </summary>
internal readonly record struct GradientInput(Address Choice, int Element, int Node, double Value, Support Support, bool Simplex = false)
{
    /// <summary>The coordinate's address: the choice's, or for a vector's element the choice's with the index appended (<c>("theta", 3)</c>).</summary>
    public Address Address => Element < 0 ? Choice : Choice.Append(Element);

    /// <summary>
    /// Adds one value per coordinate (<paramref name="values"/>, in the inputs' order) to <paramref name="builder"/> at
    /// the choices' addresses: a double at a double choice, a double[] at a vector choice (its elements are consecutive).
    /// </summary>
    public static void Write(ChoiceMapBuilder builder, IReadOnlyList<GradientInput> inputs, ReadOnlySpan<double> values)
    {
        for (var k = 0; k < inputs.Count;)
        {
            var length = RunLength(inputs, k);
            if (inputs[k].Element < 0) builder.Add(inputs[k].Choice, values[k]);
            else builder.Add(inputs[k].Choice, values.Slice(k, length).ToArray());
            k += length;
        }
    }

    /// <summary>How many coordinates the choice of coordinate <paramref name="k"/> has from there: 1 for a double, a vector's elements (consecutive).</summary>
    public static int RunLength(IReadOnlyList<GradientInput> inputs, int k)
    {
        if (inputs[k].Element < 0) return 1;
        var end = k + 1;
        while (end < inputs.Count && inputs[end].Element == end - k && inputs[end].Choice == inputs[k].Choice) end++;
        return end - k;
    }
}
