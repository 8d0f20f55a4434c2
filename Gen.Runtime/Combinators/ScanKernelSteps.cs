using System;
using Gen.Internal;

namespace Gen;

/// <summary>
/// A Scan's one new step (a particle filter's) through its kernel's kernel form: on the cores, chunk by chunk, or on a
/// device in one batch; either way each row as <see cref="ScanFunction{S}"/>'s <c>Extend</c> gives it, bit for bit.
/// </summary>
internal sealed partial class ScanFunction<S>
{
    /// <inheritdoc />
    /// <remarks>
    /// On a device, a Scan of one step (a particle filter's first) runs its step's rows there; one of more steps runs on the
    /// cores (its steps' kernel form there), the same particles.
    /// </remarks>
    internal override Particles<S[]> ImportanceThroughKernel(int n, ChoiceMap constraints, Key key, IKernelBackend backend, InferenceOptions? options = null)
    {
        var shared = EditConstraints.Of(constraints);
        return (backend.IsDevice ? ImportanceBatch(n, shared, key, options, backend) : null)
            ?? ImportanceBatch(n, shared, key, options)
            ?? Particles<S[]>.PerParticleImportance(this, n, constraints, key, options);
    }

    /// <inheritdoc />
    /// <remarks>On a device, an edit that adds one step (a particle filter's) runs the step's rows there; null otherwise (the CPU edit runs).</remarks>
    internal override Particles<S[]>? UpdateThroughKernel(Particles<S[]> previous, ChoiceMap constraints, Key key, IKernelBackend backend, InferenceOptions? options) =>
        backend.IsDevice ? Grow(previous, EditConstraints.Of(constraints), key, options ?? InferenceOptions.Default, fresh: false, backend) : null;

    /// <summary>
    /// The kernel form for the rows of <paramref name="step"/>, the edit's one new step, from the call of its first particle
    /// not rejected (with that call); null where that call's class has none, or where its layout does not hold every
    /// constraint (a particle leaving one unvisited is the error its own run reports).
    /// </summary>
    /// <exception cref="NotSupportedException">For a <paramref name="device"/>: the step's class has no kernel form a GPU runs (the message names why).</exception>
    private (CallKernel<S> Kernel, GenerativeFunction<S> Call)? StepKernel(ScanStep<S> step, Particles<S[]> previous, ChoiceMap constraints, Key key, IKernelBackend? device)
    {
        for (var i = 0; i < previous.Count; i++)
        {
            if (previous.RejectionOf(i) is not null) continue;
            GenerativeFunction<S> call;
            try
            {
                call = _kernel(step.Index, step.StateBefore(i));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return null; // the rows' own runs report it, as they always have
            }
            if (device is not null && !call.KernelForm(NoKernelDispatch.Instance, out var obstacle))
                throw new NotSupportedException(
                    $"{Name} cannot run on a GPU ({device.Name}): its step {call.Name} {(obstacle.StartsWith("it ", StringComparison.Ordinal) ? obstacle[3..] : "has " + obstacle)}. " +
                    "Scan steps run on a GPU where the step is a [Gen] method in the kernel subset; run it on the CPU instead, by the same call without the device (see docs/gpu.md).");
            // The layout is measured at keys no particle uses (the edit's key folded with an index no particle has).
            return call.NewCallKernel(step.Columns.Constraints, key.FoldIn(uint.MaxValue), device is not null) is { } kernel && kernel.ConstraintCount == constraints.Count
                ? (kernel, call) : null;
        }
        return null;
    }

    /// <summary>A worker's chunk of the new step through the kernel form on this thread (see <see cref="PrepareRows"/> and <see cref="FinishRows"/>).</summary>
    private void ExtendThroughKernel(CallKernel<S> kernel, GenerativeFunction<S> first, ScanStep<S>[] added, int start, int count, Particles<S[]> previous,
        EditConstraints constraints, Rejections rejections, StepWriters writers, bool fresh, Key key, double[] weights, KeySource.Scope seed)
    {
        var step = added[0];
        var (calls, keys) = (new GenerativeFunction<S>?[count], new Key[count]);
        PrepareRows(step, start, count, previous, writers, key, seed, calls, keys, 0);
        var results = kernel.Run(step.Columns.Locate(start).Chunk, calls, keys);
        using (results.Kernel) FinishRows(results, 0, first, added, start, count, previous, constraints, rejections, writers, fresh, key, weights, seed);
    }

