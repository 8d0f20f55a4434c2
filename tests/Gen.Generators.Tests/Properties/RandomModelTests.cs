using System.Reflection;
using CsCheck;
using Gen.Generators.Tests.Support;
using Gen.Tests.Support;

namespace Gen.Generators.Tests.Properties;

/// <summary>
/// Property test: for random [Gen] models (CsCheck), the generated code agrees bit for bit with the reference
/// interpreter under every GFI method. Each CsCheck sample is a batch of models compiled together (compiling is
/// the slow part); a failure is shrunk to a minimal batch and reported with its seed.
/// </summary>
public class RandomModelTests
{
    [Test]
    public void Generated_code_agrees_with_the_interpreter_on_random_models()
    {
        RandomModels.Bodies.Array[12].Sample(bodies =>
        {
            var source = RandomModels.Source(bodies);
            var result = GeneratorHarness.Run(source);
            Assert.That(result.GeneratorDiagnostics, Is.Empty, source);
            var models = GeneratorHarness.Load(result).GetType("Random.Models")!;
            for (var k = 0; k < bodies.Length; k++) Differential.AllMethodsAgree(Subject(models, k, source), keys: 4, firstKey: (ulong)k * 100);
        }, iter: 4, seed: "0N0XIzNsQ0O2");
    }

    private static Differential.Subject<double> Subject(Type models, int k, string source)
    {
        var generated = models.GetMethod($"M{k}Gen")!;
        var body = models.GetMethod($"M{k}")!;
        GenerativeFunction<double> Gen(int n, double shift) => (GenerativeFunction<double>)generated.Invoke(null, [n, shift])!;
        GenerativeFunction<double> Interpreted(int n, double shift) =>
            new InterpretedFunction<double>($"M{k}", () => Invoke(body, n, shift));
        return new Differential.Subject<double>($"M{k} of\n{source}", () => Gen(3, 0.5), () => Interpreted(3, 0.5), () => Gen(1, -1.5), () => Interpreted(1, -1.5));
    }

    private static double Invoke(MethodInfo method, int n, double shift)
    {
        try
        {
            return (double)method.Invoke(null, [n, shift])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
