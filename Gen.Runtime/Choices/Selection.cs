using System;
using System.Collections.Generic;
using System.Linq;

namespace Gen;

/// <summary>
/// A set of addresses, used to say which choices <see cref="Trace{R}.Regenerate(Selection)"/> resamples. Selecting an
/// address selects everything below it.
/// </summary>
/// <example><code>trace.Regenerate(Selection.Of("slope", ("y", 3)));</code></example>
public abstract class Selection
{
    private protected Selection() { }

    /// <summary>Every address.</summary>
    public static Selection All { get; } = new Everything(true);

    /// <summary>No address.</summary>
    public static Selection None { get; } = new Everything(false);

    /// <summary>The given addresses and everything below them.</summary>
    public static Selection Of(params Address[] addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var root = new Trie();
        foreach (var address in addresses)
        {
            ArgumentNullException.ThrowIfNull(address, nameof(addresses));
            var node = root;
            foreach (var part in address.Parts)
            {
                if (node.Selected) break;
                if (!node.Children.TryGetValue(part, out var child)) node.Children[part] = child = new Trie();
                node = child;
            }
            node.Selected = true;
            node.Children.Clear();
        }
        return root;
    }

    /// <summary>Every address this selection does not select.</summary>
    public virtual Selection Complement() => new Complemented(this);

    /// <summary>Whether the choice at <paramref name="address"/> is selected.</summary>
    public bool Contains(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var node = this;
        foreach (var part in address.Parts) node = node[part];
        return node.ContainsRoot;
    }

    /// <summary>Whether the choice at the one-part address <paramref name="name"/> is selected (no allocation).</summary>
    public bool Contains(string name) => this[name].ContainsRoot;

    /// <summary>Whether the choice at <c>(name, index)</c> is selected (no allocation).</summary>
    public bool Contains(string name, int index) => this[name][index].ContainsRoot;

    /// <summary>The selection below <paramref name="part"/>: what a traced call at that address sees.</summary>
    public abstract Selection this[AddressPart part] { get; }

    /// <summary>Whether a choice at this selection's own root (a distribution's single value) is selected.</summary>
    public abstract bool ContainsRoot { get; }

    /// <summary>Whether no address at all is selected (a traced call below it is a constant of a gradient).</summary>
    internal abstract bool IsEmpty { get; }

    /// <summary>Whether every address is selected.</summary>
    internal abstract bool IsFull { get; }

    private sealed class Everything(bool all) : Selection
    {
        public override Selection this[AddressPart part] => this;
        public override bool ContainsRoot => all;
        internal override bool IsEmpty => !all;
        internal override bool IsFull => all;
        public override Selection Complement() => all ? None : All;
        public override string ToString() => all ? "Selection.All" : "Selection.None";
    }

    private sealed class Trie : Selection
    {
        public bool Selected;
        public readonly Dictionary<AddressPart, Trie> Children = new();
        private Selection? _complement;

        // Cached: a complemented selection walks its inner trie at every lookup, and must not allocate each time.
        public override Selection Complement() => _complement ??= new Complemented(this);

        public override Selection this[AddressPart part] =>
            Selected ? All : Children.TryGetValue(part, out var child) ? child : None;

        public override bool ContainsRoot => Selected;

        // Built from addresses, every branch ends in a selected node: a trie with children selects something.
        internal override bool IsEmpty => !Selected && Children.Count == 0;
        internal override bool IsFull => Selected;

        public override string ToString() => Selected ? "Selection.All" :
            "Selection.Of(" + string.Join(", ", Children.Select(c => c.Key + (c.Value.Selected ? "" : "/…"))) + ")";
    }

    private sealed class Complemented(Selection inner) : Selection
    {
        public override Selection this[AddressPart part] => inner[part].Complement();
        public override bool ContainsRoot => !inner.ContainsRoot;
        internal override bool IsEmpty => inner.IsFull;
        internal override bool IsFull => inner.IsEmpty;
        public override Selection Complement() => inner;
        public override string ToString() => $"Complement({inner})";
    }
}
