using System;

namespace Gen.Internal;

/// <summary>
/// The record of a gradient computation: one node per operation, with the partial derivatives of its result in its
/// operands; a backward sweep from the score gives every input's adjoint. A tape is reused from call to call (its
/// arrays only grow), so a gradient allocates nothing once they have reached their size.
/// </summary>
internal sealed class Tape
{
    [ThreadStatic] private static Tape? t_free;

    private int[] _start = new int[64];       // node k's edges are _start[k] … _start[k + 1] − 1
    private int[] _parent = new int[128];
    private double[] _partial = new double[128];
    private double[] _adjoint = new double[64];
    private int _nodes;
    private int _edges;

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
    public int Input() => Open(0);

    public int Push(int a, double da)
    {
        var node = Open(1);
        Edge(a, da);
        return node;
    }

    public int Push(int a, double da, int b, double db)
    {
        var node = Open(2);
        Edge(a, da);
        Edge(b, db);
        return node;
    }

    /// <summary>A node with <paramref name="parents"/>.Length operands.</summary>
    public int Push(ReadOnlySpan<int> parents, ReadOnlySpan<double> partials)
    {
        var node = Open(parents.Length);
        for (var i = 0; i < parents.Length; i++) Edge(parents[i], partials[i]);
        return node;
    }

    /// <summary>Sweeps backward from the nodes in <paramref name="outputs"/> (each with adjoint 1: their sum is the function).</summary>
    public void Backward(ReadOnlySpan<int> outputs)
    {
        if (_adjoint.Length < _nodes) _adjoint = new double[Math.Max(_nodes, 2 * _adjoint.Length)];
        Array.Clear(_adjoint, 0, _nodes);
        foreach (var output in outputs)
            if (output >= 0) _adjoint[output] += 1;
        _start[_nodes] = _edges;
        for (var node = _nodes - 1; node >= 0; node--)
        {
            var adjoint = _adjoint[node];
            if (adjoint == 0) continue;
            for (var e = _start[node]; e < _start[node + 1]; e++)
            {
                var parent = _parent[e];
                if (parent >= 0) _adjoint[parent] += adjoint * _partial[e];
            }
        }
    }

    /// <summary>The adjoint of <paramref name="node"/> after <see cref="Backward"/>.</summary>
    public double Adjoint(int node) => node < 0 ? 0 : _adjoint[node];

    private int Open(int edges)
    {
        if (_nodes + 1 >= _start.Length) Array.Resize(ref _start, 2 * _start.Length);
        if (_edges + edges > _parent.Length)
        {
            var size = Math.Max(2 * _parent.Length, _edges + edges);
            Array.Resize(ref _parent, size);
            Array.Resize(ref _partial, size);
        }
        _start[_nodes] = _edges;
        return _nodes++;
    }

    private void Edge(int parent, double partial)
    {
        _parent[_edges] = parent;
        _partial[_edges] = partial;
        _edges++;
    }
}
