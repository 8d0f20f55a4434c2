using ILGPU;
using ILGPU.Runtime;

namespace Gen.Gpu.Tests;

/// <summary>
/// The samplers' math on the device against the same math on the host, function by function and bit for bit: on the
/// CPU accelerator here; on a CUDA GPU under <see cref="DeviceRun"/> (<c>--cuda</c>), where the kernels load through
/// the strict PTX that the inference kernels use. A difference names the function and how many ulps it is off.
/// </summary>
public class DeviceMathTests : CpuAcceleratorTests
{
    private const int N = 100_000;

    /// <summary>The functions <see cref="Evaluate"/> computes (the kernel loops over them; <see cref="Functions"/> names them).</summary>
    private const int FunctionCount = 11;

    private static readonly string[] Functions =
        ["PortableMath.Log", "PortableMath.Exp", "PortableMath.CosPi", "PortableMath.SinPi", "PortableMath.TanPi", "Math.Sqrt", "division", "x * y + x", "SamplerMath.Log1P", "KeyBits.StandardNormal", "KeyBits.OpenUniform"];

    /// <summary>Function f of input i into <c>results[f * n + i]</c>.</summary>
    private static double Evaluate(int f, int i, double x, double y) => f switch
    {
        0 => PortableMath.Log(x),
        1 => PortableMath.Exp(y),
        2 => PortableMath.CosPi(y),
        3 => PortableMath.SinPi(y),
        4 => PortableMath.TanPi(y),
        5 => Math.Sqrt(x),
        6 => x / y,
        7 => x * y + x,
        8 => SamplerMath.Log1P(x / 2000 - 0.49),
        9 => new KeyBits(new Key((ulong)i)).StandardNormal(),
        _ => new KeyBits(new Key((ulong)i)).OpenUniform(),
    };

    private static void Kernel(Index1D i, ArrayView<double> xs, ArrayView<double> ys, ArrayView<double> results)
    {
        var n = (int)xs.Length;
        for (var f = 0; f < FunctionCount; f++) results[(long)f * n + i] = Evaluate(f, i, xs[i], ys[i]);
    }

    [Test]
    public void Each_function_gives_the_hosts_bits_on_the_device()
    {
        Assert.That(Functions, Has.Length.EqualTo(FunctionCount));
        var random = new Random(2026);
        var xs = Enumerable.Range(0, N).Select(_ => Math.Exp(random.NextDouble() * 16 - 8)).ToArray(); // 3e-4 … 3e3
        var ys = Enumerable.Range(0, N).Select(_ => random.NextDouble() * 100 - 50).ToArray();
        var method = typeof(DeviceMathTests).GetMethod(nameof(Kernel), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var accelerator = Device.Accelerator;
        var kernel = Device.Load(method, () => accelerator.LoadAutoGroupedKernel(
            method.CreateDelegate<Action<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>>>()));
        using var x = accelerator.Allocate1D(xs);
        using var y = accelerator.Allocate1D(ys);
        using var results = accelerator.Allocate1D<double>((long)Functions.Length * N);
        kernel(accelerator.DefaultStream, N, x.View, y.View, results.View);
        accelerator.Synchronize();
        var device = results.GetAsArray1D();

        var report = new List<string>();
        for (var f = 0; f < Functions.Length; f++)
        {
            var (differ, worst) = (0, 0L);
            for (var i = 0; i < N; i++)
            {
                var host = Evaluate(f, i, xs[i], ys[i]);
                var onDevice = device[(long)f * N + i];
                if (BitConverter.DoubleToInt64Bits(host) == BitConverter.DoubleToInt64Bits(onDevice)) continue;
                differ++;
                worst = Math.Max(worst, Ulps(host, onDevice));
            }
            if (differ > 0) report.Add($"{Functions[f]}: {differ} of {N} differ, at most {worst} ulp");
        }
        Assert.That(report, Is.Empty, Device.Name);
    }

    private static long Ulps(double a, double b)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b)) return long.MaxValue;
        static long Ordered(double v) => BitConverter.DoubleToInt64Bits(v) is var bits && bits < 0 ? long.MinValue - bits : bits;
        return Math.Abs(Ordered(a) - Ordered(b));
    }
}