    /// <summary>
    /// The new step's rows on <paramref name="device"/>: every row's call and key made on the cores, one batch of launches,
    /// then each chunk's columns read and its rows finished on the cores.
    /// </summary>
    private void ExtendOnDevice(IKernelBackend device, CallKernel<S> kernel, GenerativeFunction<S> first, ScanStep<S>[] added, int size, Particles<S[]> previous,
        EditConstraints constraints, Rejections rejections, bool fresh, Key key, double[] weights, InferenceOptions options)
    {
        var step = added[0];
        var n = previous.Count;
        var (calls, keys) = (new GenerativeFunction<S>?[n], new Key[n]);
        var operation = fresh ? "ImportanceK" : "EditK";
        var cores = options with { Progress = null }; // the device's launches report the progress
        Batch.RunChunks(n, size, (c, count) => Seeded(key, seed =>
            PrepareRows(step, c * size, count, previous, new StepWriters(1, c, c * size), key, seed, calls, keys, c * size)), cores, operation);
        var results = kernel.RunOn(device, calls, keys);
        using var _ = results.Kernel;
        Batch.RunChunks(n, size, (c, count) => Seeded(key, seed =>
        {
            var start = c * size;
            var chunk = step.Columns.Chunks[c] = new BatchChunk(start, count);
            kernel.Read(chunk, results, start);
            FinishRows(results, start, first, added, start, count, previous, constraints, rejections, new StepWriters(1, c, start), fresh, key, weights, seed);
        }), cores, operation);
    }

    /// <summary>Runs <paramref name="body"/> under a seed scope of <paramref name="key"/> (each row reseeds it).</summary>
    private static void Seeded(Key key, Action<KeySource.Scope> body)
    {
        var seed = KeySource.OpenSeed(key);
        try
        {
            body(seed);
        }
        finally
        {
            KeySource.Close(seed);
        }
    }

    /// <summary>
    /// Row r's call and key for the new step, into entry <c>offset + r</c>: the call made under the particle's seed scope
    /// after the Update's key is drawn, as <c>Extend</c> makes it, the key that one folded with the step's index
    /// (<see cref="IRowCalls{S}.KeyOf"/>); none for a particle rejected before or whose call raised a rejecting error.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // a hot loop: optimised at once, as the kernel bodies are
    private void PrepareRows(ScanStep<S> step, int start, int count, Particles<S[]> previous, StepWriters writers, Key key, KeySource.Scope seed,
        GenerativeFunction<S>?[] calls, Key[] keys, int offset)
    {
        for (var r = 0; r < count; r++)
        {
            var i = start + r;
            if (previous.RejectionOf(i) is not null) continue;
            KeySource.Reseed(seed, key.FoldIn((uint)i));
            keys[offset + r] = seed.Stream.Next().FoldIn((uint)step.Index);
            try
            {
                calls[offset + r] = writers.Call(_kernel, step.Index, step.StateBefore(i));
            }
            catch (Exception error) when (Rejection.Rejects(error))
            {
                // Extend rejects the particle with this error.
            }
        }
    }

    /// <summary>
    /// The rows of a chunk after the kernel (row r at entry <c>offset + r</c> of <paramref name="results"/>), each as
    /// <c>Extend</c> gives it: the step's score added to the row's running total, its weight to the previous log weight.
    /// A row the kernel did not complete (a fault, a rejection to report, a call of another class, a particle rejected
    /// before) runs through <c>Extend</c>, into the columns the kernel's rows made.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void FinishRows(CallKernelResults<S> results, int offset, GenerativeFunction<S> first, ScanStep<S>[] added, int start, int count, Particles<S[]> previous,
        EditConstraints constraints, Rejections rejections, StepWriters writers, bool fresh, Key key, double[] weights, KeySource.Scope seed)
    {
        var step = added[0];
        writers.For(0, step, first); // the rows run on the CPU go into the kernel's columns, as rows of its class
        var completed = 0;
        for (var r = 0; r < count; r++)
        {
            var (i, row) = (start + r, offset + r);
            if (!results.Complete[row])
            {
                KeySource.Reseed(seed, key.FoldIn((uint)i));
                weights[i] = Extend(added, i, previous, constraints, rejections, writers, fresh, seed);
                continue;
            }
            completed++;
            var score = results.Score(row);
            step.Columns.Retvals[i] = results.Retval(row);
            step.Columns.Scores[i] = score;
            step.Totals[i] = (step.Before?.Totals[step.Parent(i)] ?? step.Roots![i].Score) + score;
            // Extend's weight: the Update's (zero) plus the step's, less no removed sites, added to the previous log weight.
            var weight = 0.0;
            weight += results.Weight(row);
            weight -= 0.0;
            weights[i] = previous.LogWeightOf(i) + weight - 0.0;
        }
        System.Threading.Interlocked.Add(ref step.KernelRows, completed);
    }
}
