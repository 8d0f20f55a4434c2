using System;

namespace Gen.Inference;

/// <summary>What one NUTS transition did.</summary>
internal readonly record struct NutsStep(double AcceptStat, int TreeDepth, int Leapfrogs, bool Divergent, double Energy);

/// <summary>
/// One chain of the No-U-Turn sampler as Stan runs it (Hoffman and Gelman 2014; Betancourt 2017): trajectories doubled
/// forward or backward at random, points drawn from them by multinomial sampling across and within subtrees, and the
/// generalised no-U-turn criterion checked on the whole trajectory and across merged subtrees; a step whose energy
/// error exceeds 1000 is divergent. The working arrays are allocated once per chain.
/// </summary>
internal sealed class NutsSampler
{
    private const double MaxDeltaH = 1000;

    private readonly Hamiltonian _hamiltonian;
    private readonly int _maxDepth;
    private readonly PhasePoint _z, _forward, _backward, _sample, _propose;
    private readonly Level[] _levels;
    private readonly double[] _rho, _rhoForward, _rhoBackward, _rhoExtended;
    private readonly double[] _pSharpFwdFwd, _pSharpFwdBck, _pSharpBckFwd, _pSharpBckBck;
    private readonly double[] _pFwdFwd, _pFwdBck, _pBckFwd, _pBckBck;
    private KeyBits _bits;
    private bool _divergent;

    /// <summary>The temporaries of one depth of the recursion.</summary>
    private sealed class Level(int n)
    {
        public readonly double[] PInitEnd = new double[n], PSharpInitEnd = new double[n], RhoInit = new double[n];
        public readonly double[] PFinalBeg = new double[n], PSharpFinalBeg = new double[n], RhoFinal = new double[n], RhoExtended = new double[n];
        public readonly PhasePoint ProposeFinal = new(n);
    }

    public NutsSampler(Hamiltonian hamiltonian, double[] start, int maxDepth)
    {
        _hamiltonian = hamiltonian;
        _maxDepth = maxDepth;
        var n = hamiltonian.Dimension;
        _z = new PhasePoint(n);
        start.CopyTo(_z.Q, 0);
        hamiltonian.Evaluate(_z);
        if (double.IsNegativeInfinity(_z.LogDensity) || double.IsNaN(_z.LogDensity))
            throw new InvalidOperationException("NUTS cannot start where the log density is −∞ or NaN: the initial trace has probability zero.");
        _forward = new PhasePoint(n);
        _backward = new PhasePoint(n);
        _sample = new PhasePoint(n);
        _propose = new PhasePoint(n);
        _levels = new Level[maxDepth + 1];
        for (var d = 0; d < _levels.Length; d++) _levels[d] = new Level(n);
        _rho = new double[n]; _rhoForward = new double[n]; _rhoBackward = new double[n]; _rhoExtended = new double[n];
        _pSharpFwdFwd = new double[n]; _pSharpFwdBck = new double[n]; _pSharpBckFwd = new double[n]; _pSharpBckBck = new double[n];
        _pFwdFwd = new double[n]; _pFwdBck = new double[n]; _pBckFwd = new double[n]; _pBckBck = new double[n];
    }

    /// <summary>The step size.</summary>
    public double StepSize { get; set; } = 1;

    /// <summary>The current position (unconstrained).</summary>
    public double[] Position => _z.Q;

