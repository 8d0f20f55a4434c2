using System;
using System.Collections.Generic;
using System.Linq;

namespace Gen.Internal;

/// <summary>The kernel form of a compiled function: ImportanceK through it on the cores or a device, into the batch's columns.</summary>
public abstract partial class CompiledFunction<R, TTrace>
{
    /// <summary>Hands the model's kernel form to <paramref name="dispatch"/>; false when it has none (generated for models in the kernel subset).</summary>
    protected virtual bool DispatchKernel(IKernelDispatch dispatch) => false;

    /// <summary>Why the model has no kernel form: the first construct outside the kernel subset (generated).</summary>
    protected virtual string? KernelObstacle => "it was compiled without a kernel form";

    /// <summary>Why the kernel form runs on the host only, not on a GPU: a distribution whose density needs MathNet (generated).</summary>
    protected virtual string? DeviceObstacle => null;

    /// <summary>Packs the arguments for the kernel form, in parameter order (generated).</summary>
    protected virtual void WriteKernelArguments(KernelArguments arguments) { }

    /// <summary>How many particles the host tries on the CPU to find one that measures the layout (the others were rejected).</summary>
    private const int ProbeAttempts = 64;

    /// <inheritdoc />
    internal sealed override bool DrawsOnlyChoices => IsKernel(out _);

    /// <inheritdoc />
    internal sealed override Particles<R> ImportanceThroughKernel(int n, ChoiceMap constraints, Key key, IKernelBackend backend, InferenceOptions? options = null)
    {
        EnsureKernel(backend);
        try
        {
            return OnDevice(n, constraints, key, backend, options);
        }
        catch (BatchLayoutException)
        {
            // Indices far apart: per-particle traces, the same particles.
            return Particles<R>.PerParticleImportance(this, n, constraints, key, options);
        }
    }

    private Particles<R> OnDevice(int n, ChoiceMap constraints, Key key, IKernelBackend backend, InferenceOptions? options)
    {
        var clock = PhaseTimes.Start();
        var batchConstraints = new BatchConstraints(constraints);
        // The first particles on the CPU: they report bad constraints and arguments exactly as the CPU path does, and
        // measure the layout (columns per slot, the families' extents). A model every one of them rejects runs per particle.
        if (Measure(batchConstraints, key, n, default(ImportanceRule), backend.IsDevice) is not { } schema) return Particles<R>.PerParticleImportance(this, n, constraints, key, options);
        var layout = new KernelLayout(schema, batchConstraints);
        var job = Job(n, key, layout);
        EnsureHostMemory(n, job, layout, backend);
        clock = PhaseTimes.Add("measure and lay out", clock);
        var results = new KernelResults<R>(n, job.StoredRows);
        clock = PhaseTimes.Add("allocate results", clock);
        try
        {
            DispatchKernel(new ImportanceDispatch(backend, job, results));
            PhaseTimes.Add("backend", clock);
            // Faulted particles run again one by one on the CPU. On the host, when many do (a layout most particles outgrow,
            // frequent rejections), the scratch-trace batch on all cores gives the same particles sooner.
            if (!backend.IsDevice && n >= 64 && Faults(results.Faulted) > n / 8)
                return ScratchBatch(n, constraints, key, options) ?? Particles<R>.PerParticleImportance(this, n, constraints, key, options);
            return Assemble(job, layout, batchConstraints, ref results, options);
        }
        finally
        {
            results?.Dispose(); // null: the batch owns them (values still on the device)
        }
    }

    /// <summary>Refuses, naming the construct, a model without a kernel form, or one whose kernel runs on the host only when <paramref name="backend"/> is a device.</summary>
    /// <exception cref="NotSupportedException">The model cannot run on the backend.</exception>
    private void EnsureKernel(IKernelBackend backend)
    {
        if (!IsKernel(out var obstacle)) throw Unsupported(obstacle, backend);
        if (backend.IsDevice && DeviceObstacle is { } onHost) throw Unsupported(onHost, backend);
    }

    private NotSupportedException Unsupported(string obstacle, IKernelBackend backend) => new(
        $"{Name} cannot run on a GPU ({backend.Name}): {obstacle}. The GPU kernel subset is value types, arrays of doubles, ints " +
        $"and bools as arguments, {string.Join(", ", KernelPrimitives.Names)} choices at constant or (name, i) addresses, " +
        "and Math's and PortableMath's functions; run it on the CPU instead, by the same call without the device (see docs/gpu.md).");

    private static int Faults(bool[] faulted)
    {
        var count = 0;
        foreach (var f in faulted)
            if (f) count++;
        return count;
    }

    private bool IsKernel(out string obstacle)
    {
        obstacle = KernelObstacle ?? LayoutObstacle() ?? ""; // the generator admits traced calls of kernel-subset functions only
        return obstacle.Length == 0 && DispatchKernel(NoKernelDispatch.Instance);
    }

