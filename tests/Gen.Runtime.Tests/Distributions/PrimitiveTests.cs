using System.Reflection;
using static Gen.Distributions;

namespace Gen.Tests.Distributions;

/// <summary>
/// Every built-in distribution is a <see cref="Distribution{T, TPrimitive}"/>: its primitive (<c>d.Parameters</c>, the
/// value generated code samples through) draws and scores bit-identically to the distribution object, and can be
/// built from the factory's own arguments.
/// </summary>
public class PrimitiveTests
{
    private const double Inf = double.PositiveInfinity;

    private static object Bitwise(object? x) => x switch
    {
        double d => BitConverter.DoubleToInt64Bits(d),
        double[] a => string.Join(",", a.Select(BitConverter.DoubleToInt64Bits)),
        null => "null",
        _ => x,
    };

    /// <summary>A case comparing <paramref name="d"/> with its primitive, called through the struct (constrained calls, no boxing).</summary>
    private static TestCaseData Case<T, TPrimitive>(Distribution<T, TPrimitive> d, params T[] extra) where TPrimitive : struct, IPrimitive<T>
    {
        void Compare()
        {
            var primitive = d.Parameters;
            var root = new Key(2026);
            for (uint i = 0; i < 300; i++)
            {
                var key = root.FoldIn(i);
                var value = d.Sample(key);
                Assert.That(Bitwise(primitive.Sample(key)), Is.EqualTo(Bitwise(value)), "sample");
                Assert.That(Bitwise(primitive.LogDensity(value)), Is.EqualTo(Bitwise(d.LogDensity(value))), "log density of a sample");
            }
            foreach (var x in extra)
                Assert.That(Bitwise(primitive.LogDensity(x)), Is.EqualTo(Bitwise(d.LogDensity(x))), $"log density of {Bitwise(x)}");
            Assert.That(primitive.ToString(), Is.EqualTo(d.ToString()));
        }
        return new TestCaseData((TestDelegate)Compare).SetArgDisplayNames(d.ToString());
    }

    private static readonly double[] Reals = [-1e300, -2.5, -1, 0, 1e-300, 0.25, 0.5, 1, 3, 40.5, 1e300, double.NaN, Inf, -Inf];
    private static readonly int[] Ints = [int.MinValue, -1, 0, 1, 2, 3, 10, 1000, int.MaxValue];

    private static IEnumerable<TestCaseData> All()
    {
        yield return Case(normal(1, 2), Reals);
        yield return Case(uniform(-1, 2), Reals);
        yield return Case(beta(0.3, 2), Reals);
        yield return Case(beta(2, 1), Reals);
        yield return Case(gamma(0.7, 2), Reals);
        yield return Case(gamma(3, 0.5), Reals);
        yield return Case(exponential(3), Reals);
        yield return Case(flip(0.4), true, false);
        yield return Case(flip(0), true, false);
        yield return Case(bernoulli(0.4), true, false);
        yield return Case(categorical([0.2, 0.0, 0.8]), Ints);
        yield return Case(poisson(4), Ints);
        yield return Case(poisson(40), Ints);
        yield return Case(binomial(20, 0.3), Ints);
        yield return Case(binomial(1000, 0.7), Ints);
        yield return Case(dirichlet([1, 2, 0.1]), null!, [], [0.2, 0.3, 0.5], [1, 0, 0], [0.5, 0.5, 0.5]);
        yield return Case(mv_normal([0, 1], new double[,] { { 1, 0.2 }, { 0.2, 1 } }), null!, [], [0, 0], [1, double.NaN]);
        yield return Case(laplace(0, 1), Reals);
        yield return Case(cauchy(0, 1), Reals);
        yield return Case(student_t(3, 0, 1), Reals);
        yield return Case(inverse_gamma(3, 1), Reals);
        yield return Case(geometric(0.2), Ints);
        yield return Case(half_normal(2), Reals);
        yield return Case(half_cauchy(2), Reals);
        yield return Case(lognormal(0.5, 1), Reals);
        yield return Case(truncated_normal(0, 1, -1, 2), Reals);
        yield return Case(truncated_normal(0, 1, 40, Inf), Reals);
        yield return Case(uniform_discrete(-5, 5), Ints);
        yield return Case(piecewise_uniform([0, 1, 3], [0.3, 0.7]), Reals);
        yield return Case(neg_binom(2.5, 0.3), Ints);
    }

    [TestCaseSource(nameof(All))]
    public void The_primitive_samples_and_scores_bit_identically_to_the_distribution(TestDelegate compare) => compare();

