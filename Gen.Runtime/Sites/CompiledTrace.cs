using System;
using System.ComponentModel;

namespace Gen.Internal;

/// <summary>
/// The base of generated traces (and of the interpreter's): the return value, the score and, in the derived class,
/// one typed slot per constant address or indexed family, listed by <see cref="Slots{TVisitor}"/>. Sites at
/// run-time addresses live in <see cref="Record"/>. Everything else a trace does is implemented here once.
/// </summary>
/// <typeparam name="R">The return type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CompiledTrace<R> : Trace<R>, ISlotTrace
{
    private GenerativeFunction<R> _function;
    private R _retval = default!;
    private double _score;
    private ChoiceMap? _choices;

    /// <summary>A trace of <paramref name="function"/>; <paramref name="hasRuntimeAddresses"/> when some of its sites are only addressed at run time.</summary>
    protected CompiledTrace(GenerativeFunction<R> function, bool hasRuntimeAddresses)
    {
        _function = function;
        if (hasRuntimeAddresses) Record = new SiteRecord();
    }

    /// <summary>The sites at run-time addresses, or null when the function has none.</summary>
    internal SiteRecord? Record { get; private set; }

    /// <inheritdoc />
    public sealed override R Retval => _retval;

    /// <inheritdoc />
    public sealed override double Score => _score;

    /// <inheritdoc />
    public sealed override GenerativeFunction<R> Function => _function;

    /// <inheritdoc />
    public sealed override ChoiceMap Choices => _choices ??= BuildChoices();

    /// <summary>Lists the typed slots (the trace's schema) to <paramref name="visitor"/>, in declaration order.</summary>
    protected abstract void Slots<TVisitor>(ref TVisitor visitor) where TVisitor : struct, ISlotVisitor;

    /// <inheritdoc />
    /// <remarks>Reads typed storage directly: no choice map is built, no value boxed.</remarks>
    public sealed override T Get<T>(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var finder = new ChoiceFinder<T>(address);
        Slots(ref finder);
        if (finder.Found) return finder.Value;
        if (Record is { } record)
        {
            if (record.Find(address) is { IsChoice: false } call) return ReturnValue<T>(call, address);
            if (record.Find(address.Head) is { } sub && address.Tail is { } tail && sub.HasChoice(tail)) return GetWithin<T>(sub, tail, address);
        }
        return base.Get<T>(address);
    }

    /// <inheritdoc />
    public sealed override double Project(Selection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (ReferenceEquals(selection, Selection.All)) return Score;
        if (ReferenceEquals(selection, Selection.None)) return 0.0;
        var projector = new Projector(selection);
        Slots(ref projector);
        Record?.Project(ref projector, selection);
        return Sum(projector.Terms);
    }

    /// <inheritdoc />
    internal sealed override Trace? CallAt(Address address)
    {
        var finder = new CallFinder(address);
        Slots(ref finder);
        return finder.Found ?? Record?.CallAt(address);
    }

    /// <inheritdoc />
    public sealed override bool HasChoice(Address address)
    {
        var finder = new ChoiceFinder<object>(address, probe: true);
        Slots(ref finder);
        return finder.Found || base.HasChoice(address);
    }

    /// <summary>Lists the slots to <paramref name="visitor"/> (for the runtime's own visitors).</summary>
    internal void VisitSlots<TVisitor>(ref TVisitor visitor) where TVisitor : struct, ISlotVisitor => Slots(ref visitor);

    bool ISlotTrace.HasRuntimeAddresses => Record is not null;

    void ISlotTrace.Recycle()
    {
        var recycler = new SlotClearer(recycle: true);
        Slots(ref recycler);
        var function = _function;
        _function = null!; // a spare keeps no function's arguments alive (Reset binds the next)
        _retval = default!;
        function.Spare(this);
    }

    /// <summary>This trace (emptied by a recycling <see cref="SlotClearer"/>) ready to run again under <paramref name="function"/>, a function of its class.</summary>
    internal void Reset(GenerativeFunction<R> function)
    {
        _function = function;
        _choices = null;
    }

    void ISlotTrace.VisitSlots<TVisitor>(ref TVisitor visitor) => Slots(ref visitor);

    /// <summary>Records the outcome of an execution.</summary>
    internal void Complete(R retval, in GfiState state)
    {
        _retval = retval;
        _score = state.Score;
    }

    /// <summary>
    /// A copy to edit in place under <paramref name="function"/>: every site as <see cref="SlotState.Previous"/>;
    /// <paramref name="sites"/> is how many there are.
    /// </summary>
    internal CompiledTrace<R> CopyForEdit(GenerativeFunction<R> function, out int sites)
    {
        var copy = (CompiledTrace<R>)MemberwiseClone();
        copy._function = function;
        copy._choices = null;
        copy.Record = Record?.CopyForEdit();
        var marker = new EditCopier(inPlace: false);
        copy.Slots(ref marker);
        sites = marker.Sites + (copy.Record?.Count ?? 0);
        return copy;
    }

    /// <summary>
    /// This trace made ready, where it stands, to be edited under <paramref name="function"/> (a batch's scratch trace, which
    /// no one else holds): every site as <see cref="SlotState.Previous"/>, as in <see cref="CopyForEdit"/>; returns how many
    /// there are. Only for traces without run-time addresses (the batch layout has none).
    /// </summary>
    internal int MarkForEdit(GenerativeFunction<R> function)
    {
        _function = function;
        _choices = null;
        var marker = new EditCopier(inPlace: true);
        Slots(ref marker);
        return marker.Sites;
    }

    /// <summary>After an edit: drops the sites it did not revisit (an update also removes them from the weight).</summary>
    internal void Sweep(ref GfiState state, int previousSites, bool remove)
    {
        if (state.Revisits == previousSites) return; // every previous site was revisited: nothing to drop
        var sweeper = new Sweeper(remove);
        Slots(ref sweeper);
        sweeper.Flush(ref state);
        Record?.Sweep(ref state, remove);
    }

    private ChoiceMap BuildChoices()
    {
        var builder = new ChoicesBuilder(new ChoiceMapBuilder());
        Slots(ref builder);
        Record?.AddChoicesTo(builder.Builder);
        return builder.Builder.Build();
    }
}
