using Gen.Internal;
using ILGPU;

namespace Gen.Gpu;

/// <summary>
/// A launch's device buffers as the kernel form reads and writes them (<see cref="IKernelMemory"/>): one struct of views,
/// passed by value to the kernel, so every access compiles to a plain load or store.
/// </summary>
internal struct DeviceMemory : IKernelMemory
{
    public ArrayView<double> Arguments;
    public ArrayView<int> Layout;
    public ArrayView<int> StorageRows;
    public ArrayView<double> Constraints;

    /// <summary>Value row s of the launch's particle r at <c>s * Rows + r</c> (coalesced: neighbouring particles, neighbouring addresses).</summary>
    public ArrayView<double> Values;
    public ArrayView<double> Scores;
    public ArrayView<double> Weights;
    public ArrayView<byte> Faults;

    /// <summary>The particles of this launch (its value rows' length).</summary>
    public int Rows;

    /// <summary>The launch's first particle (keys follow the particle's index in the batch).</summary>
    public int First;

    public Key BatchKey;

    /// <summary>Where the particle's arguments start in <see cref="Arguments"/>: its own in a launch of calls with their own arguments (a Scan step's rows), else 0.</summary>
    public int ArgumentBase;
    public int ConstraintCount;
    public long ConstraintSum;

    public readonly double Argument(int index) => Arguments[ArgumentBase + index];

    public readonly int Offset(int slot) => Layout[2 * slot];

    public readonly int Extent(int slot) => Layout[2 * slot + 1];

    public readonly int Storage(int column) => StorageRows[column];

    public readonly double Constraint(int column) => Constraints[column];

    public readonly double Value(int storage, int particle) => Values[(long)storage * Rows + particle];

    public readonly void Store(int storage, int particle, double value) => Values[(long)storage * Rows + particle] = value;

    public readonly void Fault(int particle) => Faults[particle] = 1;

    public readonly KernelPhase Phase => KernelPhase.Importance;

    public readonly double Previous(int column, int particle) => double.NaN;

    public readonly double PreviousScore(int column, int particle) => double.NaN;

    public readonly void SetPreviousScore(int column, int particle, double score) { }
}
