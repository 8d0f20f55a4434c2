using System;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The batch's arrays on the host as the kernel form reads and writes them: the same layout a device launch has, with
/// value row s of particle p at <c>rows[s][p]</c>.
/// </summary>
/// <remarks>Every member is inlined: a kernel form's body is long, and the JIT's budget would otherwise leave these calls in its loops.</remarks>
internal struct HostMemory(KernelJob job, double[][] rows, bool[] faults) : IKernelMemory
{
    private readonly double[] _arguments = job.Arguments;

    /// <summary>Where the particle's arguments start in the packed arguments (a row's own, <see cref="KernelJob.RowStarts"/>; else 0).</summary>
    public int ArgumentBase;
    private readonly int[] _layout = job.Layout;
    private readonly int[] _storage = job.Storage;
    private readonly double[] _constraints = job.Constraints;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Argument(int index) => _arguments[ArgumentBase + index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Offset(int slot) => _layout[2 * slot];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Extent(int slot) => _layout[2 * slot + 1];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Storage(int column) => _storage[column];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Constraint(int column) => _constraints[column];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Value(int storage, int particle) => rows[storage][particle];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(int storage, int particle, double value) => rows[storage][particle] = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Fault(int particle) => faults[particle] = true;

    public readonly KernelPhase Phase => KernelPhase.Importance;

    public readonly double Previous(int column, int particle) => double.NaN;

    public readonly double PreviousScore(int column, int particle) => double.NaN;

    public readonly void SetPreviousScore(int column, int particle, double score) { }
}

/// <summary>
/// Runs a model's kernel form on the CPU's cores, straight into the batch's result arrays: the CPU batch path of
/// ImportanceK for models in the kernel subset (no trace per particle, no row copy), the same particles bit for bit.
/// </summary>
internal sealed class HostBackend(InferenceOptions? options, int chunkSize) : IKernelBackend
{
    public string Name => "the CPU";

    public bool IsDevice => false;

    public void Importance<TModel, R>(KernelJob job, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        var memory = new HostMemory(job, Cleared(results), results.Faulted);
        var retvals = (R[])(object)results.Retvals;
        // Optimised at once, as the kernel bodies are: dynamic PGO's instrumented code slowed the loop (docs/performance.md).
        Batch.RunChunks(job.Count, chunkSize, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (c, rows) =>
        {
            var local = memory;
            for (var p = c * chunkSize; p < c * chunkSize + rows; p++)
            {
                var state = KernelRun.Start(job.BatchKey, p, p);
                retvals[p] = TModel.Run(ref state, ref local);
                results.Scores[p] = state.Score;
                results.Weights[p] = state.Weight;
                results.Faulted[p] |= KernelRun.Faulted(state, job.ConstraintCount, job.ConstraintSum); // or an argument read out of range
            }
        }, options, "ImportanceK");
    }

    public void Rows<TModel, R>(KernelJob job, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        var memory = new HostMemory(job, Cleared(results), results.Faulted);
        Batch.RunChunks(job.Count, chunkSize, (c, rows) => RunRows<TModel, R>(job, results, memory, c * chunkSize, rows), options, "EditK");
    }

    /// <summary>
    /// Rows <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of a job of calls with their
    /// own arguments and keys, on this thread (the value rows already NaN): what <see cref="Rows{TModel, R}"/> runs per
    /// chunk, and a Scan step's rows on the cores run per worker.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at once, as the kernel bodies are
    public static void RunRows<TModel, R>(KernelJob job, KernelResults<R> results, HostMemory memory, int first, int count)
        where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        var (starts, keys) = (job.RowStarts!, job.RowKeys!);
        var retvals = (R[])(object)results.Retvals;
        for (var r = first; r < first + count; r++)
        {
            if (starts[r] < 0)
            {
                results.Faulted[r] = true;
                continue;
            }
            memory.ArgumentBase = starts[r];
            var state = new KernelState(keys[r], r);
            retvals[r] = TModel.Run(ref state, ref memory);
            results.Scores[r] = state.Score;
            results.Weights[r] = state.Weight;
            results.Faulted[r] |= KernelRun.Faulted(state, job.ConstraintCount, job.ConstraintSum); // or an argument read out of range
        }
    }

    public void Edit<TModel, R>(KernelJob job, KernelEdit edit, KernelResults<R> results) where TModel : struct, IKernelModel<R> where R : unmanaged
    {
        var rows = Cleared(results);
        var n = job.Count;
        var columns = job.Constraints.Length;
        var previousScores = new double[(long)columns * n];
        Array.Fill(previousScores, double.NaN); // "no site there" until the first pass records one
        var rescore = new HostEditMemory(new HostMemory(KernelRun.Previous(job, edit), rows, results.Faulted), KernelPhase.Rescore, edit.Previous, previousScores, n);
        var update = new HostEditMemory(new HostMemory(job, rows, results.Faulted), KernelPhase.Update, edit.Previous, previousScores, n, edit.Resampled);
        var removedOnHost = edit.RemovedOnHost;
        var retvals = (R[])(object)results.Retvals;
        Batch.RunChunks(n, chunkSize, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (c, rows) =>
        {
            var (first, second) = (rescore, update);
            for (var p = c * chunkSize; p < c * chunkSize + rows; p++)
            {
                if (edit.OnHost[p])
                {
                    results.Faulted[p] = true;
                    continue;
                }
                var before = KernelRun.Start(job.BatchKey, p, p);
                TModel.Run(ref before, ref first);
                var state = KernelRun.Start(job.BatchKey, p, p);
                retvals[p] = TModel.Run(ref state, ref second);
                results.Scores[p] = state.Score;
                results.Weights[p] = state.Weight;
                results.Faulted[p] |= before.Faulted || KernelRun.Faulted(state, job.ConstraintCount, job.ConstraintSum)
                    || (removedOnHost && KernelEdit.Removed(ref second, columns, p));
            }
        }, options, "EditK");
    }

    /// <summary>The results' value rows, every entry NaN: "no value yet" in every column.</summary>
    public static double[][] Cleared<R>(KernelResults<R> results)
    {
        var rows = results.ValueRows;
        foreach (var row in rows) row.AsSpan(0, results.Count).Fill(double.NaN);
        return rows;
    }
}