    /// <summary>One transition, its randomness from <paramref name="key"/>'s bits.</summary>
    public NutsStep Transition(Key key)
    {
        _bits = new KeyBits(key);
        var n = _hamiltonian.Dimension;
        _hamiltonian.SampleMomentum(_z, ref _bits);
        _forward.CopyFrom(_z);
        _backward.CopyFrom(_z);
        _sample.CopyFrom(_z);
        _propose.CopyFrom(_z);
        _hamiltonian.Velocity(_z, _pSharpFwdFwd);
        _pSharpFwdFwd.CopyTo(_pSharpFwdBck, 0);
        _pSharpFwdFwd.CopyTo(_pSharpBckFwd, 0);
        _pSharpFwdFwd.CopyTo(_pSharpBckBck, 0);
        _z.P.CopyTo(_pFwdFwd, 0);
        _z.P.CopyTo(_pFwdBck, 0);
        _z.P.CopyTo(_pBckFwd, 0);
        _z.P.CopyTo(_pBckBck, 0);
        _z.P.CopyTo(_rho, 0);
        var h0 = _hamiltonian.Energy(_z);
        var logSumWeight = 0.0;
        var depth = 0;
        var leapfrogs = 0;
        var sumMetroProb = 0.0;
        _divergent = false;

        while (depth < _maxDepth)
        {
            Array.Clear(_rhoForward);
            Array.Clear(_rhoBackward);
            bool valid;
            var logSumWeightSubtree = double.NegativeInfinity;
            if (_bits.Uniform() > 0.5)
            {
                // Extend forward: the backward half is the trajectory so far.
                _rho.CopyTo(_rhoBackward, 0);
                _pFwdBck.CopyTo(_pBckFwd, 0);
                _pSharpFwdBck.CopyTo(_pSharpBckFwd, 0);
                _z.CopyFrom(_forward);
                valid = BuildTree(depth, _propose, _pSharpFwdBck, _pSharpFwdFwd, _rhoForward, _pFwdBck, _pFwdFwd, h0, 1, ref leapfrogs, ref logSumWeightSubtree, ref sumMetroProb);
                _forward.CopyFrom(_z);
            }
            else
            {
                _rho.CopyTo(_rhoForward, 0);
                _pBckFwd.CopyTo(_pFwdBck, 0);
                _pSharpBckFwd.CopyTo(_pSharpFwdBck, 0);
                _z.CopyFrom(_backward);
                valid = BuildTree(depth, _propose, _pSharpBckFwd, _pSharpBckBck, _rhoBackward, _pBckFwd, _pBckBck, h0, -1, ref leapfrogs, ref logSumWeightSubtree, ref sumMetroProb);
                _backward.CopyFrom(_z);
            }
            if (!valid) break;
            depth++;

            // Multinomial sample from the new subtree, biased towards it.
            if (logSumWeightSubtree > logSumWeight) _sample.CopyFrom(_propose);
            else if (_bits.Uniform() < Math.Exp(logSumWeightSubtree - logSumWeight)) _sample.CopyFrom(_propose);
            logSumWeight = LogSumExp(logSumWeight, logSumWeightSubtree);

            for (var i = 0; i < n; i++) _rho[i] = _rhoBackward[i] + _rhoForward[i];
            var persist = Criterion(_pSharpBckBck, _pSharpFwdFwd, _rho);
            for (var i = 0; i < n; i++) _rhoExtended[i] = _rhoBackward[i] + _pFwdBck[i];
            persist &= Criterion(_pSharpBckBck, _pSharpFwdBck, _rhoExtended);
            for (var i = 0; i < n; i++) _rhoExtended[i] = _rhoForward[i] + _pBckFwd[i];
            persist &= Criterion(_pSharpBckFwd, _pSharpFwdFwd, _rhoExtended);
            if (!persist) break;
        }

        _z.CopyFrom(_sample);
        return new NutsStep(leapfrogs == 0 ? 0 : sumMetroProb / leapfrogs, depth, leapfrogs, _divergent, _hamiltonian.Energy(_z));
    }

