using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>EditK (Update) through the kernel form: the previous particles' columns in, the edited particles' columns out.</summary>
public abstract partial class CompiledFunction<R, TTrace>
{
    /// <inheritdoc />
    internal sealed override Particles<R>? UpdateThroughKernel(Particles<R> previous, ChoiceMap constraints, Key key, IKernelBackend backend, InferenceOptions? options)
    {
        EnsureKernel(backend);
        if (previous.Rows is not ParticleBatch<R> old || !old.HasOneFunction || old.Function.GetType() != GetType()) return null;
        try
        {
            return EditOnDevice(previous, old, constraints, key, backend, options);
        }
        catch (BatchLayoutException)
        {
            return null; // an execution the columns cannot hold: the per-particle edit gives the same particles
        }
    }

    /// <summary>
    /// Every particle of <paramref name="old"/> updated to this call under <paramref name="constraints"/>: what
    /// <c>Seed(key.FoldIn(i), () =&gt; trace.Update(this, constraints))</c> gives particle i, bit for bit; null where the
    /// scratch-trace edit gives them sooner (most particles fault) or none of the first particles could measure the layout.
    /// </summary>
    private Particles<R>? EditOnDevice(Particles<R> previous, ParticleBatch<R> old, ChoiceMap constraints, Key key, IKernelBackend backend, InferenceOptions? options)
    {
        var n = previous.Count;
        var batchConstraints = new BatchConstraints(constraints);
        var rule = new UpdateRule(previous, old, EditConstraints.Of(constraints));
        // The first particles on the CPU: they report bad constraints as the CPU path does, and measure the new layout.
        List<Column>? schema = null;
        for (var i = 0; i < Math.Min(n, ProbeAttempts) && schema is null; i++)
            schema = RunOnCpu(batchConstraints, key, i, rule, out _, out _)?.Chunks[0].Columns;
        if (schema is null) return null;
        var job = Job(n, key, schema, batchConstraints);
        EnsureHostMemory(n, job, schema, backend, extraPerParticle: 16L * job.Constraints.Length); // the previous values and their scores
        var edit = Previous(previous, old, job, schema);
        using var results = new KernelResults<R>(n, job.StoredRows);
        DispatchKernel(new EditDispatch(backend, job, edit, results));
        if (!backend.IsDevice && n >= 64 && Faults(results.Faulted) > n / 8) return null;
        return Assemble(job, schema, batchConstraints, results, options, rule);
    }

    /// <summary>
    /// The previous particles' values in the new layout's columns, and which particles the host runs itself: those
    /// rejected before, and those with a value the new layout has no column for (a family entry beyond its extent).
    /// </summary>
    private KernelEdit Previous(Particles<R> previous, ParticleBatch<R> old, KernelJob job, List<Column> schema)
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
        return new KernelEdit(arguments.Pack(), values, onHost);
    }

    /// <summary>Launches an edit of the kernel form on a backend.</summary>
    private sealed class EditDispatch(IKernelBackend backend, KernelJob job, KernelEdit edit, object results) : IKernelDispatch
    {
        public void Run<TModel, TR>() where TModel : struct, IKernelModel<TR> where TR : unmanaged =>
            backend.Edit<TModel, TR>(job, edit, (KernelResults<TR>)results);
    }
}
