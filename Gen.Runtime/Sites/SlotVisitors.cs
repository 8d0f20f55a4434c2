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
        if (!Found && slot.Trace is { } trace && key.Prefixes(address, out var rest) && rest > 0)
            Within(trace, address.Length - rest);
    }

    public void Calls(string head, ref IndexedSlots<Subtrace> slots)
    {
        if (Found || address.Length < 3 || address.Head.Name != head || !address.Parts[1].IsIndex) return;
        if (slots.Get(address.Parts[1].Index).Trace is { } trace) Within(trace, 2);
    }

    private void Take<T>(T value)
    {
        Found = true;
        if (probe) return;
        // Typed storage: no boxing when the types agree (the JIT folds the test); a clear error otherwise.
        Value = value is TValue typed ? typed : throw new ChoiceTypeException(address, typeof(TValue), value?.GetType() ?? typeof(T));
    }

    private void Within(Trace trace, int skip)
    {
        var tail = Address.Of([.. address.Parts.Skip(skip)]);
        if (!trace.HasChoice(tail)) return;
        Found = true;
        if (!probe) Value = trace.Get<TValue>(tail);
    }
}

/// <summary>Marks every slot of a copied trace as <see cref="SlotState.Previous"/> (indexed storage is copied, not shared), counting them.</summary>
internal struct EditCopier : ISlotVisitor
{
    public int Sites;

    public void Choice<T>(SlotKey key, ref Choice<T> slot) => One(ref slot);

    public void Choices<T>(string head, ref IndexedSlots<Choice<T>> slots) => slots = slots.Copy(SlotState.Previous, ref Sites);

    public void Call(SlotKey key, ref Subtrace slot) => One(ref slot);

    public void Calls(string head, ref IndexedSlots<Subtrace> slots) => slots = slots.Copy(SlotState.Previous, ref Sites);

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
