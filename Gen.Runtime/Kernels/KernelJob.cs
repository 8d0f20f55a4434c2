using System;

namespace Gen.Internal;

/// <summary>
/// What a device backend (Gen.Runtime.Gpu) runs: Importance of <see cref="KernelJob.Count"/> particles of a model's
/// kernel form, from host arrays to host arrays, in as many launches as its memory needs.
/// </summary>
internal interface IKernelBackend
{
    /// <summary>The device, for messages.</summary>
    string Name { get; }

    /// <summary>Whether kernels run on a device (which cannot run MathNet), not on the host's cores.</summary>
    bool IsDevice { get; }

    /// <summary>Runs the job with the kernel form <typeparamref name="TModel"/>, filling <paramref name="results"/>.</summary>
    void Importance<TModel, R>(KernelJob job, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged;

    /// <summary>
    /// Runs the job's calls, each with its own arguments and key (<see cref="KernelJob.RowStarts"/>), with the kernel form
    /// <typeparamref name="TModel"/> under the Importance rule, filling <paramref name="results"/>; a row not run is faulted.
    /// </summary>
    void Rows<TModel, R>(KernelJob job, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged;

    /// <summary>
    /// Runs an edit (Update) of the previous particles in <paramref name="edit"/> as the job, filling
    /// <paramref name="results"/>: per particle the previous execution again over its values (recording each site's log
    /// density), then the new one under Update's rule. The weights are the edits' (without the previous log weights).
    /// </summary>
    void Edit<TModel, R>(KernelJob job, KernelEdit edit, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged;
}

/// <summary>
/// The inputs of one batch on a device: the batch key (particle i is rooted at <c>BatchKey.FoldIn(i).FoldIn(0)</c>, as
/// under <c>Seed(BatchKey.FoldIn(i))</c>), the packed arguments and the layout the host measured.
/// </summary>
internal sealed class KernelJob
{
    /// <summary>The key the batch drew on the host (a kernel parameter: no kernel holds a key of its own).</summary>
    public required Key BatchKey { get; init; }

    /// <summary>The number of particles.</summary>
    public required int Count { get; init; }

    /// <summary>The packed arguments (<see cref="KernelArguments"/>).</summary>
    public required double[] Arguments { get; init; }

    /// <summary>Per trace slot: its first column and its number of columns (interleaved).</summary>
    public required int[] Layout { get; init; }

    /// <summary>Per column: its value row, or −1 when the constraints fix it.</summary>
    public required int[] Storage { get; init; }

    /// <summary>Per column: the constraint of a fixed column (unused otherwise).</summary>
    public required double[] Constraints { get; init; }

    /// <summary>The number of value rows (columns the particles sample).</summary>
    public required int StoredRows { get; init; }

    /// <summary>How many columns the constraints fix, and the sum of their indices: a particle that visits other ones faults.</summary>
    public required int ConstraintCount { get; init; }

    /// <summary>The sum of the fixed columns' indices.</summary>
    public required long ConstraintSum { get; init; }

    /// <summary>
    /// For calls with arguments of their own (a Scan step's rows): row r's packed arguments start at entry
    /// <c>RowStarts[r]</c> of <see cref="Arguments"/> (−1: the row is not run, and is marked faulted), and it runs at
    /// <c>RowKeys[r]</c>; null for a batch of one call, whose particle i runs at <c>BatchKey.FoldIn(i).FoldIn(0)</c>.
    /// </summary>
    public int[]? RowStarts { get; init; }

    /// <summary>With <see cref="RowStarts"/>: the key each row's call runs at.</summary>
    public Key[]? RowKeys { get; init; }

    /// <summary>Device bytes per particle: its value rows, score, weight, return value and fault flag.</summary>
    public long BytesPerParticle(long retvalBytes) => 8L * StoredRows + 8 + 8 + retvalBytes + 1;
}

/// <summary>What a batch on a device produced, per particle (value row <c>s</c> of particle <c>i</c> at <c>ValueRows[s][i]</c>).</summary>
/// <remarks>
/// The value rows are only read while the particles are assembled: they are rented, and returned by <see cref="Dispose"/>.
/// One array per row, so that a batch is bounded by .NET's array length per row (particles), not per batch (particles
/// times rows): 10⁸ particles of a model with 25 sampled doubles fit.
/// </remarks>
internal sealed class KernelResults<R>(int count, int storedRows) : IDisposable
{
    private double[][]? _rows;

    /// <summary>
    /// The value rows (each at least <see cref="Count"/> entries: a rented array may be longer), rented when first asked
    /// for; where a device still holds them (<see cref="OnDevice"/>), copied from it then.
    /// </summary>
    public double[][] ValueRows
    {
        get
        {
            if (_rows is not null) return _rows;
            _rows = new double[storedRows][];
            for (var s = 0; s < storedRows; s++)
                _rows[s] = Rented ? System.Buffers.ArrayPool<double>.Shared.Rent(count) : GC.AllocateUninitializedArray<double>(count);
            if (OnDevice is { } device)
            {
                OnDevice = null;
                device.CopyTo(_rows);
            }
            return _rows;
        }
    }

    /// <summary>The particles: the entries of each value row in use.</summary>
    public int Count => count;

    /// <summary>The value rows where a device keeps them until they are first read (null: the backend wrote <see cref="ValueRows"/>).</summary>
    public IDeviceValues? OnDevice { get; set; }

    public void Dispose()
    {
        OnDevice?.Release();
        OnDevice = null;
        if (Rented)
            foreach (var row in _rows ?? []) System.Buffers.ArrayPool<double>.Shared.Return(row);
        _rows = [];
    }

    /// <summary>
    /// Whether the rows come from the array pool: up to 2²⁰ particles. Larger ones are allocated to their length, as the
    /// pool would round each up to a power of two (up to twice the memory at 10⁸ particles).
    /// </summary>
    private bool Rented => count <= 1 << 20;

    public double[] Scores { get; } = new double[count];

    public double[] Weights { get; } = new double[count];

    public R[] Retvals { get; } = new R[count];

    /// <summary>Particles the host must run again on the CPU (see <see cref="KernelState"/>).</summary>
    public bool[] Faulted { get; } = new bool[count];
}

/// <summary>A kernel's value rows kept on a device, copied back when first read (docs/gpu.md, "Memory").</summary>
internal interface IDeviceValues
{
    /// <summary>Copies the value rows into <paramref name="rows"/> (value row s of particle p at <c>rows[s][p]</c>) and frees the device's copy.</summary>
    void CopyTo(double[][] rows);

    /// <summary>Frees the device's copy unread.</summary>
    void Release();

    /// <summary>
    /// Names the particles that read the values: once they are collected, the device frees its copy unread when it
    /// needs the memory (a batch dropped without a column read costs no copy).
    /// </summary>
    void OwnedBy(object owner);
}

/// <summary>The end of one particle's kernel run, shared by every backend.</summary>
internal static class KernelRun
{
    /// <summary>The state of particle <paramref name="particle"/> at row <paramref name="row"/> of a launch.</summary>
    public static KernelState Start(Key batchKey, int particle, int row) => new(batchKey.FoldIn((uint)particle).FoldIn(0), row);

    /// <summary>The job for an edit's first pass: <paramref name="job"/> over the previous call's arguments.</summary>
    public static KernelJob Previous(KernelJob job, KernelEdit edit) => new()
    {
        BatchKey = job.BatchKey, Count = job.Count, Arguments = edit.PreviousArguments, Layout = job.Layout, Storage = job.Storage,
        Constraints = job.Constraints, StoredRows = job.StoredRows, ConstraintCount = job.ConstraintCount, ConstraintSum = job.ConstraintSum,
    };

    /// <summary>Whether the host must run the particle again: a fault, or other constrained choices visited than the constraints name.</summary>
    public static bool Faulted(in KernelState state, int constraintCount, long constraintSum) =>
        state.Faulted || state.Constrained != constraintCount || state.ConstrainedSum != constraintSum;
}