    /// <inheritdoc />
    internal sealed override bool KernelForm(IKernelDispatch dispatch, out string obstacle)
    {
        if (!IsKernel(out obstacle)) return false;
        if (DeviceObstacle is { } onHost)
        {
            obstacle = onHost;
            return false;
        }
        return DispatchKernel(dispatch);
    }

    /// <summary>
    /// The layout's columns, measured on the CPU by the first particle the model does not reject (under
    /// <paramref name="rule"/>); where it made no call at an address the model has, by the first particles together,
    /// so that a call some particles make has its callee's columns. For a <paramref name="device"/>, where a call is
    /// still unmade after the first 64, by the first 1,024 and then 4,096 (at most a sixteenth of the batch): every
    /// particle the layout has no block for runs again on the CPU, which a rare call (a branch 1 % of particles take)
    /// would make thousands of; on the host a particle measured costs what one run again does. Null when all the first
    /// particles are rejected.
    /// </summary>
    private List<Column>? Measure<TRule>(BatchConstraints constraints, Key key, int n, TRule rule, bool device = false) where TRule : struct, IRowRule
    {
        List<Column>? schema = null;
        var attempts = Math.Min(n, ProbeAttempts);
        for (var i = 0; i < attempts && schema is null; i++)
            schema = RunOnCpu(constraints, key, i, rule, out _, out _)?.Chunks[0].Columns;
        foreach (var rows in new[] { attempts, 1024, 4096 })
        {
            if (schema is null || !KernelLayout.HasUnmadeCalls(schema) || rows > attempts && (!device || rows > n / 16)) break;
            var probe = new ParticleBatch<R>(this, constraints, rows, rows);
            Fill(probe, 0, rows, key, new double[rows], new Rejections(rows), new RowOf<TRule>(rule, 0));
            schema = probe.Chunks[0].Columns;
        }
        return schema;
    }

    /// <summary>Particle <paramref name="i"/> run on the CPU into a one-row batch; null when it is rejected (the reason is given).</summary>
    private ParticleBatch<R>? RunOnCpu(BatchConstraints constraints, Key key, int i, out double weight, out Exception? rejection) =>
        RunOnCpu(constraints, key, i, default(ImportanceRule), out weight, out rejection);

    /// <summary>Particle <paramref name="i"/> run on the CPU under <paramref name="rule"/> into a one-row batch; null when it is rejected.</summary>
    private ParticleBatch<R>? RunOnCpu<TRule>(BatchConstraints constraints, Key key, int i, TRule rule, out double weight, out Exception? rejection)
        where TRule : struct, IRowRule
    {
        var single = new ParticleBatch<R>(this, constraints, 1, 1);
        var rejections = new Rejections(1);
        var weights = new double[1];
        Fill(single, 0, 1, key, weights, rejections, new RowOf<TRule>(rule, i), particleOffset: i);
        rejection = rejections.Reasons?[0];
        weight = weights[0];
        return rejection is null ? single : null;
    }

    /// <summary><paramref name="rule"/> for the particles from <paramref name="first"/> on, row i of a probe's batch being particle <c>first + i</c>; no row keeps what a rejection keeps.</summary>
    private readonly struct RowOf<TRule>(TRule rule, int first) : IRowRule where TRule : struct, IRowRule
    {
        public string Operation => rule.Operation;

        public Exception? Earlier(int i) => rule.Earlier(first + i);

        public Key RunKey(int i, Key drawn) => rule.RunKey(first + i, drawn);

        public (ChoiceMap Map, double Proposed) Constraints(int i, ChoiceMap shared) => rule.Constraints(first + i, shared);

        public TTrace Run(CompiledFunction<R, TTrace> function, int i, Key key, TTrace scratch, ChoiceMap constraints, BatchConstraints? batch, out R retval, out GfiState state) =>
            rule.Run(function, first + i, key, scratch, constraints, batch, out retval, out state);

        public double Weight(int i, double weight, double proposed) => rule.Weight(first + i, weight, proposed);

        public void Rejected(ParticleBatch<R> batch, int i) { } // the batch the row goes to keeps what the rule keeps (Assemble)

        public bool ChecksFixedValues => rule.ChecksFixedValues;
    }

    private KernelJob Job(int n, Key key, KernelLayout layout)
    {
        var arguments = new KernelArguments();
        WriteKernelArguments(arguments);
        return new KernelJob
        {
            BatchKey = key, Count = n, Arguments = arguments.Pack(), Layout = layout.Slots, Storage = layout.Storage, Constraints = layout.Constraints,
            StoredRows = layout.StoredRows, ConstraintCount = layout.FixedCount, ConstraintSum = layout.FixedSum,
        };
    }

    /// <summary>The particles from the device's results; a faulted particle is run again on the CPU, which gives its exact outcome.</summary>
    private Particles<R> Assemble(KernelJob job, KernelLayout layout, BatchConstraints constraints, ref KernelResults<R>? results, InferenceOptions? options) =>
        Assemble(job, layout, constraints, ref results, options, default(ImportanceRule));

