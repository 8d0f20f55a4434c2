using System.Collections.Generic;
using System.Linq;

namespace Gen.Internal;

/// <summary>Adds every present choice, and every subtrace's choices, to a builder.</summary>
internal readonly struct ChoicesBuilder(ChoiceMapBuilder builder) : ISlotVisitor
{
    public ChoiceMapBuilder Builder { get; } = builder;

    public void Choice<T>(SlotKey key, ref Choice<T> slot)
    {
        if (slot.Has) Builder.Add(key.ToAddress(), slot.Value!);
    }

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots)
    {
        foreach (var (i, choice) in slots.Entries()) Builder.Add(Address.Of(head, i), choice.Value!);
    }

    public void Call(SlotKey key, ref Subtrace slot)
    {
        if (slot.Trace is { } trace) Builder.AddSubmap(key.ToAddress(), trace.Choices);
    }

    public void Calls(string head, ref IndexedSlots<Subtrace> slots)
    {
        foreach (var (i, sub) in slots.Entries())
            if (sub.Trace is { } trace) Builder.AddSubmap(Address.Of(head, i), trace.Choices);
    }
}

/// <summary>Finds the choice at an address in typed storage (or, with <c>probe</c>, only whether it is there).</summary>
internal struct ChoiceFinder<TValue>(Address address, bool probe = false) : ISlotVisitor
{
    public bool Found;
    public TValue Value = default!;

    public void Choice<T>(SlotKey key, ref Choice<T> slot)
    {
        if (!Found && slot.Has && key.Prefixes(address, out var rest) && rest == 0) Take(slot.Value);
    }

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots)
    {
        if (Found || address.Length != 2 || address.Head.Name != head || !address.Parts[1].IsIndex) return;
        var i = address.Parts[1].Index;
        if (slots.Has(i)) Take(slots.Get(i).Value);
    }

    public void Call(SlotKey key, ref Subtrace slot)
    {
        if (Found || slot.Trace is not { } trace || !key.Prefixes(address, out var rest)) return;
        if (rest > 0) Within(trace, address.Length - rest);
        else Exactly(trace);
    }

    public void Calls(string head, ref IndexedSlots<Subtrace> slots)
    {
        if (Found || address.Length < 2 || address.Head.Name != head || !address.Parts[1].IsIndex) return;
        if (slots.Get(address.Parts[1].Index).Trace is not { } trace) return;
        if (address.Length > 2) Within(trace, 2);
        else Exactly(trace);
    }

    private void Take<T>(T value)
    {
        Found = true;
        if (probe) return;
        // Typed storage: no boxing when the types agree (the JIT folds the test); a clear error otherwise.
        Value = value is TValue typed ? typed : throw new ChoiceTypeException(address, typeof(TValue), value?.GetType() ?? typeof(T));
    }

    /// <summary>
    /// The address is exactly a traced call's: its return value (Gen.jl's <c>trace[:call]</c>), or, where the callee
    /// is a distribution reached as a generative function, the choice it made. A probe finds choices only.
    /// </summary>
    private void Exactly(Trace call)
    {
        if (call.IsChoice) Take(call.RetvalObject);
        else if (!probe)
        {
            Found = true;
            Value = Trace.ReturnValue<TValue>(call, address);
        }
    }

    private void Within(Trace trace, int skip)
    {
        var tail = address.Drop(skip);
        if (trace.HasChoice(tail))
        {
            Found = true;
            if (!probe) Value = Trace.GetWithin<TValue>(trace, tail, address);
            return;
        }
        if (probe || trace.CallAt(tail) is not { } call) return;
        Found = true;
        Value = Trace.ReturnValue<TValue>(call, address);
    }
}

/// <summary>Finds the subtrace of the traced call at exactly an address (not a choice), through nested calls.</summary>
internal struct CallFinder(Address address) : ISlotVisitor
{
    public Trace? Found;

    public readonly void Choice<T>(SlotKey key, ref Choice<T> slot) { }

    public readonly void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots) { }

    public void Call(SlotKey key, ref Subtrace slot)
    {
        if (Found is null && slot.Trace is { } trace && key.Prefixes(address, out var rest)) Found = At(trace, address.Length - rest);
    }

    public void Calls(string head, ref IndexedSlots<Subtrace> slots)
    {
        if (Found is not null || address.Length < 2 || address.Head.Name != head || !address.Parts[1].IsIndex) return;
        if (slots.Get(address.Parts[1].Index).Trace is { } trace) Found = At(trace, 2);
    }

    private readonly Trace? At(Trace trace, int skip) =>
        skip < address.Length ? trace.CallAt(address.Drop(skip)) : trace.IsChoice ? null : trace;
}

