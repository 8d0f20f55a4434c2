using System;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// An edit's inputs beside its job (EditK through a kernel form): the previous particles' values in the new layout's
/// columns, the particles the host runs itself, and the previous execution's arguments (its first pass runs over them).
/// </summary>
internal sealed class KernelEdit(double[] previousArguments, double[] previous, bool[] onHost, bool[]? resampled = null)
{
    /// <summary>
    /// For a Regenerate, per column: whether the selection resamples it (the second pass sees no previous value there, so
    /// it draws the choice afresh, as <see cref="RegenerateMode"/> does); null for an Update.
    /// </summary>
    public bool[]? Resampled { get; } = resampled;

    /// <summary>
    /// Whether a particle whose edit removed a site runs on the host: an Update's weight subtracts the removed scores
    /// (which the CPU sums exactly); a Regenerate's leaves them out (their prior terms cancel), so its kernel finishes them.
    /// </summary>
    public bool RemovedOnHost => Resampled is null;

    /// <summary>The previous call's packed arguments (<see cref="KernelArguments"/>).</summary>
    public double[] PreviousArguments { get; } = previousArguments;

    /// <summary>Column c of particle p at <c>c * Count + p</c>: its value before the edit, NaN where it had none.</summary>
    public double[] Previous { get; } = previous;

    /// <summary>Particles the kernel leaves to the host: rejected before, or holding values the new layout has no column for.</summary>
    public bool[] OnHost { get; } = onHost;

    /// <summary>Whether particle <paramref name="particle"/>'s edit removed a site (its previous score was not consumed): the host runs it.</summary>
    /// <remarks>The CPU sums removed sites' scores exactly, which a kernel does not, so such a particle faults instead.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Removed<TMemory>(ref TMemory memory, int columns, int particle) where TMemory : struct, IKernelMemory
    {
        for (var c = 0; c < columns; c++)
            if (!double.IsNaN(memory.PreviousScore(c, particle))) return true;
        return false;
    }
}

/// <summary>
/// The batch's arrays for one pass of an edit on the host (<see cref="KernelPhase.Rescore"/> over the previous
/// arguments, <see cref="KernelPhase.Update"/> over the new ones): <see cref="HostMemory"/>, with the previous values
/// and their log densities (both column c of particle p at <c>c * count + p</c>); a Regenerate's second pass (the only
/// one given <paramref name="resampled"/>) sees no previous value in the columns it resamples.
/// </summary>
internal readonly struct HostEditMemory(HostMemory inner, KernelPhase phase, double[] previous, double[] previousScores, int count, bool[]? resampled = null) : IKernelMemory
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Argument(int index) => inner.Argument(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Offset(int slot) => inner.Offset(slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Extent(int slot) => inner.Extent(slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Storage(int column) => inner.Storage(column);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Constraint(int column) => inner.Constraint(column);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Value(int storage, int particle) => inner.Value(storage, particle);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(int storage, int particle, double value) => inner.Store(storage, particle, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Fault(int particle) => inner.Fault(particle);

    public KernelPhase Phase => phase;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Previous(int column, int particle) =>
        resampled is not null && resampled[column] ? double.NaN : previous[(long)column * count + particle];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PreviousScore(int column, int particle) => previousScores[(long)column * count + particle];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetPreviousScore(int column, int particle, double score) => previousScores[(long)column * count + particle] = score;
}
