using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Gen.Benchmarks.Gpu;

/// <summary>
/// The memory floor of a batch on a CUDA GPU, measured in the same run: a hand-written kernel that only clears and
/// writes what an ImportanceK launch of the curve model clears and writes (its value rows, score, weight, return value
/// and fault flag per particle), with no randomness or arithmetic. The generated kernel's time over this one is how far
/// it is from the memory-bandwidth bound.
/// </summary>
internal sealed class WriteFloor : IDisposable
{
    private readonly Context _context = Context.Create(builder => builder.Cuda());
    private readonly CudaAccelerator _accelerator;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<byte>, int> _kernel;

    public WriteFloor()
    {
        _accelerator = _context.CreateCudaAccelerator(0);
        _kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<byte>, int>(Write);
    }

    /// <summary>Median seconds of <paramref name="runs"/> launches over <paramref name="particles"/> particles of <paramref name="valueRows"/> value rows.</summary>
    public double Seconds(int particles, int valueRows, int runs)
    {
        using var values = _accelerator.Allocate1D<double>((long)valueRows * particles);
        using var perParticle = _accelerator.Allocate1D<double>(3L * particles); // score, weight, return value
        using var faults = _accelerator.Allocate1D<byte>(particles);
        var times = new List<double>();
        for (var r = 0; r <= runs; r++)
        {
            var watch = Stopwatch.StartNew();
            values.View.MemSet(0xFF);
            faults.View.MemSetToZero();
            _kernel(particles, values.View, perParticle.View, faults.View, valueRows);
            _accelerator.Synchronize();
            if (r > 0) times.Add(watch.Elapsed.TotalSeconds); // the first launch compiles the kernel
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>Bytes the floor moves per particle: the value rows cleared then written, the rest written once.</summary>
    public static long BytesPerParticle(int valueRows) => 2L * 8 * valueRows + 3 * 8 + 1;

    private static void Write(Index1D i, ArrayView<double> values, ArrayView<double> perParticle, ArrayView<byte> faults, int valueRows)
    {
        long n = faults.Length;
        for (var s = 0; s < valueRows; s++) values[s * n + i] = i + 0.5 * s;
        perParticle[i] = -i;
        perParticle[n + i] = 0.25 * i;
        perParticle[2 * n + i] = 1.5 * i;
        faults[i] = 0;
    }

    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }
}
