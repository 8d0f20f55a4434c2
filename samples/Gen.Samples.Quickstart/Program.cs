// Gen for .NET quickstart: a [Gen] model, its compiled IR, simulation, importance sampling, MCMC and NUTS.
using Gen;
using Gen.Inference;
using Gen.Samples.Quickstart;
using static Gen.Transforms;

var xs = new[] { -2.0, -1.0, 0.0, 1.0, 2.0, 3.0 };

// 1. The generator compiled Line into LineGen; its sample-primitive IR is printable.
Console.WriteLine("The compiled model:");
Console.WriteLine(Models.LineGen(xs).Ir);

// 2. Simulate synthetic data with a fixed key (reproducible), and keep the true slope.
var truth = Seed(new Key(2024), () => Models.LineGen(xs).Simulate());
Console.WriteLine($"True slope {truth.Get<double>("slope"):F3}, intercept {truth.Get<double>("intercept"):F3}");

// 3. Condition on the observations only, and infer slope and intercept by importance sampling.
var observations = new ChoiceMapBuilder();
for (var i = 0; i < xs.Length; i++) observations[("y", i)] = truth.Get<double>(("y", i));
var watch = System.Diagnostics.Stopwatch.StartNew();
var particles = Seed(new Key(7), () => Models.LineGen(xs).ImportanceK(20_000, observations.Build()));
var perSecond = particles.Count / watch.Elapsed.TotalSeconds; // first call: includes the JIT (dotnet run -c Release for speed)
Console.WriteLine($"Importance sampling, {particles.Count} particles (ESS {particles.EffectiveSampleSize():F0}; " +
    $"{particles.Path} path, {perSecond:N0} particles/s):");
Console.WriteLine($"  posterior mean slope     {particles.Mean(t => t.Get<double>("slope")):F3}");
Console.WriteLine($"  posterior mean intercept {particles.Mean(t => t.Get<double>("intercept")):F3}");
Console.WriteLine($"  log marginal likelihood  {particles.LogMarginalLikelihood():F3}");

// 4. Metropolis-Hastings with Regenerate: resample the slope, then the intercept, accept by the weight.
var chain = Seed(new Key(8), () =>
{
    var (trace, _) = Models.LineGen(xs).Importance(observations.Build());
    var slopes = new List<double>();
    var acceptance = new KeyStream(new Key(9)); // the accept/reject uniforms come from keys too: reproducible
    for (var step = 0; step < 5_000; step++)
    {
        foreach (var address in new[] { "slope", "intercept" })
        {
            var proposal = trace.Regenerate(Selection.Of(address));
            if (Math.Log(acceptance.Next().Uniform()) < proposal.Weight) trace = proposal.Trace;
        }
        if (step >= 1_000) slopes.Add(trace.Get<double>("slope"));
    }
    return slopes;
});
Console.WriteLine($"Metropolis-Hastings, 4,000 kept steps: posterior mean slope {chain.Average():F3}");

// 5. NUTS: the gradient the generator compiled from Line's body drives Stan's sampler (4 chains, in parallel).
var nuts = Seed(new Key(10), () => Nuts.Run(Models.LineGen(xs), observations.Build(), new NutsOptions { Chains = 4, Warmup = 500, Samples = 1000 }));
Console.WriteLine($"NUTS, {nuts.Chains} chains x {nuts.Samples} draws, {nuts.Divergences} divergences:");
foreach (var name in new[] { "slope", "intercept" })
    Console.WriteLine($"  {name,-9} {nuts.Mean(name):F3} ± {nuts.StandardDeviation(name):F3}  (bulk ESS {nuts.EssBulk(name):F0}, R-hat {nuts.RHat(name):F3}, MCSE {nuts.McseMean(name):F4})");

// 6. The model is conjugate, so the exact posterior is known: compare.
var exact = ExactPosterior(xs, Enumerable.Range(0, xs.Length).Select(i => truth.Get<double>(("y", i))).ToArray());
Console.WriteLine("Exact posterior:");
Console.WriteLine($"  slope     {exact.Slope:F3} ± {exact.SlopeSd:F3}");
Console.WriteLine($"  intercept {exact.Intercept:F3} ± {exact.InterceptSd:F3}");

// Posterior of (slope, intercept) under the N(0, 1) x N(0, 2²) prior and noise 0.5: a Gaussian whose precision is the
// prior's plus the data's (precision-weighted least squares).
static (double Slope, double SlopeSd, double Intercept, double InterceptSd) ExactPosterior(double[] xs, double[] ys)
{
    double noise = 1 / (0.5 * 0.5);
    double a = 1 + noise * xs.Sum(x => x * x), b = noise * xs.Sum(), d = 0.25 + noise * xs.Length;
    double u = noise * xs.Zip(ys, (x, y) => x * y).Sum(), v = noise * ys.Sum();
    var det = a * d - b * b;
    return ((d * u - b * v) / det, Math.Sqrt(d / det), (a * v - b * u) / det, Math.Sqrt(a / det));
}
