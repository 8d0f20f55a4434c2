using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// What a model's kernel form reads and writes, on the device or the host: the packed arguments, the batch's layout
/// (where each slot's columns start, how many a family has), the constraints and the value columns. Implemented by a
/// struct of device views (Gen.Runtime.Gpu) so that one generated body compiles to a GPU kernel with no virtual call.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IKernelMemory
{
    /// <summary>Entry <paramref name="index"/> of the packed arguments (<see cref="KernelArguments"/>).</summary>
    double Argument(int index);

    /// <summary>The first column of trace slot <paramref name="slot"/>.</summary>
    int Offset(int slot);

    /// <summary>How many columns slot <paramref name="slot"/> has: 1 for a constant address, the family's extent for <c>(name, i)</c>.</summary>
    int Extent(int slot);

    /// <summary>Where column <paramref name="column"/>'s values are stored, or −1 when the batch's constraints fix it.</summary>
    int Storage(int column);

    /// <summary>The constraint of a fixed column, as a double.</summary>
    double Constraint(int column);

    /// <summary>The value particle <paramref name="particle"/> stored in value row <paramref name="storage"/> (NaN: none yet).</summary>
    double Value(int storage, int particle);

    /// <summary>Stores a sampled value (ints and bools as doubles, exactly).</summary>
    void Store(int storage, int particle, double value);

    /// <summary>Marks particle <paramref name="particle"/> faulted from outside a site (an argument array read out of range).</summary>
    void Fault(int particle);

    /// <summary>
    /// What the sites do: <see cref="KernelPhase.Importance"/> (ImportanceK), or one of an edit's two passes over the
    /// previous particles' values (EditK). A memory type returns a constant where it serves one phase, so the JIT drops
    /// the other phases' code from its kernels.
    /// </summary>
    KernelPhase Phase { get; }

    /// <summary>The value particle <paramref name="particle"/> had at column <paramref name="column"/> before the edit (NaN: none).</summary>
    double Previous(int column, int particle);

    /// <summary>The log density of that previous value, from the edit's first pass (NaN once the second pass has visited the site).</summary>
    double PreviousScore(int column, int particle);

    /// <summary>Records a previous value's log density (first pass), or marks it visited with NaN (second pass).</summary>
    void SetPreviousScore(int column, int particle, double score);
}

/// <summary>The site rule a kernel runs (see <see cref="IKernelMemory.Phase"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum KernelPhase
{
    /// <summary>Importance: take the constraint or sample; the weight is the constrained choices' log density.</summary>
    Importance,

    /// <summary>An edit's first pass: the previous execution again over its values, each site's log density recorded.</summary>
    Rescore,

    /// <summary>
    /// An edit's second pass, Update's rule: take the new constraint, else keep the previous value, else sample; the
    /// weight is log p(new) − log p(old) over the sites both have, plus the newly constrained ones' log density.
    /// </summary>
    Update,
}
