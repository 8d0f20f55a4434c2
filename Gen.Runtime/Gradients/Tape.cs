using System;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The record of a gradient computation: one node per operation, with the partial derivatives of its result in its
/// operands; a backward sweep from the score gives every input's adjoint. A tape is reused from call to call (its
/// arrays only grow), so a gradient allocates nothing once they have reached their size.
/// </summary>
internal sealed class Tape
{
    [ThreadStatic] private static Tape? t_free;
    [ThreadStatic] private static Tape? t_current;

    /// <summary>The tape of the gradient running on this thread, which <see cref="Real"/>'s operations record on.</summary>
    public static Tape? Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_current;
        set => t_current = value;
    }

    private int[] _start = new int[64];       // node k's edges are _start[k] … _start[k + 1] − 1
    private Edge[] _edge = new Edge[128];
    private double[] _adjoint = new double[64];
    private int _nodes;
    private int _edges;

    /// <summary>An operand of a node and the partial derivative of the node in it (stored together: the backward sweep reads both).</summary>
    private readonly struct Edge(int parent, double partial)
    {
        public readonly int Parent = parent;
        public readonly double Partial = partial;
    }

    /// <summary>A tape of this thread, empty (return it with <see cref="Release"/>).</summary>
    public static Tape Rent()
    {
        var tape = t_free ?? new Tape();
        t_free = null;
        tape._nodes = 0;
        tape._edges = 0;
        return tape;
    }

    /// <summary>Gives the tape back to this thread for the next gradient.</summary>
    public static void Release(Tape tape) => t_free = tape;

    public int Count => _nodes;

    /// <summary>Empties the tape for the next computation (its arrays are kept).</summary>
    public void Clear()
    {
        _nodes = 0;
        _edges = 0;
    }

    /// <summary>A node with no operands: an input.</summary>
    public int Input()
    {
        Reserve(0);
        _start[_nodes] = _edges;
        return _nodes++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Push(int a, double da)
    {
        Reserve(1);
        _start[_nodes] = _edges;
        _edge[_edges++] = new Edge(a, da);
        return _nodes++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Push(int a, double da, int b, double db)
    {
        Reserve(2);
        _start[_nodes] = _edges;
        _edge[_edges++] = new Edge(a, da);
        _edge[_edges++] = new Edge(b, db);
        return _nodes++;
    }

    /// <summary>A node with up to three operands: those that are constants (node −1) record no edge.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Push(int a, double da, int b, double db, int c, double dc)
    {
        Reserve(3);
        var edges = _edge;
        var count = _edges;
        _start[_nodes] = count;
        if (a >= 0) edges[count++] = new Edge(a, da);
        if (b >= 0) edges[count++] = new Edge(b, db);
        if (c >= 0) edges[count++] = new Edge(c, dc);
        _edges = count;
        return _nodes++;
    }

    /// <summary>A node with <paramref name="parents"/>.Length operands (a constant operand, node −1, records no edge).</summary>
    public int Push(ReadOnlySpan<int> parents, ReadOnlySpan<double> partials)
    {
        Reserve(parents.Length);
        _start[_nodes] = _edges;
        for (var i = 0; i < parents.Length; i++)
            if (parents[i] >= 0) _edge[_edges++] = new Edge(parents[i], partials[i]);
        return _nodes++;
    }

    /// <summary>
    /// The node of acc + Σ a[k]·b[k] (see <see cref="RealMath.AddDot(Real, double[], Real[], int, int)"/>): edges to acc
    /// and to each active b[k], in that order; −1 when none is active. Returns the sum, added in order k = 0, 1, ….
    /// </summary>
    public double PushDot(Real acc, ReadOnlySpan<double> a, ReadOnlySpan<Real> b, out int node)
    {
        Reserve(1 + a.Length);
        b = b[..a.Length];
        var edges = _edge;
        var count = _edges;
        var first = count;
        if (acc.Node >= 0) edges[count++] = new Edge(acc.Node, 1);
        var value = acc.Value;
        for (var k = 0; k < a.Length; k++)
        {
            var term = b[k];
            value += a[k] * term.Value;
            if (term.Node >= 0) edges[count++] = new Edge(term.Node, a[k]);
        }
        if (count == first)
        {
            node = -1;
            return value;
        }
        _start[_nodes] = first;
        _edges = count;
        node = _nodes++;
        return value;
    }

    /// <summary>Starts a node of up to <paramref name="maxEdges"/> operands, given one by one (<see cref="AddEdge"/>, then <see cref="EndNode"/>).</summary>
    public void BeginNode(int maxEdges)
    {
        Reserve(maxEdges);
        _start[_nodes] = _edges;
    }

    /// <summary>An operand of the node begun (a constant, node −1, records no edge).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddEdge(int parent, double partial)
    {
        if (parent >= 0) _edge[_edges++] = new Edge(parent, partial);
    }

    /// <summary>The node begun, or −1 when none of its operands had a node (the value is a constant).</summary>
    public int EndNode() => _edges == _start[_nodes] ? -1 : _nodes++;

    /// <summary>Sweeps backward from the nodes in <paramref name="outputs"/> (each with adjoint 1: their sum is the function).</summary>
    public void Backward(ReadOnlySpan<int> outputs)
    {
        if (_adjoint.Length < _nodes) _adjoint = new double[Math.Max(_nodes, 2 * _adjoint.Length)];
        var adjoints = _adjoint.AsSpan(0, _nodes);
        adjoints.Clear();
        foreach (var output in outputs)
            if (output >= 0) adjoints[output] += 1;
        var starts = _start;
        var edges = _edge;
        var end = _edges; // node k's edges end where node k + 1's begin: walking down, each node's start is the next one's end
        for (var node = adjoints.Length - 1; node >= 0; node--)
        {
            var first = starts[node];
            var adjoint = adjoints[node];
            if (adjoint != 0)
                for (var e = first; e < end; e++)
                    adjoints[edges[e].Parent] += adjoint * edges[e].Partial; // every edge's parent is a node: constants record none
            end = first;
        }
    }

    /// <summary>The adjoint of <paramref name="node"/> after <see cref="Backward"/>.</summary>
    public double Adjoint(int node) => node < 0 ? 0 : _adjoint[node];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int edges)
    {
        if (_nodes + 1 >= _start.Length || _edges + edges > _edge.Length) Grow(edges);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int edges)
    {
        if (_nodes + 1 >= _start.Length) Array.Resize(ref _start, 2 * _start.Length);
        if (_edges + edges > _edge.Length) Array.Resize(ref _edge, Math.Max(2 * _edge.Length, _edges + edges));
    }
}
