using System;

namespace Gen.Internal;

/// <summary>Calls of a compiled class run through its kernel form, each with its own arguments (a Scan step's rows).</summary>
public abstract partial class CompiledFunction<R, TTrace>
{
    /// <inheritdoc />
    /// <remarks>
    /// The layout is measured by running this call on the CPU (up to 64 tries at keys from <paramref name="probeKey"/>,
    /// which no particle uses); null where the class has no kernel form (or, for a <paramref name="device"/>, one that runs
    /// on the host only), its traces make traced calls (a Scan step's columns hold choices only), or no try fits: then the
    /// rows run through <see cref="NewCallRows"/>, which reports any error exactly.
    /// </remarks>
    internal sealed override CallKernel<R>? NewCallKernel(BatchConstraints constraints, Key probeKey, bool device = false)
    {
        if (ChoicesOnlyObstacle() is not null || !IsKernel(out _) || device && DeviceObstacle is not null) return null;
        try
        {
            return Measure(constraints, probeKey, ProbeAttempts, default(ImportanceRule)) is { } schema
                ? new CompiledCallKernel(this, new KernelLayout(schema, constraints))
                : null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return null; // bad constraints or arguments: the rows' own runs raise it as they always have
        }
    }

    private sealed class CompiledCallKernel(CompiledFunction<R, TTrace> owner, KernelLayout layout) : CallKernel<R>
    {
        public override int ConstraintCount => layout.FixedCount;

        public override CallKernelResults<R> Run(BatchChunk chunk, GenerativeFunction<R>?[] calls, Key[] keys)
        {
            var job = Job(calls, keys);
            var results = new KernelResults<R>(calls.Length, layout.StoredRows);
            var memory = new HostMemory(job, HostBackend.Cleared(results), results.Faulted);
            owner.DispatchKernel(new RowsDispatch(job, results, memory, null));
            var done = Done(job, results);
            Read(chunk, done, 0);
            return done;
        }

        public override CallKernelResults<R> RunOn(IKernelBackend backend, GenerativeFunction<R>?[] calls, Key[] keys)
        {
            var job = Job(calls, keys);
            var results = new KernelResults<R>(calls.Length, layout.StoredRows);
            owner.DispatchKernel(new RowsDispatch(job, results, default, backend));
            _ = results.ValueRows; // copied back from a device now: the chunks then read them in parallel
            return Done(job, results);
        }

        public override void Read(BatchChunk chunk, CallKernelResults<R> results, int first)
        {
            var rows = chunk.Rows;
            var values = results.Kernel.ValueRows;
            if (first != 0)
            {
                // The chunk's slice of each value row (the layout reads rows from 0).
                var slices = new double[values.Length][];
                for (var s = 0; s < values.Length; s++) slices[s] = values[s].AsSpan(first, rows).ToArray();
                values = slices;
            }
            layout.Read(chunk, values, results.Complete.AsSpan(first, rows).ToArray(), null);
        }

        /// <summary>The rows' calls packed one after another (a row whose call is missing or of another class is not run).</summary>
        private KernelJob Job(GenerativeFunction<R>?[] calls, Key[] keys)
        {
            var arguments = new KernelArguments();
            var starts = new int[calls.Length];
            double[] packed = new double[Math.Max(16, 8 * calls.Length)];
            var end = 0;
            double[] one = [];
            for (var r = 0; r < calls.Length; r++)
            {
                if (calls[r] is not { } call || call.GetType() != owner.GetType())
                {
                    starts[r] = -1;
                    continue;
                }
                arguments.Clear();
                System.Runtime.CompilerServices.Unsafe.As<CompiledFunction<R, TTrace>>(call).WriteKernelArguments(arguments);
                arguments.PackInto(ref one);
                var length = arguments.Length;
                if (end + length > packed.Length) Array.Resize(ref packed, Math.Max(2 * packed.Length, end + length));
                Array.Copy(one, 0, packed, end, length);
                starts[r] = end;
                end += length;
            }
            return new KernelJob
            {
                BatchKey = default, Count = calls.Length, Arguments = packed, Layout = layout.Slots, Storage = layout.Storage, Constraints = layout.Constraints,
                StoredRows = layout.StoredRows, ConstraintCount = layout.FixedCount, ConstraintSum = layout.FixedSum, RowStarts = starts, RowKeys = keys,
            };
        }

        private static CallKernelResults<R> Done(KernelJob job, KernelResults<R> results)
        {
            var complete = new bool[job.Count];
            for (var r = 0; r < complete.Length; r++) complete[r] = job.RowStarts![r] >= 0 && !results.Faulted[r];
            return new CallKernelResults<R>(results, complete);
        }

        /// <summary>Runs the rows with the kernel form: on this thread (<see cref="HostBackend.RunRows"/>), or on a backend.</summary>
        private sealed class RowsDispatch(KernelJob job, KernelResults<R> results, HostMemory memory, IKernelBackend? backend) : IKernelDispatch
        {
            public void Run<TModel, TR>() where TModel : struct, IKernelModel<TR> where TR : unmanaged
            {
                var typed = (KernelResults<TR>)(object)results;
                if (backend is null) HostBackend.RunRows<TModel, TR>(job, typed, memory, 0, job.Count);
                else backend.Rows<TModel, TR>(job, typed);
            }
        }
    }
}