    /// <summary>Arguments for each factory (the test fails if a factory is missing here).</summary>
    private static readonly Dictionary<string, object[]> Arguments = new()
    {
        ["normal"] = [1.0, 2.0],
        ["uniform"] = [-1.0, 2.0],
        ["beta"] = [0.3, 2.0],
        ["gamma"] = [0.7, 2.0],
        ["exponential"] = [3.0],
        ["flip"] = [0.4],
        ["bernoulli"] = [0.4],
        ["categorical"] = [new[] { 0.2, 0.8 }],
        ["poisson"] = [40.0],
        ["binomial"] = [100, 0.4],
        ["dirichlet"] = [new[] { 1.0, 2.0, 3.0 }],
        ["mv_normal"] = [new[] { 0.0, 1.0 }, new double[,] { { 1, 0.2 }, { 0.2, 1 } }],
        ["laplace"] = [0.0, 1.0],
        ["cauchy"] = [0.0, 1.0],
        ["student_t"] = [3.0, 0.0, 1.0],
        ["inverse_gamma"] = [3.0, 1.0],
        ["geometric"] = [0.2],
        ["half_normal"] = [2.0],
        ["half_cauchy"] = [2.0],
        ["lognormal"] = [0.5, 1.0],
        ["truncated_normal"] = [0.0, 1.0, 10.0, Inf],
        ["uniform_discrete"] = [-5, 5],
        ["piecewise_uniform"] = [new[] { 0.0, 1.0, 3.0 }, new[] { 0.3, 0.7 }],
        ["neg_binom"] = [2.5, 0.3],
    };

    [Test]
    public void Every_factory_has_a_primitive_constructor_with_its_parameter_types()
    {
        var factories = typeof(Gen.Distributions).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetCustomAttribute<SamplerFactoryAttribute>() is not null).ToArray();
        Assert.That(factories.Select(f => f.Name), Is.EquivalentTo(Arguments.Keys));
        Assert.Multiple(() =>
        {
            foreach (var factory in factories)
            {
                // The generator finds the primitive through the Distribution<T, TPrimitive> base of the return type.
                var baseType = factory.ReturnType.BaseType!;
                Assert.That(baseType.IsGenericType && baseType.GetGenericTypeDefinition() == typeof(Distribution<,>), Is.True, factory.Name);
                var primitiveType = baseType.GetGenericArguments()[1];
                var parameterTypes = factory.GetParameters().Select(p => p.ParameterType).ToArray();
                var constructor = primitiveType.GetConstructor(parameterTypes);
                Assert.That(constructor, Is.Not.Null, $"{primitiveType} has a public constructor ({string.Join(", ", parameterTypes.Select(t => t.Name))})");
                if (constructor is null) continue;
                Assert.That(constructor.GetParameters().Select(p => p.Name), Is.EqualTo(factory.GetParameters().Select(p => p.Name)), $"{factory.Name}: parameter names");

                var args = Arguments[factory.Name];
                var distribution = factory.Invoke(null, args)!;
                var primitive = constructor.Invoke(args);
                Assert.That(primitive.ToString(), Is.EqualTo(distribution.ToString()), factory.Name);
                var sample = primitiveType.GetMethod("Sample", [typeof(Key)])!;
                var distributionSample = factory.ReturnType.GetMethod("Sample", [typeof(Key)])!;
                for (uint i = 0; i < 20; i++)
                {
                    var key = new Key(31).FoldIn(i);
                    Assert.That(Bitwise(sample.Invoke(primitive, [key])), Is.EqualTo(Bitwise(distributionSample.Invoke(distribution, [key]))), $"{factory.Name}: sample {i}");
                }
            }
        });
    }

    [Test]
    public void Array_parameters_are_copied_by_the_distribution_and_held_by_the_primitive()
    {
        double[] probs = [0.25, 0.75];
        var d = categorical(probs);
        var p = new Categorical.Primitive(probs);
        Assert.That(p.Probs.ToArray(), Is.EqualTo(probs));
        Assert.That(p.Sum, Is.EqualTo(1.0));
        probs[0] = 0.75;
        probs[1] = 0.25;
        Assert.That(d.Parameters.Probs.ToArray(), Is.EqualTo(new[] { 0.25, 0.75 }));
        Assert.That(p.Probs.ToArray(), Is.EqualTo(new[] { 0.75, 0.25 }), "the primitive holds the caller's array");

        double[] mean = [1, 2];
        var mv = mv_normal(mean, new double[,] { { 1, 0 }, { 0, 1 } });
        mean[0] = 5;
        Assert.That(mv.Parameters.Mean.ToArray(), Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(mv.Parameters.Dimension, Is.EqualTo(2));
        Assert.That(dirichlet([1, 2]).Parameters.Alpha.ToArray(), Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(piecewise_uniform([0, 1, 2], [0.5, 0.5]).Parameters.Bounds.ToArray(), Is.EqualTo(new[] { 0.0, 1.0, 2.0 }));
    }
}
