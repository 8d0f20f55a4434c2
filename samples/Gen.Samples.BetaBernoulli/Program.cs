// Beta-bernoulli: a coin's bias from ten flips, by importance sampling, SMC and Metropolis-Hastings, against the exact
// conjugate posterior Beta(a + heads, b + tails). `--bench` times the inference for benchmarks/webppl/run.sh instead.
// Timings: `dotnet run -c Release --project samples/Gen.Samples.BetaBernoulli` where speed matters (Debug is several times slower).
using System.Diagnostics;
using System.Globalization;
using Gen;
using Gen.Inference;
using Gen.Samples;
using Gen.Samples.BetaBernoulli;
using MathNet.Numerics;
using static Gen.Transforms;

bool[] flips = [true, true, false, true, true, true, false, true, true, false];
var observations = ChoiceMap.Of(flips.Select((f, i) => ((Address)("flip", i), (object)f)).ToArray());
var perFlip = flips.Select((f, i) => ChoiceMap.Of((("flip", i), f))).ToArray();
var perStep = flips.Select((f, t) => ChoiceMap.Of(((t, "flip"), f))).ToArray();
const int Particles = 10_000;

var heads = flips.Count(f => f);
double a = Coin.A + heads, b = Coin.B + flips.Length - heads;
var exactMean = a / (a + b);
var exactLogEvidence = SpecialFunctions.BetaLn(a, b) - SpecialFunctions.BetaLn(Coin.A, Coin.B);

if (args.Contains("--bench"))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"system\":\"exact\",\"algorithm\":\"closed form\",\"mean\":{exactMean},\"logZ\":{exactLogEvidence}}}"));
    Bench();
    return;
}
Console.WriteLine($"Ten flips, {heads} heads. Prior Beta({Coin.A}, {Coin.B}); exact posterior Beta({a}, {b}).");
Console.WriteLine($"{"method",-36} {"E[p | flips]",13} {"log p(flips)",13}");
Console.WriteLine($"{"exact",-36} {exactMean,13:F4} {exactLogEvidence,13:F4}");

// 1. Importance sampling with the prior as proposal: 10,000 particles, in parallel, reproducible on a fixed key.
var watch = Stopwatch.StartNew();
var particles = Seed(new Key(1), () => Coin.FlipsGen(flips.Length).ImportanceK(Particles, observations));
var seconds = watch.Elapsed.TotalSeconds;
Console.WriteLine($"{"importance sampling, 10,000 particles",-36} {particles.Mean(t => t.Retval),13:F4} {particles.LogMarginalLikelihood(),13:F4}" +
                  $"   (ESS {particles.EffectiveSampleSize():F0}; {Particles / seconds:N0} particles/s, the first run: JIT included)");

// 2. SMC: one flip at a time, resampling whenever the effective sample size falls below half.
watch.Restart();
var smc = Seed(new Key(2), () => ParticleFilter.Run(t => Coin.FlipsGen(t + 1), perFlip, Particles));
seconds = watch.Elapsed.TotalSeconds;
Console.WriteLine($"{"SMC over the flips, 10,000 particles",-36} {smc.Particles.Mean(t => t.Retval),13:F4} {smc.LogMarginalLikelihood,13:F4}" +
                  $"   (resampled {smc.ResampledBefore.Count} times; {Particles * flips.Length / seconds:N0} particle-steps/s)");

// 2b. The same filter over the Scan form of the model (Coin.Series): each step extends every particle by one flip in
// that step's columns instead of re-running the earlier flips, so it runs several times faster.
watch.Restart();
var scan = Seed(new Key(2), () => ParticleFilter.Run(t => Coin.Series(t + 1), perStep, Particles));
seconds = watch.Elapsed.TotalSeconds;
Console.WriteLine($"{"SMC over the Scan form",-36} {scan.Particles.Mean((0, "p")),13:F4} {scan.LogMarginalLikelihood,13:F4}" +
                  $"   (resampled {scan.ResampledBefore.Count} times; {Particles * flips.Length / seconds:N0} particle-steps/s)");

// 3. Metropolis-Hastings: resample p from its prior and accept by the weight; 20,000 steps after 500 of burn-in.
var chain = Seed(new Key(3), () =>
{
    var (start, _) = Coin.FlipsGen(flips.Length).Importance(observations);
    return Mcmc.Run(start, 20_000, t => Mcmc.MetropolisHastings(t, Selection.Of("p")), new McmcOptions { BurnIn = 500 });
});
Console.WriteLine($"{"Metropolis-Hastings, 20,000 steps",-36} {chain.Mean(t => t.Retval),13:F4} {"",13}" +
                  $"   (± {chain.StandardError(t => t.Retval):F4}, acceptance {chain.AcceptanceRate:P0})");

// The posterior density: exact curve against a histogram of the resampled particles.
var resampled = Seed(new Key(4), () => particles.Resample());
const int Bins = 25;
var counts = new double[Bins];
foreach (var trace in resampled.Traces) counts[Math.Min(Bins - 1, (int)(trace.Retval * Bins))]++;
var plot = new SvgPlot("Posterior of the coin's bias p after 7 heads in 10 flips", "p", "density", 0, 1, 0, 3.5)
    .Line(Enumerable.Range(1, 99).Select(i => (i / 100.0, Math.Exp(MathNet.Numerics.Distributions.Beta.PDFLn(a, b, i / 100.0)))), "#1f77b4", 2.5)
    .Line(counts.SelectMany((c, i) => new[] { ((double)i / Bins, c * Bins / Particles), ((i + 1.0) / Bins, c * Bins / Particles) }), "#d62728", 1.5)
    .Label(0.05, 3.2, "blue: exact Beta(9, 5)", "#1f77b4")
    .Label(0.05, 2.95, "red: 10,000 resampled importance particles", "#d62728");
Console.WriteLine($"Plot of the posterior: {plot.Save("beta-bernoulli.svg")}");

// The WebPPL side-by-side (benchmarks/webppl/run.sh): the same two algorithms with 10,000 particles, the first run
// (cold: JIT compilation included) and the best of five more; one JSON line per algorithm.
void Bench()
{
    Report("importance", () =>
    {
        var p = Coin.FlipsGen(flips.Length).ImportanceK(Particles, observations);
        return (p.Mean(t => t.Retval), p.LogMarginalLikelihood());
    });
    var everyStep = new SmcOptions { EssThreshold = 1, Resampling = ResamplingMethod.Multinomial };
    Report("smc", () =>
    {
        var r = ParticleFilter.Run(t => Coin.FlipsGen(t + 1), perFlip, Particles, everyStep);
        return (r.Particles.Mean(t => t.Retval), r.LogMarginalLikelihood);
    });
    // The same filter over the Scan form of the model: each step extends every particle by one flip, as WebPPL's
    // continuations do, instead of re-running the earlier flips.
    Report("smc, Scan", () =>
    {
        var r = ParticleFilter.Run(t => Coin.Series(t + 1), perStep, Particles, everyStep);
        return (r.Particles.Mean((0, "p")), r.LogMarginalLikelihood);
    });
}

static void Report(string algorithm, Func<(double Mean, double LogZ)> run)
{
    var times = new List<double>();
    (double Mean, double LogZ) answer = default;
    for (var i = 0; i < 6; i++)
    {
        var watch = Stopwatch.StartNew();
        answer = Seed(new Key(100 + (ulong)i), run);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"system\":\"gen-dotnet\",\"algorithm\":\"{algorithm}\",\"mean\":{answer.Mean},\"logZ\":{answer.LogZ},\"firstMs\":{times[0]:F1},\"bestMs\":{times.Skip(1).Min():F1}}}"));
}
