namespace Gen.Internal;

/// <summary>
/// Writes calls of one compiled class — the same body, each call with its own arguments — into rows of a chunk's columns
/// (a Scan step of N particles), through one scratch trace: what <c>GenerateCore</c> gives each call, without a trace
/// object per call. One writer per chunk and worker.
/// </summary>
internal abstract class CallRows<R>
{
    /// <summary>
    /// Runs <paramref name="call"/> under the Importance rule at <paramref name="key"/> into row <paramref name="row"/> of
    /// the chunk, with the chunk's constraints or the call's <paramref name="own"/> (a proposal's choices beside them),
    /// adding the constraints it consumed to <paramref name="used"/>. False, with nothing written or consumed, when the
    /// call is of another class or its execution does not fit the columns (e.g. far indices); a rejecting error
    /// (invalid parameters) propagates.
    /// </summary>
    public abstract bool TryGenerate(GenerativeFunction<R> call, Key key, int row, ChoiceMap? own, ref int used, out R retval, out double score, out double weight);
}

/// <summary>For a batch whose rows are calls with different arguments (a Scan step): the call and key of row i, to make its trace again.</summary>
internal interface IRowCalls<R>
{
    /// <summary>Row <paramref name="i"/>'s call (its function with its arguments).</summary>
    GenerativeFunction<R> FunctionOf(int i);

    /// <summary>The key row <paramref name="i"/>'s call ran at.</summary>
    Key KeyOf(int i);
}