/// <summary>Collects the log densities of the selected choices (Project): each selected choice's score, each subtrace's own projection.</summary>
internal struct Projector(Selection selection) : ISlotVisitor
{
    public List<double>? Terms;

    public void Choice<T>(SlotKey key, ref Choice<T> slot)
    {
        if (slot.Has && key.Below(selection).ContainsRoot) Add(slot.Score);
    }

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots)
    {
        var below = selection[head];
        if (ReferenceEquals(below, Selection.None)) return;
        foreach (var (i, choice) in slots.Entries())
            if (below[i].ContainsRoot) Add(choice.Score);
    }

    public void Call(SlotKey key, ref Subtrace slot)
    {
        if (slot.Trace is { } trace) Sub(trace, key.Below(selection));
    }

    public void Calls(string head, ref IndexedSlots<Subtrace> slots)
    {
        var below = selection[head];
        if (ReferenceEquals(below, Selection.None)) return;
        foreach (var (i, sub) in slots.Entries())
            if (sub.Trace is { } trace) Sub(trace, below[i]);
    }

    /// <summary>A subtrace's projection under the selection below its address (nothing when none of it is selected).</summary>
    public void Sub(Trace trace, Selection below)
    {
        if (!ReferenceEquals(below, Selection.None)) Add(trace.Project(below));
    }

    private void Add(double term) => (Terms ??= new()).Add(term);
}

/// <summary>
/// Marks every slot of a copied trace as <see cref="SlotState.Previous"/> (indexed storage is copied, not shared), or of a
/// batch's scratch trace where it stands, counting them.
/// </summary>
internal struct EditCopier(bool inPlace) : ISlotVisitor
{
    public int Sites;

    public void Choice<T>(SlotKey key, ref Choice<T> slot) => One(ref slot);

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots) => Many(ref slots);

    public void Call(SlotKey key, ref Subtrace slot) => One(ref slot);

    public void Calls(string head, ref IndexedSlots<Subtrace> slots) => Many(ref slots);

    /// <summary>A family's items as Previous: in a copy of its storage, or, for a trace edited in place, where they stand.</summary>
    private void Many<TItem>(ref IndexedSlots<TItem> slots) where TItem : struct, ISlot<TItem>
    {
        if (inPlace) slots.Mark(SlotState.Previous, ref Sites);
        else slots = slots.Copy(SlotState.Previous, ref Sites);
    }

    private void One<TItem>(ref TItem slot) where TItem : struct, ISlot<TItem>
    {
        if (slot.State == SlotState.Empty) return;
        slot = slot.With(SlotState.Previous);
        Sites++;
    }
}

/// <summary>Empties the slots an edit did not revisit, collecting (in slot order) what an update removes from its weight.</summary>
internal struct Sweeper(bool remove) : ISlotVisitor
{
    private List<(Address Address, double Score, ChoiceMap Choices)>? _removed;

    public void Choice<T>(SlotKey key, ref Choice<T> slot) => One(key, ref slot);

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots) => Many(head, slots);

    public void Call(SlotKey key, ref Subtrace slot) => One(key, ref slot);

    public void Calls(string head, ref IndexedSlots<Subtrace> slots) => Many(head, slots);

    /// <summary>Hands the removed sites to the state.</summary>
    public readonly void Flush(ref GfiState state)
    {
        if (_removed is null) return;
        foreach (var (address, score, choices) in _removed) state.Remove(address, score, choices);
    }

    private void One<TItem>(SlotKey key, ref TItem slot) where TItem : struct, ISlot<TItem>
    {
        if (slot.State != SlotState.Previous) return;
        Add(key.ToAddress(), slot);
        slot = default;
    }

    private void Many<TItem>(string head, IndexedSlots<TItem> slots) where TItem : struct, ISlot<TItem>
    {
        if (slots.TakePrevious() is not { } taken) return;
        foreach (var (i, item) in taken) Add(Address.Of(head, i), item);
    }

    private void Add<TItem>(Address address, TItem item) where TItem : struct, ISlot<TItem>
    {
        if (remove) (_removed ??= new()).Add((address, item.Score, item.ToChoices()));
    }
}
