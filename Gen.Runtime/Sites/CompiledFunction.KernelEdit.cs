using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>EditK (Update and Regenerate) through the kernel form: the previous particles' columns in, the edited particles' columns out.</summary>
public abstract partial class CompiledFunction<R, TTrace>
{
    /// <inheritdoc />
    internal sealed override Particles<R>? UpdateThroughKernel(Particles<R> previous, ChoiceMap constraints, Key key, IKernelBackend backend, InferenceOptions? options)
    {
        EnsureKernel(backend);
        if (!IsBatchOfThisClass(previous, out var old)) return null;
        return EditThroughKernel(previous, old, new BatchConstraints(constraints), null, key, backend, options, new UpdateRule(previous, old, EditConstraints.Of(constraints)));
    }

    /// <inheritdoc />
    internal sealed override Particles<R>? RegenerateThroughKernel(Particles<R> previous, Selection selection, Key key, IKernelBackend backend, InferenceOptions? options)
    {
        EnsureKernel(backend);
        if (!IsBatchOfThisClass(previous, out var old)) return null;
        // No constraints: a Regenerate constrains nothing, and each particle's observed values are previous values it keeps
        // (or drops, or draws afresh where it visits a dropped site again), which shared fixed columns could not say.
        return EditThroughKernel(previous, old, BatchConstraints.None, selection, key, backend, options, new RegenerateRule(previous, old, selection));
    }

    private bool IsBatchOfThisClass(Particles<R> previous, [NotNullWhen(true)] out ParticleBatch<R>? old)
    {
        old = previous.Rows as ParticleBatch<R>;
        return old is { HasOneFunction: true } && old.Function.GetType() == GetType();
    }

    private Particles<R>? EditThroughKernel<TRule>(Particles<R> previous, ParticleBatch<R> old, BatchConstraints constraints, Selection? resample, Key key,
        IKernelBackend backend, InferenceOptions? options, TRule rule) where TRule : struct, IRowRule
    {
        try
        {
            return EditOnDevice(previous, old, constraints, resample, key, backend, options, rule);
        }
        catch (BatchLayoutException)
        {
            return null; // an execution the columns cannot hold: the per-particle edit gives the same particles
        }
    }

    /// <summary>
    /// Every particle of <paramref name="old"/> edited to this call under <paramref name="rule"/> (an Update under
    /// <paramref name="constraints"/>, or a Regenerate of <paramref name="resample"/>): what the per-particle edit under
    /// <c>Seed(key.FoldIn(i))</c> gives particle i, bit for bit; null where the scratch-trace edit gives them sooner (most
    /// particles fault) or none of the first particles could measure the layout.
    /// </summary>
    private Particles<R>? EditOnDevice<TRule>(Particles<R> previous, ParticleBatch<R> old, BatchConstraints constraints, Selection? resample, Key key,
        IKernelBackend backend, InferenceOptions? options, TRule rule) where TRule : struct, IRowRule
    {
        var n = previous.Count;
        var clock = PhaseTimes.Start();
        // The first particles on the CPU: they report bad constraints as the CPU path does, and measure the new layout.
        if (Measure(constraints, key, n, rule, backend.IsDevice) is not { } schema) return null;
        var layout = new KernelLayout(schema, constraints);
        var job = Job(n, key, layout);
        EnsureHostMemory(n, job, layout, backend, extraPerParticle: 16L * job.Constraints.Length); // the previous values and their scores
        clock = PhaseTimes.Add("edit: measure and lay out", clock);
        var edit = Previous(previous, old, job, layout, resample, options);
        clock = PhaseTimes.Add("edit: previous values", clock);
        var results = new KernelResults<R>(n, job.StoredRows);
        try
        {
            DispatchKernel(new EditDispatch(backend, job, edit, results));
            PhaseTimes.Add("edit: backend", clock);
            if (!backend.IsDevice && n >= 64 && Faults(results.Faulted) > n / 8) return null;
            return Assemble(job, layout, constraints, ref results, options, rule);
        }
        finally
        {
            results?.Dispose(); // null: the batch owns them (values still on the device)
        }
    }

    /// <summary>
    /// The previous particles' values in the new layout's columns, and which particles the host runs itself: those
    /// rejected before, and those with a value the new layout has no column for (a family entry beyond its extent); for a
    /// Regenerate of <paramref name="resample"/>, the columns it resamples. On all cores: each particle writes its own
    /// entries, and the previous columns are only read.
    /// </summary>
    private KernelEdit Previous(Particles<R> previous, ParticleBatch<R> old, KernelJob job, KernelLayout layout, Selection? resample, InferenceOptions? options)
    {
        var n = job.Count;
        var values = new double[(long)job.Constraints.Length * n];
        Array.Fill(values, double.NaN);
        var onHost = new bool[n];
        var oldCall = Unsafe.As<CompiledFunction<R, TTrace>>(old.Function); // of this class (checked)
        var arguments = new KernelArguments();
        oldCall.WriteKernelArguments(arguments);
        _ = old.Chunks; // a device's values come back here, once, before the threads read the columns
        Batch.RunChunks(n, PreviousChunk, (c, rows) =>
        {
            for (var i = c * PreviousChunk; i < c * PreviousChunk + rows; i++)
            {
                var (chunk, row) = old.Locate(i);
                onHost[i] = previous.RejectionOf(i) is not null || !layout.Previous(chunk.Columns, row, old.Constraints, values, n, i);
            }
        }, options is null ? null : options with { Progress = null }, "EditK"); // the launches report the progress
        return new KernelEdit(arguments.Pack(), values, onHost, resample is null ? null : layout.Resampled(resample));
    }

    /// <summary>Particles per task when the previous values are gathered.</summary>
    private const int PreviousChunk = 1024;

    /// <summary>Launches an edit of the kernel form on a backend.</summary>
    private sealed class EditDispatch(IKernelBackend backend, KernelJob job, KernelEdit edit, object results) : IKernelDispatch
    {
        public void Run<TModel, TR>() where TModel : struct, IKernelModel<TR> where TR : unmanaged =>
            backend.Edit<TModel, TR>(job, edit, (KernelResults<TR>)results);
    }
}
