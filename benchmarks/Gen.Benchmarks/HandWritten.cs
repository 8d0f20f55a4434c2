namespace Gen.Benchmarks;

/// <summary>
/// The baseline: the same work as the generated code, written by hand with the same keys, samplers and
/// densities (one key per site in program order, values and scores stored, constraints read from the ChoiceMap),
/// without any generative-function machinery.
/// </summary>
public static class HandWritten
{
    public sealed class LineTrace(int n)
    {
        public double Slope, SlopeScore, Intercept, InterceptScore, Score;
        public readonly double[] Y = new double[n], YScore = new double[n];
    }

    public static LineTrace SimulateLine(Key key, double[] xs)
    {
        var keys = new KeyStream(key);
        var t = new LineTrace(xs.Length);
        t.Slope = Normal.Sample(keys.Next(), 0, 1);
        t.Score += t.SlopeScore = Normal.LogDensity(t.Slope, 0, 1);
        t.Intercept = Normal.Sample(keys.Next(), 0, 2);
        t.Score += t.InterceptScore = Normal.LogDensity(t.Intercept, 0, 2);
        for (var i = 0; i < xs.Length; i++)
        {
            var mu = t.Slope * xs[i] + t.Intercept;
            var y = Normal.Sample(keys.Next(), mu, 0.5);
            t.Y[i] = y;
            t.Score += t.YScore[i] = Normal.LogDensity(y, mu, 0.5);
        }
        return t;
    }

    /// <summary>Importance with every y constrained: slope and intercept sampled, the y's scored into the weight.</summary>
    public static (LineTrace Trace, double Weight) ImportanceLine(Key key, double[] xs, ChoiceMap constraints)
    {
        var keys = new KeyStream(key);
        var t = new LineTrace(xs.Length);
        var weight = 0.0;
        t.Slope = Normal.Sample(keys.Next(), 0, 1);
        t.Score += t.SlopeScore = Normal.LogDensity(t.Slope, 0, 1);
        t.Intercept = Normal.Sample(keys.Next(), 0, 2);
        t.Score += t.InterceptScore = Normal.LogDensity(t.Intercept, 0, 2);
        for (var i = 0; i < xs.Length; i++)
        {
            keys.Reserve(); // the constrained site's key index is claimed, as the key rule says, but never derived
            if (!constraints.TryGet<double>("y", i, out var y)) throw new InvalidOperationException("every y is constrained");
            var score = Normal.LogDensity(y, t.Slope * xs[i] + t.Intercept, 0.5);
            t.Y[i] = y;
            t.Score += t.YScore[i] = score;
            weight += score;
        }
        return (t, weight);
    }

    /// <summary>Update of the slope: a new trace with the slope replaced and every y rescored.</summary>
    public static (LineTrace Trace, double Weight) UpdateSlope(LineTrace old, double[] xs, double slope)
    {
        var t = new LineTrace(xs.Length);
        var weight = 0.0;
        t.Slope = slope;
        t.Score += t.SlopeScore = Normal.LogDensity(slope, 0, 1);
        weight += t.SlopeScore - old.SlopeScore;
        t.Intercept = old.Intercept;
        t.Score += t.InterceptScore = Normal.LogDensity(t.Intercept, 0, 2);
        weight += t.InterceptScore - old.InterceptScore;
        for (var i = 0; i < xs.Length; i++)
        {
            var y = old.Y[i];
            var score = Normal.LogDensity(y, slope * xs[i] + t.Intercept, 0.5);
            t.Y[i] = y;
            t.Score += t.YScore[i] = score;
            weight += score - old.YScore[i];
        }
        return (t, weight);
    }

    public static double AssessLine(double[] xs, ChoiceMap choices)
    {
        var slope = choices.Get<double>("slope");
        var intercept = choices.Get<double>("intercept");
        var weight = Normal.LogDensity(slope, 0, 1) + Normal.LogDensity(intercept, 0, 2);
        for (var i = 0; i < xs.Length; i++)
        {
            if (!choices.TryGet<double>("y", i, out var y)) throw new InvalidOperationException("every y is needed");
            weight += Normal.LogDensity(y, slope * xs[i] + intercept, 0.5);
        }
        return weight;
    }

