using System;

namespace Gen.Inference;

/// <summary>
/// Stan's step-size adaptation: Nesterov dual averaging of log ε towards a target mean acceptance statistic
/// (γ = 0.05, t₀ = 10, κ = 0.75, μ = log 10ε₀).
/// </summary>
internal sealed class StepSizeAdaptation(double targetAcceptance)
{
    private const double Gamma = 0.05, T0 = 10, Kappa = 0.75;
    private double _mu, _sBar, _xBar;
    private int _counter;

    public void Restart(double stepSize)
    {
        _mu = Math.Log(10 * stepSize);
        _sBar = 0;
        _xBar = 0;
        _counter = 0;
    }

    /// <summary>The next step size after a transition whose acceptance statistic was <paramref name="acceptStat"/>.</summary>
    public double Learn(double acceptStat)
    {
        _counter++;
        acceptStat = Math.Min(1, acceptStat);
        var eta = 1.0 / (_counter + T0);
        _sBar = (1 - eta) * _sBar + eta * (targetAcceptance - acceptStat);
        var x = _mu - _sBar * Math.Sqrt(_counter) / Gamma;
        var xEta = Math.Pow(_counter, -Kappa);
        _xBar = (1 - xEta) * _xBar + xEta * x;
        return Math.Exp(x);
    }

    /// <summary>The step size for sampling: the averaged iterate.</summary>
    public double Final => Math.Exp(_xBar);
}

/// <summary>
/// Stan's windowed adaptation of a diagonal metric: after an initial buffer (75 iterations), windows of 25, 50, 100, …
/// (the last stretched to the terminal buffer of 50) each estimate the posterior variances, regularised towards 10⁻³ as
/// Stan does; each new metric restarts the step-size adaptation. Short warm-ups use 15 % / 75 % / 10 % instead.
/// </summary>
internal sealed class MetricAdaptation
{
    private readonly int _warmup, _initBuffer, _termBuffer;
    private int _windowSize, _nextWindow, _counter;
    private readonly Welford _estimator;

    public MetricAdaptation(int dimension, int warmup)
    {
        _warmup = warmup;
        _initBuffer = 75;
        _termBuffer = 50;
        _windowSize = 25;
        if (warmup < 20)
        {
            _initBuffer = warmup; // no window: the metric is not adapted
        }
        else if (_initBuffer + _windowSize + _termBuffer > warmup)
        {
            _initBuffer = (int)(0.15 * warmup);
            _termBuffer = (int)(0.1 * warmup);
            _windowSize = warmup - (_initBuffer + _termBuffer);
        }
        _nextWindow = _initBuffer + _windowSize - 1;
        _estimator = new Welford(dimension);
    }

    private bool InWindow => _counter >= _initBuffer && _counter < _warmup - _termBuffer && _counter != _warmup;

    private bool EndOfWindow => _counter == _nextWindow && _counter != _warmup;

    /// <summary>Adds the position of one warm-up iteration; true when a window ended and <paramref name="inverseMetric"/> was updated.</summary>
    public bool Learn(double[] inverseMetric, double[] q)
    {
        if (InWindow) _estimator.Add(q);
        if (EndOfWindow)
        {
            ComputeNextWindow();
            var n = _estimator.Count;
            _estimator.Variance(inverseMetric);
            for (var i = 0; i < inverseMetric.Length; i++)
                inverseMetric[i] = n / (n + 5.0) * inverseMetric[i] + 1e-3 * (5.0 / (n + 5.0));
            _estimator.Restart();
            _counter++;
            return true;
        }
        _counter++;
        return false;
    }

    private void ComputeNextWindow()
    {
        if (_nextWindow == _warmup - _termBuffer - 1) return;
        _windowSize *= 2;
        _nextWindow = _counter + _windowSize;
        if (_nextWindow != _warmup - _termBuffer - 1 && _nextWindow + 2 * _windowSize >= _warmup - _termBuffer)
            _nextWindow = _warmup - _termBuffer - 1;
    }

    /// <summary>Welford's running mean and variance per coordinate.</summary>
    private sealed class Welford(int n)
    {
        private readonly double[] _mean = new double[n], _m2 = new double[n];

        public int Count { get; private set; }

        public void Add(double[] q)
        {
            Count++;
            for (var i = 0; i < q.Length; i++)
            {
                var delta = q[i] - _mean[i];
                _mean[i] += delta / Count;
                _m2[i] += delta * (q[i] - _mean[i]);
            }
        }

        public void Variance(double[] into)
        {
            for (var i = 0; i < into.Length; i++) into[i] = Count > 1 ? _m2[i] / (Count - 1) : 1;
        }

        public void Restart()
        {
            Count = 0;
            Array.Clear(_mean);
            Array.Clear(_m2);
        }
    }
}
