using static Gen.Combinators;
using static Gen.Distributions;

namespace Gen.Tests.Models;

/// <summary>Models for the inference library: an HMM with an exact forward algorithm, proposals, a model with an impossible observation.</summary>
public static partial class InferenceModels
{
    public static readonly double[] Initial = [0.4, 0.3, 0.3];
    public static readonly double[][] Transition = [[0.7, 0.15, 0.15], [0.15, 0.7, 0.15], [0.15, 0.15, 0.7]];
    public static readonly double[][] Emission = [[0.6, 0.25, 0.15], [0.2, 0.6, 0.2], [0.15, 0.25, 0.6]];

    /// <summary>One HMM step: hidden state "z" (from the initial distribution at t = 0), observation "y".</summary>
    [Gen]
    public static int HmmStep(int t, int previous)
    {
        var z = categorical(t == 0 ? Initial : Transition[previous]).At("z");
        categorical(Emission[z]).At("y");
        return z;
    }

    /// <summary>
    /// Beta-bernoulli as a state-space step: the bias "p" ~ Beta(2, 2) on step 0 only (a static parameter carried as the
    /// state), a flip "y" ~ Bernoulli(p) on every step.
    /// </summary>
    [Gen]
    public static double CoinStep(int t, double bias)
    {
        var p = t == 0 ? beta(2, 2).At("p") : bias;
        flip(p).At("y");
        return p;
    }

    /// <summary>
    /// A step whose call depends on the sign bit of a zero state: "x" ~ N(−3, 1) after −0.0, N(3, 1) after +0.0; the
    /// next state is −0.0 or +0.0 by x. States that are equal (<c>==</c>) but not the same bits must get their own
    /// calls (the chains remember recent calls by their states' bits).
    /// </summary>
    [Gen]
    public static double SignStep(int t, double sign)
    {
        var x = normal(double.IsNegative(sign) ? -3 : 3, 1).At("x");
        normal(x, 1).At("y");
        return x > 3 ? -0.0 : 0.0;
    }

    /// <summary>The HMM over <paramref name="steps"/> steps: choices ("steps", t, "z") and ("steps", t, "y").</summary>
    [Gen]
    public static int[] Hmm(int steps) => Scan(HmmStepGen, steps, 0).At("steps");

    /// <summary>
    /// The locally optimal proposal for step t's hidden state: q(z) ∝ p(z | previous) p(y | z), so that a particle's
    /// incremental weight is p(y_t | z_{t-1}) whatever z it draws. Samples ("steps", t, "z").
    /// </summary>
    [Gen]
    public static int HmmProposal(int previous, int t, int y) => categorical(Optimal(previous, t, y)).At(("steps", t, "z"));

    /// <summary>q(z) ∝ p(z | previous) p(y | z), normalised.</summary>
    private static double[] Optimal(int previous, int t, int y)
    {
        var probs = new double[Initial.Length];
        for (var z = 0; z < probs.Length; z++) probs[z] = (t == 0 ? Initial[z] : Transition[previous][z]) * Emission[z][y];
        var total = probs.Sum();
        for (var z = 0; z < probs.Length; z++) probs[z] /= total;
        return probs;
    }

    /// <summary>log p(y_0 … y_{T-1}) by the forward algorithm (scaled, so it is stable for long sequences).</summary>
    public static double ForwardLogLikelihood(int[] ys)
    {
        var states = Initial.Length;
        var alpha = new double[states];
        var total = 0.0;
        for (var t = 0; t < ys.Length; t++)
        {
            var next = new double[states];
            for (var j = 0; j < states; j++)
            {
                var prior = t == 0 ? Initial[j] : Enumerable.Range(0, states).Sum(i => alpha[i] * Transition[i][j]);
                next[j] = prior * Emission[j][ys[t]];
            }
            var norm = next.Sum();
            total += Math.Log(norm);
            alpha = next.Select(a => a / norm).ToArray();
        }
        return total;
    }

    /// <summary>A proposal for "mu" of <see cref="ConjugateModels.NormalNormal"/>: a normal with the given mean and spread.</summary>
    [Gen]
    public static double MuGuess(double mean, double sd) => normal(mean, sd).At("mu");

    /// <summary>A random-walk proposal for "mu", given the current trace (for MH with a custom proposal).</summary>
    [Gen]
    public static double MuDrift(Trace<double> trace) => normal(trace.Get<double>("mu"), 0.6).At("mu");

    /// <summary>
    /// An asymmetric proposal for "p" of <see cref="ConjugateModels.BetaBernoulli"/>: a beta that follows the current
    /// value but leans towards 0, so q(new | old) ≠ q(old | new) and without the Hastings correction the chain's mean
    /// would be far off.
    /// </summary>
    [Gen]
    public static double PDrift(Trace<double> trace)
    {
        var p = trace.Get<double>("p");
        return beta(6 * p + 1, 6 * (1 - p) + 3).At("p");
    }

    /// <summary>x ~ N(0, 1) and a flip that can never come up true: observing "never" = true has probability zero.</summary>
    [Gen]
    public static double Impossible()
    {
        var x = normal(0, 1).At("x");
        flip(0.0).At("never");
        return x;
    }

    /// <summary>A step whose coin can only come up true before step 2.</summary>
    [Gen]
    public static int FadingCoin(int t, int state)
    {
        flip(t < 2 ? 0.5 : 0.0).At("y");
        return state;
    }

    /// <summary>The locally optimal proposal for step t of a Scan of <see cref="HmmStep"/> (addresses (t, "z")).</summary>
    [Gen]
    public static int HmmStepProposal(int previous, int t, int y) => categorical(Optimal(previous, t, y)).At((t, "z"));

    /// <summary>A random walk observed with noise, as one model taking its step count: x_t ~ N(x_{t−1}, 1), y_t ~ N(x_t, 0.5²).</summary>
    [Gen]
    public static double Drift(int n)
    {
        var x = 0.0;
        for (var t = 0; t < n; t++)
        {
            x = normal(x, 1).At("x", t);
            normal(x, 0.5).At("y", t);
        }
        return x;
    }

    /// <summary>A proposal for <see cref="Drift"/>'s step t around the previous state.</summary>
    [Gen]
    public static double DriftProposal(double previous, int t) => normal(previous, 0.7).At(("x", t));
}