    /// <summary>The log joint of Line and its gradient in (slope, intercept), by hand: what the generated gradient body computes.</summary>
    public static double LineGradient(double[] xs, double[] ys, double slope, double intercept, Span<double> gradient)
    {
        var weight = Normal.LogDensity(slope, 0, 1) + Normal.LogDensity(intercept, 0, 2);
        double dSlope = -slope, dIntercept = -intercept / 4;
        for (var i = 0; i < xs.Length; i++)
        {
            var mean = slope * xs[i] + intercept;
            weight += Normal.LogDensity(ys[i], mean, 0.5);
            var dMean = (ys[i] - mean) / 0.25;
            dSlope += dMean * xs[i];
            dIntercept += dMean;
        }
        gradient[0] = dSlope;
        gradient[1] = dIntercept;
        return weight;
    }

    /// <summary>
    /// The regression's log joint in (beta, u = log sigma) with the log-Jacobian u, and its gradient, by hand: the
    /// target NUTS evaluates (position = beta_1..beta_d, u).
    /// </summary>
    public static double RegressionGradient(double[][] x, double[] y, ReadOnlySpan<double> position, Span<double> gradient)
    {
        var d = position.Length - 1;
        var sigma = Math.Exp(position[d]);
        var weight = HalfNormal.LogDensity(sigma, 10) + position[d];
        var dSigma = -sigma / 100;
        for (var k = 0; k < d; k++)
        {
            weight += Normal.LogDensity(position[k], 0, 10);
            gradient[k] = -position[k] / 100;
        }
        for (var n = 0; n < x.Length; n++)
        {
            var row = x[n];
            var mean = 0.0;
            for (var k = 0; k < d; k++) mean += row[k] * position[k];
            weight += Normal.LogDensity(y[n], mean, sigma);
            var z = (y[n] - mean) / sigma;
            for (var k = 0; k < d; k++) gradient[k] += z / sigma * row[k];
            dSigma += (z * z - 1) / sigma;
        }
        gradient[d] = dSigma * sigma + 1;
        return weight;
    }

    public sealed class WalkTrace(int n)
    {
        public double X0, X0Score, Score;
        public readonly double[] X = new double[n], XScore = new double[n];
    }

    public static WalkTrace SimulateWalk(Key key, int steps)
    {
        var keys = new KeyStream(key);
        var t = new WalkTrace(steps);
        var x = t.X0 = Normal.Sample(keys.Next(), 0, 1);
        t.Score += t.X0Score = Normal.LogDensity(x, 0, 1);
        for (var i = 0; i < steps; i++)
        {
            var next = Normal.Sample(keys.Next(), x, 0.3);
            t.X[i] = next;
            t.Score += t.XScore[i] = Normal.LogDensity(next, x, 0.3);
            x = next;
        }
        return t;
    }

    public static (WalkTrace Trace, double Weight) ImportanceWalk(Key key, int steps, ChoiceMap constraints)
    {
        var keys = new KeyStream(key);
        var t = new WalkTrace(steps);
        var weight = 0.0;
        var x = t.X0 = Normal.Sample(keys.Next(), 0, 1);
        t.Score += t.X0Score = Normal.LogDensity(x, 0, 1);
        for (var i = 0; i < steps; i++)
        {
            keys.Reserve();
            if (!constraints.TryGet<double>("x", i, out var next)) throw new InvalidOperationException("every x is constrained");
            var score = Normal.LogDensity(next, x, 0.3);
            t.X[i] = next;
            t.Score += t.XScore[i] = score;
            weight += score;
            x = next;
        }
        return (t, weight);
    }

    /// <summary>Update of x0: a new trace with x0 replaced and every step rescored.</summary>
    public static (WalkTrace Trace, double Weight) UpdateX0(WalkTrace old, int steps, double x0)
    {
        var t = new WalkTrace(steps);
        var x = t.X0 = x0;
        t.Score += t.X0Score = Normal.LogDensity(x0, 0, 1);
        var weight = t.X0Score - old.X0Score;
        for (var i = 0; i < steps; i++)
        {
            var next = old.X[i];
            var score = Normal.LogDensity(next, x, 0.3);
            t.X[i] = next;
            t.Score += t.XScore[i] = score;
            weight += score - old.XScore[i];
            x = next;
        }
        return (t, weight);
    }

    public static double AssessWalk(int steps, ChoiceMap choices)
    {
        var x = choices.Get<double>("x0");
        var weight = Normal.LogDensity(x, 0, 1);
        for (var i = 0; i < steps; i++)
        {
            if (!choices.TryGet<double>("x", i, out var next)) throw new InvalidOperationException("every x is needed");
            weight += Normal.LogDensity(next, x, 0.3);
            x = next;
        }
        return weight;
    }
}
