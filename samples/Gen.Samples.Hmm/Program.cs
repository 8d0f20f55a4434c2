// An HMM as a Scan, filtered by SMC (a particle filter); its log marginal likelihood estimate is compared with the
// exact value from the forward algorithm, for the bootstrap proposal (the prior) and the locally optimal one.
// Timings: `dotnet run -c Release --project samples/Gen.Samples.Hmm` where speed matters (Debug builds are several times slower).
using System.Diagnostics;
using Gen;
using Gen.Inference;
using Gen.Samples;
using Gen.Samples.Hmm;
using static Gen.Transforms;

const int Days = 50;
var truth = Seed(new Key(7), () => Weather.Days(Days).Simulate());
var ys = Enumerable.Range(0, Days).Select(t => truth.Get<int>((t, "y"))).ToArray();
var perDay = ys.Select((y, t) => ChoiceMap.Of(((t, "y"), y))).ToArray();
var exact = Weather.ForwardLogLikelihood(ys);
Console.WriteLine($"{Days} days of observations simulated from the model; exact log p(observations) = {exact:F4} (forward algorithm).");

Func<Trace<int[]>?, int, GenerativeFunction<int>> optimal = (trace, t) => Weather.GuessGen(t == 0 ? 0 : trace!.Retval[t - 1], t, ys[t]);
SmcResult<int[]> Filter(int particles, ulong key, bool useOptimal) => Seed(new Key(key), () => useOptimal
    ? ParticleFilter.Run(t => Weather.Days(t + 1), perDay, particles, optimal)
    : ParticleFilter.Run(t => Weather.Days(t + 1), perDay, particles));

// Ten independent filters (different keys) per particle count and proposal: the spread of the estimates shrinks as
// 1/sqrt(particles), and the optimal proposal's spread is smaller at every count.
int[] counts = [100, 300, 1_000];
const int Runs = 10;
var estimates = new Dictionary<(int, bool), double[]>();
Console.WriteLine($"{"particles",9} {"proposal",9} {"mean error",11} {"sd",7} {"max |error|",12} {"ms per run",11} {"particle-steps/s",17}");
foreach (var useOptimal in new[] { false, true })
foreach (var n in counts)
{
    var watch = Stopwatch.StartNew();
    var errors = Enumerable.Range(0, Runs).Select(k => Filter(n, 100 + (ulong)k, useOptimal).LogMarginalLikelihood - exact).ToArray();
    var ms = watch.Elapsed.TotalMilliseconds / Runs;
    estimates[(n, useOptimal)] = errors;
    var mean = errors.Average();
    var sd = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (Runs - 1));
    Console.WriteLine($"{n,9} {(useOptimal ? "optimal" : "prior"),9} {mean,11:F4} {sd,7:F4} {errors.Max(Math.Abs),12:F4} {ms,11:F0} {n * Days / (ms / 1000),17:N0}");
}

// The posterior probability of rain on each day, from the final particles of one run, beside the truth.
var filtered = Filter(1_000, 1, useOptimal: true).Particles;
var rainy = Enumerable.Range(0, Days).Select(t => filtered.Mean(tr => tr.Retval[t] == 2 ? 1 : 0)).ToArray();
var hits = Enumerable.Range(0, Days).Count(t => (rainy[t] > 0.5) == (truth.Retval[t] == 2));
Console.WriteLine($"P(rain) from the final particles (1,000, optimal proposal) agrees with the true rainy days on {hits} of {Days} days.");

var plot = new SvgPlot($"SMC estimates of log p(observations) minus the exact value ({Days} days, {Runs} runs each)",
    "particles (log10)", "estimate − exact (nats)", Math.Log10(70), Math.Log10(1_500), -1.5, 0.75);
plot.Line([(Math.Log10(70), 0), (Math.Log10(1_500), 0)], "black", 1, dashed: true);
foreach (var ((n, useOptimal), errors) in estimates)
    foreach (var e in errors)
        plot.Point(Math.Log10(n) + (useOptimal ? 0.03 : -0.03), Math.Clamp(e, -1.49, 0.74), useOptimal ? "#2ca02c" : "#d62728", 3, 0.7);
plot.Label(Math.Log10(75), 0.6, "red: bootstrap (prior) proposal; green: locally optimal proposal; dashed: exact");
Console.WriteLine($"Plot: {plot.Save("hmm-smc.svg")}");
