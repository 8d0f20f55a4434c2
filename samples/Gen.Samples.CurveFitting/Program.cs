// Curve fitting with outliers (the Gen tutorial): a quadratic, an outlier flag per point, the points mapped with Vmap.
// Inference by importance sampling (100,000 particles on all cores) and by Metropolis-Hastings with block moves: a
// custom random-walk proposal for the coefficients and prior regeneration of each outlier flag.
// Timings: `dotnet run -c Release --project samples/Gen.Samples.CurveFitting` where speed matters (Debug is several times slower).
using System.Diagnostics;
using Gen;
using Gen.Inference;
using Gen.Samples;
using Gen.Samples.CurveFitting;
using static Gen.Transforms;

var xs = Enumerable.Range(0, 20).Select(i => -2 + 4.0 * i / 19).ToArray();
double[] trueCoefficients = [0.5, 1.0, -0.6];

// Synthetic data from the model itself with the parameters fixed: a fixed key makes it the same on every run.
var truth = Seed(new Key(2024), () => Curve.ModelGen(xs).Importance(ChoiceMap.Of(
    ("c0", trueCoefficients[0]), ("c1", trueCoefficients[1]), ("c2", trueCoefficients[2]), ("prob_outlier", 0.2), ("noise", 0.3))).Trace);
var ys = truth.Retval;
var trueOutliers = Enumerable.Range(0, xs.Length).Where(i => truth.Get<bool>(("data", i, "outlier"))).ToArray();
var observations = ChoiceMap.Of(ys.Select((y, i) => ((Address)("data", i, "y"), (object)y)).ToArray());
Console.WriteLine($"{xs.Length} points from y = {trueCoefficients[0]} + {trueCoefficients[1]} x {trueCoefficients[2]} x², noise 0.3; " +
                  $"true outliers at {string.Join(", ", trueOutliers)}.");

// 1. Importance sampling with the prior as proposal.
var watch = Stopwatch.StartNew();
var particles = Seed(new Key(1), () => Curve.ModelGen(xs).ImportanceK(100_000, observations));
var elapsed = watch.Elapsed;
// The particles are held in columns (ParticlePath.Batch), the Vmap's calls too: these means read them without making traces.
var isCoefficients = new[] { "c0", "c1", "c2" }.Select(c => particles.Mean(c)).ToArray();
var isOutlier = xs.Select((_, i) => particles.Mean(t => t.Get<bool>(("data", i, "outlier")) ? 1 : 0)).ToArray();
Console.WriteLine($"Importance sampling, 100,000 particles in {elapsed.TotalSeconds:F2} s ({100_000 / elapsed.TotalSeconds:N0} particles/s, {particles.Path}), " +
                  $"ESS {particles.EffectiveSampleSize():F1}, log p(data) ≈ {particles.LogMarginalLikelihood():F2}");
Console.WriteLine($"  coefficients {Format(isCoefficients)}");

// 2. Metropolis-Hastings, started from one trace drawn by sampling-importance-resampling (1,000 particles): each
//    sweep moves each coefficient by a random walk (a custom proposal), the outlier rate and noise from their prior,
//    then every outlier flag from its prior. 5,000 sweeps after 500 of burn-in.
watch.Restart();
var chain = Seed(new Key(2), () =>
{
    var (start, _) = ImportanceSampling.Resample(Curve.ModelGen(xs), observations, 1_000);
    return Mcmc.Run(start, 5_000, Sweep, new McmcOptions { BurnIn = 500 });
});
elapsed = watch.Elapsed;
var mhCoefficients = new[] { "c0", "c1", "c2" }.Select(c => chain.Mean(t => t.Get<double>(c))).ToArray();
var mhOutlier = xs.Select((_, i) => chain.Mean(t => t.Get<bool>(("data", i, "outlier")) ? 1 : 0)).ToArray();
Console.WriteLine($"Metropolis-Hastings, 5,500 sweeps of {5 + xs.Length} moves in {elapsed.TotalSeconds:F2} s, " +
                  $"c1 moves accepted {chain.AcceptanceRate:P0}");
Console.WriteLine($"  coefficients {Format(mhCoefficients)} (± {Format(new[] { "c0", "c1", "c2" }.Select(c => chain.StandardError(t => t.Get<double>(c))).ToArray())})");

Console.WriteLine("Posterior probability that each point is an outlier (importance sampling / MH), * = true outlier:");
for (var i = 0; i < xs.Length; i++)
    if (isOutlier[i] > 0.2 || mhOutlier[i] > 0.2 || trueOutliers.Contains(i))
        Console.WriteLine($"  point {i,2} (x {xs[i],5:F2}, y {ys[i],6:F2}): {isOutlier[i]:F2} / {mhOutlier[i]:F2}{(trueOutliers.Contains(i) ? " *" : "")}");

// The picture: data (outliers by the MH posterior in red), the true curve dashed, 30 posterior curves from the chain.
var plot = new SvgPlot("Curve fitting with outliers: data and posterior curves", "x", "y", -2.2, 2.2, -8, 8);
IEnumerable<(double, double)> CurveLine(double[] c) => Enumerable.Range(0, 81).Select(k => -2.0 + k * 0.05).Select(x => (x, c[0] + c[1] * x + c[2] * x * x));
foreach (var sample in chain.Samples.Where((_, k) => k % (chain.Samples.Count / 30) == 0))
    plot.Line(CurveLine([sample.Get<double>("c0"), sample.Get<double>("c1"), sample.Get<double>("c2")]), "#1f77b4", 1, 0.25);
plot.Line(CurveLine(trueCoefficients), "black", 1.5, dashed: true);
for (var i = 0; i < xs.Length; i++) plot.Point(xs[i], Math.Clamp(ys[i], -7.9, 7.9), mhOutlier[i] > 0.5 ? "#d62728" : "black");
plot.Label(-2.1, 7.2, "dashed: true curve; blue: posterior curves (MH); red: points the posterior calls outliers");
Console.WriteLine($"Plot: {plot.Save("curve-fitting.svg")}");

static string Format(double[] values) => "[" + string.Join(", ", values.Select(v => v.ToString("F3"))) + "]";

(Trace<double[]> Trace, bool Accepted) Sweep(Trace<double[]> trace)
{
    var next = Mcmc.MetropolisHastings(trace, t => Curve.DriftGen(t, "c0", 0.2)).Trace;
    (next, var accepted) = Mcmc.MetropolisHastings(next, t => Curve.DriftGen(t, "c1", 0.2));
    next = Mcmc.MetropolisHastings(next, t => Curve.DriftGen(t, "c2", 0.1)).Trace;
    next = Mcmc.MetropolisHastings(next, Selection.Of("prob_outlier")).Trace;
    next = Mcmc.MetropolisHastings(next, Selection.Of("noise")).Trace;
    for (var i = 0; i < xs.Length; i++) next = Mcmc.MetropolisHastings(next, Selection.Of(("data", i, "outlier"))).Trace;
    return (next, accepted);
}
