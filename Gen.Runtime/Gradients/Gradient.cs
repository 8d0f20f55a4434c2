using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// One gradient computation of a model's score: the generated gradient body runs the model over a trace's values
/// with <see cref="Real"/> numbers, calling these site operations, which read each choice's value from its slot, make
/// the selected ones inputs, and record each site's log density with its partial derivatives. The score's gradient
/// is then one backward sweep of the tape.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class Gradient
{
    private readonly Tape _tape;

    /// <summary>The tape this gradient records on (a rented one goes back when the gradient is done).</summary>
    internal Tape Tape => _tape;

    private Selection _selection;
    private Address? _prefix; // the address of the traced call whose body runs, while it runs (recorded addresses are full)
    private Real _returned;
    private Real[]? _returnedArray;
    private readonly string _functionName;
    private readonly List<int> _densities = new();
    private readonly List<GradientInput> _inputs = new();
    private readonly List<int> _inputNodes = new();
    private double[]? _position;
    private readonly bool _recordAddresses;
    private readonly List<bool> _visits = new();
    private readonly bool[]? _plan;
    private int _site;
    private readonly RunArrays<Real[]> _arrays = new(static (length, _) => new Real[length]);
    private readonly RunArrays<double[]> _doubleArrays = new(static (length, _) => new double[length]);
    private readonly RunArrays<Real[,]> _matrices = new(static (rows, columns) => new Real[rows, columns]);
    private readonly RunArrays<double[,]> _doubleMatrices = new(static (rows, columns) => new double[rows, columns]);
    private readonly RunArrays<int[]> _nodeArrays = new(static (length, _) => new int[length]);
    private double _normalScale = double.NaN, _logNormalScale; // the last normal site's σ and ln σ (NaN: none yet)

    internal Gradient(Tape tape, Selection selection, string functionName, double[]? position = null, bool recordAddresses = true, bool[]? plan = null)
    {
        _tape = tape;
        _selection = selection;
        _functionName = functionName;
        _position = position;
        _recordAddresses = recordAddresses;
        _plan = plan;
    }

    /// <summary>
    /// Whether each continuous site visited was selected, in visit order: a target run many times replays it instead of
    /// looking each address up in the selection (the trace's control flow is fixed while its values move).
    /// </summary>
    internal bool[] Plan => [.. _visits];

    /// <summary>Whether the last run visited as many continuous sites as its plan has (always, without a plan).</summary>
    internal bool FollowedPlan => _plan is null || _site == _plan.Length;

    /// <summary>The selected choices that are not doubles (no gradient: discrete, or a vector), with their value types, recorded with addresses.</summary>
    internal List<(Address Address, Type Type)> SelectedDiscrete { get; } = new();

    /// <summary>The tape nodes of the selected choices, in visit order.</summary>
    internal IReadOnlyList<int> InputNodes => _inputNodes;

    /// <summary>The score recomputed by the gradient body (the sum of its sites' log densities, in visit order).</summary>
    public double Score { get; private set; }

    internal IReadOnlyList<GradientInput> Inputs => _inputs;

    /// <summary>
    /// A zeroed array of <paramref name="length"/> reals for the body's <c>new double[length]</c>: the n-th array a run
    /// creates is the n-th array of the run before when the lengths agree (the body's arrays do not outlive its run).
    /// </summary>
    public Real[] NewArray(int length)
    {
        var array = _arrays.Take(length, 0, out var reused);
        if (reused) System.Array.Clear(array);
        return array;
    }

    /// <summary>
    /// A zeroed <paramref name="rows"/> × <paramref name="columns"/> matrix of reals for the body's <c>new double[rows,
    /// columns]</c> (a covariance built from continuous choices), reused from run to run as <see cref="NewArray"/>'s arrays are.
    /// </summary>
    public Real[,] NewMatrix(int rows, int columns)
    {
        var matrix = _matrices.Take(rows, columns, out var reused);
        if (reused) System.Array.Clear(matrix);
        return matrix;
    }

    /// <summary>A continuous choice with one parameter.</summary>
    public Real Choice<TDistribution, TAddress>(TDistribution kind, Real p0, TAddress address, in Choice<double> slot)
        where TDistribution : struct, IDifferentiablePrimitive<TDistribution> where TAddress : struct, ISiteAddress
    {
        Span<double> values = [p0.Value];
        var distribution = default(TDistribution).Create(values);
        var value = Visit(address, in slot, out var selected);
        Span<double> partials = stackalloc double[1];
        Score += distribution.LogDensityGradient(value, out var dValue, partials);
        var input = selected ? Input(address, distribution.Support, value) : -1;
        // The same edges, in the same order, as the general site's: the node of the value, then of the parameter.
        _densities.Add(_tape.Push(input, dValue, p0.Node, partials[0], -1, 0));
        return new Real(value, input);
    }

    /// <summary>A continuous choice with two parameters (the common case, without the general site's spans).</summary>
    public Real Choice<TDistribution, TAddress>(TDistribution kind, Real p0, Real p1, TAddress address, in Choice<double> slot)
        where TDistribution : struct, IDifferentiablePrimitive<TDistribution> where TAddress : struct, ISiteAddress
    {
        Span<double> values = [p0.Value, p1.Value];
        var distribution = default(TDistribution).Create(values);
        var value = Visit(address, in slot, out var selected);
        double dValue, d0, d1;
        if (typeof(TDistribution) == typeof(Normal.Primitive))
        {
            // The common case: a model's observations share one scale, whose log is taken once (the same bits).
            var normal = Unsafe.As<TDistribution, Normal.Primitive>(ref distribution);
            if (normal.Sigma != _normalScale) _logNormalScale = PortableMath.Log(_normalScale = normal.Sigma);
            Score += normal.LogDensityGradient(value, _logNormalScale, out dValue, out d0, out d1);
        }
        else
        {
            Span<double> partials = stackalloc double[2];
            Score += distribution.LogDensityGradient(value, out dValue, partials);
            (d0, d1) = (partials[0], partials[1]);
        }
        var input = selected ? Input(address, distribution.Support, value) : -1;
        _densities.Add(_tape.Push(input, dValue, p0.Node, d0, p1.Node, d1));
        return new Real(value, input);
    }

    /// <summary>A continuous choice with three parameters.</summary>
    public Real Choice<TDistribution, TAddress>(TDistribution kind, Real p0, Real p1, Real p2, TAddress address, in Choice<double> slot)
        where TDistribution : struct, IDifferentiablePrimitive<TDistribution> where TAddress : struct, ISiteAddress
    {
        Span<double> values = [p0.Value, p1.Value, p2.Value];
        Span<int> nodes = [-1, p0.Node, p1.Node, p2.Node];
        return Site(default(TDistribution).Create(values), nodes, address, in slot);
    }

    /// <summary>A continuous choice with four parameters.</summary>
    public Real Choice<TDistribution, TAddress>(TDistribution kind, Real p0, Real p1, Real p2, Real p3, TAddress address, in Choice<double> slot)
        where TDistribution : struct, IDifferentiablePrimitive<TDistribution> where TAddress : struct, ISiteAddress
    {
        Span<double> values = [p0.Value, p1.Value, p2.Value, p3.Value];
        Span<int> nodes = [-1, p0.Node, p1.Node, p2.Node, p3.Node];
        return Site(default(TDistribution).Create(values), nodes, address, in slot);
    }

    /// <summary>
    /// A discrete choice whose parameter depends on continuous choices (a bernoulli of a logistic, a poisson of an
    /// exponential): its value is a constant of the gradient, never an input (selecting it is reported as for any
    /// discrete choice), and its log density's gradient flows into the parameter.
    /// </summary>
    public T DiscreteChoice<TDistribution, T, TAddress>(TDistribution kind, Real p0, TAddress address, in Choice<T> slot)
        where TDistribution : struct, IDifferentiableInParameters<TDistribution, T> where TAddress : struct, ISiteAddress =>
        DiscreteSite<TDistribution, T, TAddress>([p0.Value], p0.Node, -1, address, in slot);

    /// <summary>A discrete choice with two parameters (a binomial's trials and probability, a neg_binom's r and p): as the one-parameter site.</summary>
    public T DiscreteChoice<TDistribution, T, TAddress>(TDistribution kind, Real p0, Real p1, TAddress address, in Choice<T> slot)
        where TDistribution : struct, IDifferentiableInParameters<TDistribution, T> where TAddress : struct, ISiteAddress =>
        DiscreteSite<TDistribution, T, TAddress>([p0.Value, p1.Value], p0.Node, p1.Node, address, in slot);

    /// <summary>A discrete site of one or two parameters (<paramref name="node1"/> −1 for one): the density's node has an edge to each active parameter.</summary>
    private T DiscreteSite<TDistribution, T, TAddress>(ReadOnlySpan<double> parameters, int node0, int node1, TAddress address, in Choice<T> slot)
        where TDistribution : struct, IDifferentiableInParameters<TDistribution, T> where TAddress : struct, ISiteAddress
    {
        var distribution = default(TDistribution).Create(parameters);
        var value = Constant(distribution, address, in slot);
        Span<double> partials = stackalloc double[2];
        partials = partials[..parameters.Length];
        distribution.LogDensityParameterGradient(value, partials);
        _densities.Add(_tape.Push(node0, partials[0], node1, parameters.Length > 1 ? partials[1] : 0, -1, 0));
        return value;
    }

    /// <summary>
    /// A choice whose density the gradient does not flow through (a discrete choice, or a distribution without
    /// gradients): its parameters do not depend on continuous choices (the generator checks), so its log density is a
    /// constant of the score; selecting it is an error.
    /// </summary>
    public T Constant<TDistribution, T, TAddress>(TDistribution distribution, TAddress address, in Choice<T> slot)
        where TDistribution : struct, IPrimitive<T> where TAddress : struct, ISiteAddress
    {
        var value = Value(address, in slot);
        if (_plan is not null)
        {
            // A planned run: the first run checked the selection already.
            Score += distribution.LogDensity(value);
            return value;
        }
        if (typeof(T) != typeof(double) && _recordAddresses && address.IsSelected(_selection)) SelectedDiscrete.Add((FullOf(address), typeof(T)));
        if (typeof(T) == typeof(double) && address.IsSelected(_selection))
            throw new NotSupportedException(
                $"The choice at '{FullOf(address)}' of {_functionName} is selected for a gradient, but its distribution ({distribution}) gives no " +
                "gradient of its density; derive it from Distribution<T, TPrimitive> with a primitive that implements IDifferentiablePrimitive, or do not select it.");
        Score += distribution.LogDensity(value);
        return value;
    }

    /// <summary>A choice from a distribution object: as <see cref="Constant{TDistribution, T, TAddress}"/>.</summary>
    public T Constant<T, TAddress>(Distribution<T> distribution, TAddress address, in Choice<T> slot) where TAddress : struct, ISiteAddress =>
        Constant(new VirtualPrimitive<T>(distribution), address, in slot);

    /// <summary>
    /// A continuous choice of <paramref name="distribution"/> (its parameters' tape nodes in <paramref name="nodes"/>[1..]):
    /// its log density and partial derivatives pushed on the tape, its value an input when selected.
    /// </summary>
    private Real Site<TDensity, TAddress>(TDensity distribution, Span<int> nodes, TAddress address, in Choice<double> slot)
        where TDensity : IDifferentiableDensity where TAddress : struct, ISiteAddress
    {
        var value = Visit(address, in slot, out var selected);
        Span<double> partials = stackalloc double[5]; // a value and at most four parameters
        partials = partials[..nodes.Length];
        Score += distribution.LogDensityGradient(value, out partials[0], partials[1..]);
        nodes[0] = selected ? Input(address, distribution.Support, value) : -1;
        _densities.Add(_tape.Push(nodes, partials));
        return new Real(value, nodes[0]);
    }

    /// <summary>
    /// The next continuous site's value (the position's entry when the site is selected and the run has a position)
    /// and whether it is selected: replayed from the plan when there is one, else looked up (and recorded for a plan).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Visit<TAddress>(TAddress address, in Choice<double> slot, out bool selected) where TAddress : struct, ISiteAddress
    {
        selected = NextSelected(address);
        return selected && _position is not null ? Position(address) : Value(address, in slot);
    }

    /// <summary>Whether the next continuous site is selected: replayed from the plan when there is one, else looked up (and recorded for a plan).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool NextSelected<TAddress>(TAddress address) where TAddress : struct, ISiteAddress
    {
        var selected = _plan is { } plan && _site < plan.Length ? plan[_site] : address.IsSelected(_selection);
        _site++;
        if (_recordAddresses) _visits.Add(selected);
        return selected;
    }

    /// <summary>
    /// A double[] choice of a distribution with a gradient in its value (mv_normal): each element is an input of the
    /// tape when the choice is selected (coordinates <c>(address, 0)</c>, <c>(address, 1)</c>, …, all of ℝ); its
    /// parameters are data (the generator checks that they do not depend on continuous choices).
    /// </summary>
    public Real[] VectorChoice<TDistribution, TAddress>(TDistribution distribution, TAddress address, in Choice<double[]> slot)
        where TDistribution : struct, IDifferentiableVectorDensity where TAddress : struct, ISiteAddress =>
        VectorSite(distribution, address, in slot, parameters: null);

    /// <summary>
    /// An mv_normal choice whose mean depends on continuous choices (a hierarchical model's group means): as
    /// <see cref="VectorChoice"/>, and the mean's elements get ∂/∂mean = −∂/∂value (a location family); the
    /// covariance is data.
    /// </summary>
    public Real[] MvNormalChoice<TAddress>(Real[] mean, double[,] cov, TAddress address, in Choice<double[]> slot) where TAddress : struct, ISiteAddress
    {
        var values = ValuesOf(mean);
        return VectorSite(new MvNormal.Primitive(values, cov), address, in slot, mean);
    }

    /// <summary>
    /// An mv_normal choice whose covariance depends on continuous choices (a Gaussian process's kernel hyperparameters, a
    /// scale): as <see cref="VectorChoice"/>, and each covariance entry gets ∂/∂Σᵢⱼ = ½(αᵢαⱼ − (Σ⁻¹)ᵢⱼ) with
    /// α = Σ⁻¹(x − mean) (the covariance's symmetric part is the density's: a model fills both triangles).
    /// </summary>
    public Real[] MvNormalChoice<TAddress>(double[] mean, Real[,] cov, TAddress address, in Choice<double[]> slot) where TAddress : struct, ISiteAddress =>
        MvNormalSite(mean, null, cov, address, in slot);

    /// <summary>An mv_normal choice whose mean and covariance both depend on continuous choices (see the overloads).</summary>
    public Real[] MvNormalChoice<TAddress>(Real[] mean, Real[,] cov, TAddress address, in Choice<double[]> slot) where TAddress : struct, ISiteAddress =>
        MvNormalSite(ValuesOf(mean), mean, cov, address, in slot);

    /// <summary>
    /// A dirichlet choice whose concentrations depend on continuous choices (a hierarchical prior): as
    /// <see cref="VectorChoice"/>, and each concentration gets ∂/∂αₖ = ψ(Σα) − ψ(αₖ) + log xₖ.
    /// </summary>
    public Real[] DirichletChoice<TAddress>(Real[] alpha, TAddress address, in Choice<double[]> slot) where TAddress : struct, ISiteAddress
    {
        var values = ValuesOf(alpha);
        return VectorSite(new Dirichlet.Primitive(values), address, in slot, alpha);
    }

    /// <summary>
    /// A categorical choice whose probabilities depend on continuous choices (a dirichlet's weights): its value is
    /// discrete — a constant of the gradient, never an input — and log p(x) = log probs[x] − log Σ probs gives
    /// ∂/∂probs[j] = [j = x]/probs[x] − 1/Σ probs.
    /// </summary>
    public int CategoricalChoice<TAddress>(Real[] probs, TAddress address, in Choice<int> slot) where TAddress : struct, ISiteAddress
    {
        var values = ValuesOf(probs);
        var distribution = new Categorical.Primitive(values);
        var value = Constant(distribution, address, in slot); // its log density added to the score, a selected discrete value reported
        if ((uint)value >= (uint)values.Length || values[value] == 0) return value; // density zero: no gradient to carry
        Span<int> nodes = probs.Length <= 128 ? stackalloc int[probs.Length] : new int[probs.Length];
        Span<double> partials = probs.Length <= 128 ? stackalloc double[probs.Length] : new double[probs.Length];
        var normaliser = 1 / distribution.Sum;
        for (var j = 0; j < probs.Length; j++)
        {
            nodes[j] = probs[j].Node;
            partials[j] = (j == value ? 1 / values[value] : 0) - normaliser;
        }
        _densities.Add(_tape.Push(nodes, partials));
        return value;
    }

    /// <summary>
    /// A double[] site: the value's elements are inputs when selected; the density's node has an edge to each active
    /// element and to each active element of <paramref name="parameters"/>, the primitive's vector parameter (an
    /// mv_normal's mean, a dirichlet's concentrations) when it depends on continuous choices.
    /// </summary>
    private Real[] VectorSite<TDistribution, TAddress>(TDistribution distribution, TAddress address, in Choice<double[]> slot, Real[]? parameters)
        where TDistribution : struct, IDifferentiableVectorDensity where TAddress : struct, ISiteAddress
    {
        var d = distribution.Dimension;
        var edges = parameters is null ? d : 2 * d;
        Span<int> nodes = edges <= 128 ? stackalloc int[edges] : new int[edges];
        var value = VectorValue(address, in slot, d, distribution.Support == VectorSupport.Simplex, nodes);
        Span<double> partials = edges <= 128 ? stackalloc double[edges] : new double[edges];
        if (parameters is null) Score += distribution.LogDensityGradient(value, partials);
        else
        {
            for (var k = 0; k < d; k++) nodes[d + k] = parameters[k].Node;
            Score += distribution.LogDensityGradient(value, partials[..d], partials[d..]); // one pass for the value's and the parameter's gradients
        }
        return VectorDensity(nodes, partials, value, d);
    }

    /// <summary>
    /// An mv_normal choice whose covariance depends on continuous choices: as <see cref="VectorSite"/>, the density's node
    /// also has an edge to each entry of the covariance, ∂/∂Σᵢⱼ = ½(αᵢαⱼ − (Σ⁻¹)ᵢⱼ) with α = Σ⁻¹(x − mean).
    /// </summary>
    private Real[] MvNormalSite<TAddress>(double[] meanValues, Real[]? mean, Real[,] cov, TAddress address, in Choice<double[]> slot) where TAddress : struct, ISiteAddress
    {
        ArgumentNullException.ThrowIfNull(cov);
        var covValues = DoubleMatrix(cov.GetLength(0), cov.GetLength(1));
        for (var i = 0; i < cov.GetLength(0); i++)
            for (var j = 0; j < cov.GetLength(1); j++) covValues[i, j] = cov[i, j].Value;
        var d = meanValues.Length;
        // Validated and factored as the model's own run did, into this run's scratch (the entries move at every evaluation).
        var distribution = new MvNormal.Primitive(meanValues, covValues, Doubles(d * d));
        var (meanAt, covAt) = (d, mean is null ? d : 2 * d);
        var edges = covAt + d * d;
        // Pooled past the stack's share, so a target evaluated many times allocates nothing.
        Span<int> nodes = edges <= 128 ? stackalloc int[edges] : _nodeArrays.Take(edges, 0, out _);
        var value = VectorValue(address, in slot, d, simplex: false, nodes);
        Span<double> partials = edges <= 128 ? stackalloc double[edges] : Doubles(edges);
        for (var k = 0; k < d; k++)
        {
            if (mean is not null) nodes[meanAt + k] = mean[k].Node;
            for (var l = 0; l < d; l++) nodes[covAt + k * d + l] = cov[k, l].Node;
        }
        Score += distribution.LogDensityCovarianceGradient(value, partials[..d], partials[covAt..], Doubles(d * d));
        if (mean is not null)
            for (var k = 0; k < d; k++) partials[meanAt + k] = -partials[k]; // a location family
        return VectorDensity(nodes, partials, value, d);
    }

    /// <summary>
    /// A double[] site's value, its elements made inputs of the tape into <paramref name="nodes"/>[0..d) when the site is
    /// selected (at a moved position, read from it); every other node −1.
    /// </summary>
    private double[] VectorValue<TAddress>(TAddress address, in Choice<double[]> slot, int d, bool simplex, Span<int> nodes) where TAddress : struct, ISiteAddress
    {
        var selected = NextSelected(address);
        var value = Value(address, in slot);
        nodes.Fill(-1);
        if (!selected) return value;
        if (value.Length != d)
            throw new InvalidOperationException(
                $"The choice '{FullOf(address)}' of {_functionName} is selected for a gradient, but its value has {value.Length} elements where its distribution has {d}: " +
                "its density is −∞ there (a constraint of the wrong length), so it has no gradient. Constrain it with a vector of the distribution's length.");
        if (_position is not null) value = Doubles(d);
        for (var k = 0; k < d; k++)
        {
            if (_position is not null) value[k] = Position(address);
            nodes[k] = Input(address, Support.Real, value[k], k, simplex); // a simplex's transform is the target's
        }
        return value;
    }

    /// <summary>The density's node of a double[] site, and its value as reals (each element carrying its input's gradient).</summary>
    private Real[] VectorDensity(ReadOnlySpan<int> nodes, ReadOnlySpan<double> partials, double[] value, int d)
    {
        _densities.Add(_tape.Push(nodes, partials));
        var reals = NewArray(d);
        for (var k = 0; k < d; k++) reals[k] = new Real(value[k], nodes[k]);
        return reals;
    }

    /// <summary>A scratch matrix of doubles for this run (a covariance's values), reused as <see cref="Doubles"/>' arrays are.</summary>
    private double[,] DoubleMatrix(int rows, int columns) => _doubleMatrices.Take(rows, columns, out _);

    /// <summary>The values of a vector parameter that carries gradients, in a scratch array (the primitive is made from doubles).</summary>
    private double[] ValuesOf(Real[] parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var values = Doubles(parameter.Length);
        for (var k = 0; k < values.Length; k++) values[k] = parameter[k].Value;
        return values;
    }

    /// <summary>A scratch array of <paramref name="length"/> doubles, the n-th of a run reused by the next run (a vector choice's moved value).</summary>
    private double[] Doubles(int length) => _doubleArrays.Take(length, 0, out _);

    /// <summary>A selected site's value as an input node of the tape (recorded with its address and support on a recording run).</summary>
    private int Input<TAddress>(TAddress address, Support support, double value, int element = -1, bool simplex = false) where TAddress : struct, ISiteAddress
    {
        var input = _tape.Input();
        _inputNodes.Add(input);
        if (_recordAddresses) _inputs.Add(new GradientInput(FullOf(address), element, input, value, support, simplex));
        return input;
    }

    /// <summary>A site's address from the top model's root; the root of a callee (a Switch's choice) is the callee's own address.</summary>
    private Address FullOf<TAddress>(TAddress address) where TAddress : struct, ISiteAddress =>
        address.IsRoot && _prefix is not null ? _prefix : Full(address.ToAddress());

    /// <summary>In a run at a given position, the next selected choice's value.</summary>
    private double Position<TAddress>(TAddress address) where TAddress : struct, ISiteAddress =>
        _inputNodes.Count < _position!.Length
            ? _position[_inputNodes.Count]
            : throw new InvalidOperationException(
                $"The model {_functionName} visits more selected choices ('{FullOf(address)}' and after) at this point than in the trace it started from: " +
                "its control flow depends on the values moved. Gradient-based inference needs a fixed set of continuous choices.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Value<T, TAddress>(TAddress address, in Choice<T> slot) where TAddress : struct, ISiteAddress
    {
        if (!slot.Has) Missing(address);
        return slot.Value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Missing<TAddress>(TAddress address) where TAddress : struct, ISiteAddress =>
        throw new InvalidOperationException(
            $"The gradient of {_functionName} reaches the choice '{FullOf(address)}', which the trace does not have: the model's control flow " +
            "depends on the values differentiated. Gradients are taken over the choices of one trace.");

    /// <summary>Runs <paramref name="body"/> (a generated gradient body) with this gradient's tape current on this thread.</summary>
    internal void Run<TState>(Action<Gradient, TState> body, TState state)
    {
        var previous = Tape.Current;
        Tape.Current = _tape;
        try
        {
            body(this, state);
        }
        finally
        {
            Tape.Current = previous;
        }
    }

    /// <summary>
    /// Checks that a run at the trace's own values recomputed the trace's log density (to rounding: the gradient body
    /// sums the same sites' densities in the same order). A model that reads state changed since the trace was made —
    /// it writes to its array arguments, say — would otherwise get the gradient of another density.
    /// </summary>
    /// <exception cref="NotSupportedException">The two differ.</exception>
    internal void CheckScore(double traceScore)
    {
        if (Score == traceScore || double.IsNaN(traceScore) || Math.Abs(Score - traceScore) <= 1e-9 * Math.Max(1, Math.Abs(traceScore))) return;
        throw new NotSupportedException(
            $"The gradient of {_functionName} recomputes the trace's log density as {Score} where the trace has {traceScore}: the model reads something " +
            "that changed since the trace was made (e.g. it writes to its own array arguments), so its gradient would be that of another density. " +
            "Keep the model's arguments and the state it reads unchanged.");
    }

    /// <summary>Starts another run at <paramref name="position"/> on the same tape (a target evaluated many times allocates nothing).</summary>
    internal void Restart(double[] position)
    {
        _position = position;
        _tape.Clear();
        _densities.Clear();
        _inputNodes.Clear();
        _site = 0;
        _arrays.Restart();
        _doubleArrays.Restart();
        _matrices.Restart();
        _doubleMatrices.Restart();
        _nodeArrays.Restart();
        Score = 0;
    }

    /// <summary>The score's gradient: one backward sweep from every site's log density.</summary>
    internal void Backward() => _tape.Backward(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_densities));

    /// <summary>The adjoint of input <paramref name="node"/>.</summary>
    internal double Adjoint(int node) => _tape.Adjoint(node);
}
