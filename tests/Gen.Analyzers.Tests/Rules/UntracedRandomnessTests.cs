using V = Gen.Analyzers.Tests.Support.Verify<Gen.Analyzers.Rules.UntracedRandomnessAnalyzer>;

namespace Gen.Analyzers.Tests.Rules;

/// <summary>GEN003: randomness in a [Gen] body that the trace does not record.</summary>
public class UntracedRandomnessTests
{
    [Test]
    public Task System_Random_in_every_form()
    {
        return V.Analyzer("""
            public static partial class Models
            {
                [Gen]
                public static double M(Random injected)
                {
                    var rng = {|GEN003:new Random(42)|};
                    var a = {|GEN003:rng.NextDouble()|};
                    var b = {|GEN003:Random.Shared|}.Next(10);
                    var c = {|GEN003:new Random()|}.Next();
                    var d = {|GEN003:injected.NextInt64()|};
                    return a + b + c + d + normal(0, 1).At("x");
                }
            }
            """);
    }

    [Test]
    public Task The_message_names_what_draws()
    {
        return V.Analyzer("""
            public static partial class Models
            {
                [Gen]
                public static double M() => {|#0:Random.Shared|}.NextDouble();
            }
            """,
            V.Diagnostic("GEN003").WithLocation(0).WithArguments("Random.Shared"));
    }

    [Test]
    public Task Guids_and_cryptographic_randomness()
    {
        return V.Analyzer("""
            using System.Security.Cryptography;
            public static partial class Models
            {
                [Gen]
                public static int M()
                {
                    var id = {|GEN003:Guid.NewGuid()|};
                    var v7 = {|GEN003:Guid.CreateVersion7()|};
                    var bytes = new byte[4];
                    {|GEN003:RandomNumberGenerator.Fill(bytes)|};
                    using var generator = {|GEN003:RandomNumberGenerator.Create()|};
                    return {|GEN003:RandomNumberGenerator.GetInt32(10)|} + id.GetHashCode() + v7.GetHashCode();
                }
            }
            """);
    }

    [Test]
    public Task Inside_a_lambda_or_local_function_of_a_gen_body()
    {
        return V.Analyzer("""
            public static partial class Models
            {
                [Gen]
                public static double M()
                {
                    Func<double> jitter = () => {|GEN003:Random.Shared|}.NextDouble();
                    double Noise() => {|GEN003:Random.Shared|}.NextDouble();
                    return jitter() + Noise();
                }
            }
            """);
    }

    [Test]
    public Task Not_outside_gen_bodies()
    {
        return V.Analyzer("""
            public static class Helpers
            {
                public static double Jitter() => new Random(1).NextDouble() + Random.Shared.Next() + Guid.NewGuid().GetHashCode();
            }
            """);
    }

    [Test]
    public Task Not_on_traced_sample_sites_or_explicit_keys()
    {
        return V.Analyzer("""
            public static partial class Models
            {
                [Gen]
                public static double M(Key key, Guid id) => normal(0, 1).At("x") + normal(0, 1).Sample(key) + id.GetHashCode() + Guid.Empty.GetHashCode();
            }
            """);
    }
}
