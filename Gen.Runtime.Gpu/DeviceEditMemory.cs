using Gen.Internal;
using ILGPU;

namespace Gen.Gpu;

/// <summary>
/// A launch's device buffers for one pass of an edit (<see cref="KernelPhase"/>): <see cref="DeviceMemory"/> (its
/// arguments are the pass's call's), with the previous values and their log densities (column c of launch row r at
/// <c>c * Rows + r</c>).
/// </summary>
internal struct DeviceEditMemory : IKernelMemory
{
    public DeviceMemory Inner;
    public ArrayView<double> PreviousValues;
    public ArrayView<double> PreviousScores;

    /// <summary>Per launch row: 1 where the host runs the particle itself.</summary>
    public ArrayView<byte> OnHost;

    /// <summary>The number of columns (the layout's).</summary>
    public int Columns;

    /// <summary>The pass (<see cref="KernelPhase"/> as an int: a kernel parameter is a plain value).</summary>
    public int Pass;

    /// <summary>Per column: 1 where a Regenerate resamples it (the second pass sees no previous value there).</summary>
    public ArrayView<byte> Resampled;

    /// <summary>
    /// 1 for a Regenerate's second pass (removed sites are left out of the weight, so the kernel finishes such particles),
    /// else 0 (an Update, and the first pass, which reads every previous value).
    /// </summary>
    public int Regenerate;

    public readonly double Argument(int index) => Inner.Argument(index);

    public readonly int Offset(int slot) => Inner.Offset(slot);

    public readonly int Extent(int slot) => Inner.Extent(slot);

    public readonly int Storage(int column) => Inner.Storage(column);

    public readonly double Constraint(int column) => Inner.Constraint(column);

    public readonly double Value(int storage, int particle) => Inner.Value(storage, particle);

    public readonly void Store(int storage, int particle, double value) => Inner.Store(storage, particle, value);

    public readonly void Fault(int particle) => Inner.Fault(particle);

    public readonly KernelPhase Phase => (KernelPhase)Pass;

    public readonly double Previous(int column, int particle) =>
        Regenerate != 0 && Resampled[column] != 0 ? double.NaN : PreviousValues[(long)column * Inner.Rows + particle];

    public readonly double PreviousScore(int column, int particle) => PreviousScores[(long)column * Inner.Rows + particle];

    public readonly void SetPreviousScore(int column, int particle, double score) => PreviousScores[(long)column * Inner.Rows + particle] = score;
}
