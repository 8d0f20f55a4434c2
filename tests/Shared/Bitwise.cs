namespace Gen.Tests.Support;

/// <summary>Assertions that two executions agree bit for bit: values, scores, weights and choices.</summary>
public static class Bitwise
{
    public static void AreEqual(double expected, double actual, string what)
    {
        Assert.That(BitConverter.DoubleToInt64Bits(actual), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)),
            $"{what}: expected {expected:R}, got {actual:R}");
    }

    public static void SameChoices(ChoiceMap expected, ChoiceMap actual, string what)
    {
        var e = Flatten(expected);
        var a = Flatten(actual);
        Assert.That(a.Keys.OrderBy(k => k, StringComparer.Ordinal), Is.EqualTo(e.Keys.OrderBy(k => k, StringComparer.Ordinal)), $"{what}: addresses");
        foreach (var (address, value) in e) Assert.That(a[address], Is.EqualTo(value), $"{what}: value at {address}");
    }

    public static void SameTrace<R>(Trace<R> expected, Trace<R> actual, string what)
    {
        Assert.That(actual.Retval, Is.EqualTo(expected.Retval), $"{what}: retval");
        AreEqual(expected.Score, actual.Score, $"{what}: score");
        SameChoices(expected.Choices, actual.Choices, what);
    }

    public static void SameEdit<R>(EditResult<R> expected, EditResult<R> actual, string what)
    {
        SameTrace(expected.Trace, actual.Trace, what);
        AreEqual(expected.Weight, actual.Weight, $"{what}: weight");
        SameChoices(expected.Discard, actual.Discard, what + " discard");
    }

    /// <summary>Two particle collections agree bit for bit: weights, rejections, and each particle's trace (a rejected one's choices).</summary>
    public static void SameParticles<R>(Particles<R> expected, Particles<R> actual, string what)
    {
        Assert.That(actual.Count, Is.EqualTo(expected.Count));
        Assert.That(actual.Rejected, Is.EqualTo(expected.Rejected), what + ": rejected");
        Assert.That(actual.FirstRejection?.Message, Is.EqualTo(expected.FirstRejection?.Message), what + ": first rejection");
        for (var i = 0; i < expected.Count; i++)
        {
            AreEqual(expected.LogWeights[i], actual.LogWeights[i], $"{what}, particle {i}: weight");
            Assert.That(actual.IsRejected(i), Is.EqualTo(expected.IsRejected(i)), $"{what}, particle {i}: rejected");
            if (expected.Traces[i] is { } trace && trace.Score == double.NegativeInfinity && expected.IsRejected(i))
            {
                SameChoices(trace.Choices, actual.Traces[i].Choices, $"{what}, particle {i} (rejected)");
                continue;
            }
            SameTrace(expected.Traces[i], actual.Traces[i], $"{what}, particle {i}");
            AreEqual(expected.Traces[i].Project(Selection.All), actual.Traces[i].Project(Selection.All), $"{what}, particle {i}: project");
        }
    }

    /// <summary>Address text to a comparable value text (doubles by their bits, arrays element-wise).</summary>
    private static Dictionary<string, string> Flatten(ChoiceMap map) =>
        map.ToDictionary(c => c.Address.ToString(), c => Text(c.Value));

    private static string Text(object value) => value switch
    {
        double d => BitConverter.DoubleToInt64Bits(d).ToString("X16") + $" ({d:R})",
        double[] array => string.Join(",", array.Select(x => Text(x))),
        _ => value.ToString() ?? "",
    };
}
