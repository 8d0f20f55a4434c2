using System;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>Calls of a compiled class run through its kernel form on the cores, each with its own arguments (a Scan step's rows).</summary>
public abstract partial class CompiledFunction<R, TTrace>
{
    /// <inheritdoc />
    /// <remarks>
    /// The layout is measured by running this call on the CPU (up to 64 tries at keys from <paramref name="probeKey"/>,
    /// which no particle uses); null where the class has no kernel form, its traces make traced calls (a Scan step's
    /// columns hold choices only), or no try fits: then the rows run through <see cref="NewCallRows"/>, which reports
    /// any error exactly.
    /// </remarks>
    internal sealed override CallKernel<R>? NewCallKernel(BatchConstraints constraints, Key probeKey)
    {
        if (ChoicesOnlyObstacle() is not null || !IsKernel(out _)) return null;
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

        public override void Run(BatchChunk chunk, GenerativeFunction<R>?[] calls, Key[] keys, R[] retvals, double[] scores, double[] weights, bool[] complete)
        {
            var values = new double[layout.StoredRows][];
            for (var s = 0; s < values.Length; s++)
            {
                values[s] = new double[calls.Length];
                values[s].AsSpan().Fill(double.NaN); // "no value yet" in every column
            }
            owner.DispatchKernel(new RowsDispatch(this, calls, keys, values, retvals, scores, weights, complete));
            layout.Read(chunk, values, complete, null);
        }

        /// <summary>The rows through the kernel form <typeparamref name="TModel"/>: each call's arguments packed into one reused buffer.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at once, as the kernel bodies are
        private void RunRows<TModel, TR>(GenerativeFunction<R>?[] calls, Key[] keys, double[][] values, TR[] retvals, double[] scores, double[] weights, bool[] complete)
            where TModel : struct, IKernelModel<TR> where TR : unmanaged
        {
            var faults = new bool[calls.Length];
            var arguments = new KernelArguments();
            double[] packed = [];
            var memory = Memory(packed, values, faults);
            for (var r = 0; r < calls.Length; r++)
            {
                if (calls[r] is not { } call || call.GetType() != owner.GetType()) continue; // skipped, or another class: on the CPU
                var compiled = Unsafe.As<CompiledFunction<R, TTrace>>(call);
                arguments.Clear();
                compiled.WriteKernelArguments(arguments);
                if (arguments.PackInto(ref packed)) memory = Memory(packed, values, faults);
                var state = new KernelState(keys[r], r);
                retvals[r] = TModel.Run(ref state, ref memory);
                scores[r] = state.Score;
                weights[r] = state.Weight;
                complete[r] = !faults[r] && !KernelRun.Faulted(state, layout.FixedCount, layout.FixedSum);
            }
        }

        private HostMemory Memory(double[] arguments, double[][] values, bool[] faults) => new(new KernelJob
        {
            BatchKey = default, Count = faults.Length, Arguments = arguments, Layout = layout.Slots, Storage = layout.Storage,
            Constraints = layout.Constraints, StoredRows = layout.StoredRows, ConstraintCount = layout.FixedCount, ConstraintSum = layout.FixedSum,
        }, values, faults);

        private sealed class RowsDispatch(CompiledCallKernel kernel, GenerativeFunction<R>?[] calls, Key[] keys, double[][] values, R[] retvals,
            double[] scores, double[] weights, bool[] complete) : IKernelDispatch
        {
            public void Run<TModel, TR>() where TModel : struct, IKernelModel<TR> where TR : unmanaged =>
                kernel.RunRows<TModel, TR>(calls, keys, values, (TR[])(object)retvals, scores, weights, complete);
        }
    }
}
