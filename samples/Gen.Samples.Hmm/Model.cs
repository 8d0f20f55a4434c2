using static Gen.Combinators;
using static Gen.Distributions;

namespace Gen.Samples.Hmm;

/// <summary>
/// A hidden Markov model of the weather: three hidden states (sunny, cloudy, rainy) that tend to persist, and a
/// daily observation of what people carry (nothing, a jacket, an umbrella).
/// </summary>
public static partial class Weather
{
    public static readonly string[] States = ["sunny", "cloudy", "rainy"];
    public static readonly double[] Initial = [0.5, 0.3, 0.2];
    public static readonly double[][] Transition = [[0.75, 0.2, 0.05], [0.25, 0.5, 0.25], [0.1, 0.3, 0.6]];
    public static readonly double[][] Emission = [[0.7, 0.25, 0.05], [0.3, 0.5, 0.2], [0.05, 0.25, 0.7]];

    /// <summary>Day t: the weather "z" given yesterday's (the initial distribution on day 0), then the observation "y".</summary>
    [Gen]
    public static int Day(int t, int yesterday)
    {
        var z = categorical(t == 0 ? Initial : Transition[yesterday]).At("z");
        categorical(Emission[z]).At("y");
        return z;
    }

    /// <summary>
    /// The model over <paramref name="days"/> days: a Scan of <see cref="Day"/>, choices (t, "z") and (t, "y"). Written as
    /// the Scan itself, not a <c>[Gen]</c> model calling it, so that a particle filter extends each particle by one step in
    /// the step's columns (docs/inference.md, "Scan chains").
    /// </summary>
    public static GenerativeFunction<int[]> Days(int days) => Scan(DayGen, days, 0);

    /// <summary>
    /// The locally optimal proposal for day t's weather: q(z) ∝ p(z | yesterday) p(y_t | z), which looks at the day's
    /// observation, so every particle's weight grows by p(y_t | yesterday).
    /// </summary>
    [Gen]
    public static int Guess(int yesterday, int t, int y)
    {
        var probs = new double[States.Length];
        for (var z = 0; z < probs.Length; z++) probs[z] = (t == 0 ? Initial[z] : Transition[yesterday][z]) * Emission[z][y];
        var total = probs.Sum();
        for (var z = 0; z < probs.Length; z++) probs[z] /= total;
        return categorical(probs).At((t, "z"));
    }

    /// <summary>log p(y_0, …, y_{T-1}) exactly, by the forward algorithm (normalised each day, so it is stable).</summary>
    public static double ForwardLogLikelihood(int[] ys)
    {
        var n = States.Length;
        var alpha = new double[n];
        var total = 0.0;
        for (var t = 0; t < ys.Length; t++)
        {
            var next = new double[n];
            for (var j = 0; j < n; j++)
            {
                var prior = 0.0;
                for (var i = 0; i < n; i++) prior += alpha[i] * Transition[i][j];
                next[j] = (t == 0 ? Initial[j] : prior) * Emission[j][ys[t]];
            }
            var norm = next.Sum();
            total += Math.Log(norm);
            for (var j = 0; j < n; j++) alpha[j] = next[j] / norm;
        }
        return total;
    }
}