    /// <summary>
    /// The particles from the kernel's results under <paramref name="rule"/>: a particle's weight is the rule's of the
    /// kernel's (an edit adds the previous log weight), a faulted particle is run again on the CPU under the rule. Value
    /// rows a device still holds stay there until the columns are first read: the batch then owns
    /// <paramref name="results"/> (set to null here) and fills its columns from them.
    /// </summary>
    private Particles<R> Assemble<TRule>(KernelJob job, KernelLayout layout, BatchConstraints constraints, ref KernelResults<R>? results, InferenceOptions? options, TRule rule)
        where TRule : struct, IRowRule
    {
        var clock = PhaseTimes.Start();
        var n = job.Count;
        var batch = new ParticleBatch<R>(this, constraints, results!.Scores, results.Retvals, job.BatchKey);
        var chunk = batch.Chunks[0] = new BatchChunk(0, n);
        // One pass: the complete rows' weights under the rule, the faulted rows listed.
        var (complete, weights, faults) = (new bool[n], results.Weights, results.Faulted);
        var faulted = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (faults[i]) faulted.Add(i);
            else (complete[i], weights[i]) = (true, rule.Weight(i, weights[i], 0.0));
        }
        var rejections = new Rejections(n);
        // The faulted particles run again on the CPU in parallel, each into its own one-row batch; their rows are then
        // copied in order (a column may grow to hold one, so copying is not shared between threads).
        var reruns = new (ParticleBatch<R>? Row, double Weight, Exception? Rejection)[faulted.Count];
        batch.KernelReruns = faulted.Count;
        Batch.RunChunks(faulted.Count, 16, (c, rows) =>
        {
            for (var r = c * 16; r < c * 16 + rows; r++)
            {
                var row = RunOnCpu(constraints, job.BatchKey, faulted[r], rule, out var weight, out var rejection);
                reruns[r] = (row, weight, rejection);
            }
        }, options is null ? null : options with { Progress = null }, rule.Operation); // the launches reported the progress
        for (var r = 0; r < faulted.Count; r++)
        {
            var (single, weight, rejection) = reruns[r];
            var i = faulted[r];
            if (single is null)
            {
                weights[i] = double.NegativeInfinity;
                rejections.Add(i, rejection!);
                rule.Rejected(batch, i);
                continue;
            }
            batch.Scores[i] = single.Scores[0];
            batch.Retvals[i] = single.Retvals[0];
            weights[i] = weight;
        }
        // The columns: the kernel's values, then the rows run again on the CPU copied in (after, since a fixed choice's
        // column takes the complete rows as its own "visited" flags).
        var values = results;
        void Fill()
        {
            var start = PhaseTimes.Start();
            layout.Read(chunk, values.ValueRows, complete, options);
            PhaseTimes.Add("columns", start);
            for (var r = 0; r < faulted.Count; r++)
                if (reruns[r].Row is { } single)
                    for (var k = 0; k < layout.SlotCount; k++) chunk.Columns[k].CopyRow(single.Chunks[0].Columns[k], 0, faulted[r]);
        }
        if (results.OnDevice is not { } onDevice) Fill();
        else
        {
            onDevice.OwnedBy(batch);
            batch.Defer(() =>
            {
                using (values) Fill();
            });
            results = null;
        }
        var particles = Particles<R>.FromRows(batch, weights, rejections.Reasons);
        PhaseTimes.Add("assemble", clock);
        return particles;
    }

    /// <summary>Fails before allocating when the results and the columns would not fit in host memory, giving both figures.</summary>
    /// <exception cref="InsufficientMemoryException">The batch needs more memory than is available.</exception>
    private void EnsureHostMemory(int n, KernelJob job, KernelLayout layout, IKernelBackend backend, long extraPerParticle = 0)
    {
        // The kernel's results per particle, then the batch's columns, score, weight, return value and key.
        var retval = System.Runtime.CompilerServices.Unsafe.SizeOf<R>();
        long perParticle = job.BytesPerParticle(retval) + 8 + 8 + retval + 8 + extraPerParticle + layout.BytesPerRow;
        EnsureFits(n, perParticle, " on " + backend.Name);
        // Each value row is an array of n, a (name, i) family's column one array of a block per row: each must be an
        // array .NET can make.
        var widest = Math.Max(1, layout.Widest);
        if ((long)n * widest > Array.MaxLength)
            throw new InsufficientMemoryException(
                $"ImportanceK of {n:N0} particles of {Name} on {backend.Name} would need arrays of {(long)n * widest:N0} entries ({widest:N0} per particle, " +
                $"its widest (name, i) family), more than the {Array.MaxLength:N0} .NET allows. Use at most {Array.MaxLength / widest:N0} particles per batch, " +
                "and combine the batches' estimates.");
    }

    /// <summary>Launches the kernel form on a backend (the generated code names the kernel struct).</summary>
    private sealed class ImportanceDispatch(IKernelBackend backend, KernelJob job, object results) : IKernelDispatch
    {
        public void Run<TModel, TR>() where TModel : struct, IKernelModel<TR> where TR : unmanaged =>
            backend.Importance<TModel, TR>(job, (KernelResults<TR>)results);
    }
}