    private bool BuildTree(int depth, PhasePoint propose, double[] pSharpBeg, double[] pSharpEnd, double[] rho, double[] pBeg, double[] pEnd,
        double h0, int sign, ref int leapfrogs, ref double logSumWeight, ref double sumMetroProb)
    {
        var n = _hamiltonian.Dimension;
        if (depth == 0)
        {
            _hamiltonian.Leapfrog(_z, sign * StepSize);
            leapfrogs++;
            var h = _hamiltonian.Energy(_z);
            if (h - h0 > MaxDeltaH) _divergent = true;
            logSumWeight = LogSumExp(logSumWeight, h0 - h);
            sumMetroProb += h0 - h > 0 ? 1 : Math.Exp(h0 - h);
            propose.CopyFrom(_z);
            _hamiltonian.Velocity(_z, pSharpBeg);
            pSharpBeg.CopyTo(pSharpEnd, 0);
            for (var i = 0; i < n; i++) rho[i] += _z.P[i];
            _z.P.CopyTo(pBeg, 0);
            _z.P.CopyTo(pEnd, 0);
            return !_divergent;
        }

        var level = _levels[depth];
        // The initial subtree.
        var logSumWeightInit = double.NegativeInfinity;
        Array.Clear(level.RhoInit);
        if (!BuildTree(depth - 1, propose, pSharpBeg, level.PSharpInitEnd, level.RhoInit, pBeg, level.PInitEnd, h0, sign, ref leapfrogs, ref logSumWeightInit, ref sumMetroProb))
            return false;
        // The final subtree, continuing from where the initial one ended.
        var proposeFinal = level.ProposeFinal;
        proposeFinal.CopyFrom(_z);
        var logSumWeightFinal = double.NegativeInfinity;
        Array.Clear(level.RhoFinal);
        if (!BuildTree(depth - 1, proposeFinal, level.PSharpFinalBeg, pSharpEnd, level.RhoFinal, level.PFinalBeg, pEnd, h0, sign, ref leapfrogs, ref logSumWeightFinal, ref sumMetroProb))
            return false;

        // Multinomial sample from the two subtrees.
        var logSumWeightSubtree = LogSumExp(logSumWeightInit, logSumWeightFinal);
        logSumWeight = LogSumExp(logSumWeight, logSumWeightSubtree);
        if (logSumWeightFinal > logSumWeightSubtree) propose.CopyFrom(proposeFinal);
        else if (_bits.Uniform() < Math.Exp(logSumWeightFinal - logSumWeightSubtree)) propose.CopyFrom(proposeFinal);

        var rhoSubtree = level.RhoExtended; // reused: rho of the merged subtree first
        for (var i = 0; i < n; i++)
        {
            rhoSubtree[i] = level.RhoInit[i] + level.RhoFinal[i];
            rho[i] += rhoSubtree[i];
        }
        var persist = Criterion(pSharpBeg, pSharpEnd, rhoSubtree);
        for (var i = 0; i < n; i++) rhoSubtree[i] = level.RhoInit[i] + level.PFinalBeg[i];
        persist &= Criterion(pSharpBeg, level.PSharpFinalBeg, rhoSubtree);
        for (var i = 0; i < n; i++) rhoSubtree[i] = level.RhoFinal[i] + level.PInitEnd[i];
        persist &= Criterion(level.PSharpInitEnd, pSharpEnd, rhoSubtree);
        return persist;
    }

    /// <summary>
    /// Stan's heuristic for a first step size: double or halve it until one leapfrog step's acceptance probability
    /// crosses 0.8.
    /// </summary>
    public void InitStepSize(Key key)
    {
        _bits = new KeyBits(key);
        var start = new PhasePoint(_hamiltonian.Dimension);
        start.CopyFrom(_z);
        _hamiltonian.SampleMomentum(_z, ref _bits);
        var h0 = _hamiltonian.Energy(_z);
        _hamiltonian.Leapfrog(_z, StepSize);
        var deltaH = h0 - _hamiltonian.Energy(_z);
        var direction = deltaH > Math.Log(0.8) ? 1 : -1;
        while (true)
        {
            _z.CopyFrom(start);
            _hamiltonian.SampleMomentum(_z, ref _bits);
            h0 = _hamiltonian.Energy(_z);
            _hamiltonian.Leapfrog(_z, StepSize);
            deltaH = h0 - _hamiltonian.Energy(_z);
            if (direction == 1 && !(deltaH > Math.Log(0.8))) break;
            if (direction == -1 && !(deltaH < Math.Log(0.8))) break;
            StepSize = direction == 1 ? 2 * StepSize : 0.5 * StepSize;
            if (StepSize > 1e7) throw new InvalidOperationException("NUTS's step size grew past 1e7 while searching for a first one: the posterior is improper (flat in some direction).");
            if (StepSize == 0) throw new InvalidOperationException("NUTS's step size fell to 0 while searching for a first one: the log density is not finite near the start.");
        }
        _z.CopyFrom(start);
    }

    private static bool Criterion(double[] pSharpMinus, double[] pSharpPlus, double[] rho) => Dot(pSharpPlus, rho) > 0 && Dot(pSharpMinus, rho) > 0;

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
