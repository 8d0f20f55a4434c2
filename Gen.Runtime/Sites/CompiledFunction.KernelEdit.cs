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
        // The first particles on the CPU: they report bad constraints as the CPU path does, and measure the new layout.
        List<Column>? schema = null;
        for (var i = 0; i < Math.Min(n, ProbeAttempts) && schema is null; i++)
            schema = RunOnCpu(constraints, key, i, rule, out _, out _)?.Chunks[0].Columns;
        if (schema is null) return null;
        var job = Job(n, key, schema, constraints);
        EnsureHostMemory(n, job, schema, backend, extraPerParticle: 16L * job.Constraints.Length); // the previous values and their scores
        var edit = Previous(previous, old, job, schema, resample);
        var results = new KernelResults<R>(n, job.StoredRows);
        try
        {
            DispatchKernel(new EditDispatch(backend, job, edit, results));
            if (!backend.IsDevice && n >= 64 && Faults(results.Faulted) > n / 8) return null;
            return Assemble(job, schema, constraints, ref results, options, rule);
        }
        finally
        {
            results?.Dispose(); // null: the batch owns them (values still on the device)
        }
    }

    /// <summary>
    /// The previous particles' values in the new layout's columns, and which particles the host runs itself: those
    /// rejected before, and those with a value the new layout has no column for (a family entry beyond its extent); for a
    /// Regenerate of <paramref name="resample"/>, the columns it resamples.
    /// </summary>
    private KernelEdit Previous(Particles<R> previous, ParticleBatch<R> old, KernelJob job, List<Column> schema, Selection? resample)
    {
        var n = job.Count;
        var values = new double[(long)job.Constraints.Length * n];
        Array.Fill(values, double.NaN);
        var onHost = new bool[n];
        var oldCall = Unsafe.As<CompiledFunction<R, TTrace>>(old.Function); // of this class (checked)
        var arguments = new KernelArguments();
        oldCall.WriteKernelArguments(arguments);
        for (var i = 0; i < n; i++)
        {
            var (chunk, row) = old.Locate(i);
            if (previous.RejectionOf(i) is not null || chunk.Columns.Count != schema.Count)
            {
                onHost[i] = true;
                continue;
            }
            for (var slot = 0; slot < schema.Count; slot++)
            {
                var column = chunk.Columns[slot];
                var first = job.Layout[2 * slot];
                var width = job.Layout[2 * slot + 1];
                for (var j = 0; j < column.Width; j++)
                {
                    var value = column.KernelValue(row, j, old.Constraints);
                    if (double.IsNaN(value)) continue;
                    if (j < width) values[(long)(first + j) * n + i] = value;
                    else onHost[i] = true;
                }
            }
        }
        return new KernelEdit(arguments.Pack(), values, onHost, resample is null ? null : Resampled(schema, job, resample));
    }

    /// <summary>Per column of the layout: whether <paramref name="selection"/> holds its address.</summary>
    private static bool[] Resampled(List<Column> schema, KernelJob job, Selection selection)
    {
        var resampled = new bool[job.Storage.Length];
        for (var slot = 0; slot < schema.Count; slot++)
        {
            var column = schema[slot];
            for (var j = 0; j < job.Layout[2 * slot + 1]; j++)
                resampled[job.Layout[2 * slot] + j] = selection.Contains(column.Head is null ? column.Key.ToAddress() : Address.Of(column.Head, j));
        }
        return resampled;
    }

    /// <summary>Launches an edit of the kernel form on a backend.</summary>
    private sealed class EditDispatch(IKernelBackend backend, KernelJob job, KernelEdit edit, object results) : IKernelDispatch
    {
        public void Run<TModel, TR>() where TModel : struct, IKernelModel<TR> where TR : unmanaged =>
            backend.Edit<TModel, TR>(job, edit, (KernelResults<TR>)results);
    }
}
