// HMC-within-SIR (the seed PR's example): importance sampling from the prior, resampling, then HMC rejuvenation of every
// particle, which turns the resampled duplicates back into distinct draws of the posterior. NUTS gives the reference.
//   dotnet run -c Release --project samples/Gen.Samples.HmcWithinSir
using Gen;
using Gen.Inference;
using Gen.Samples.HmcWithinSir;
using static Gen.Transforms;

// Synthetic data from known parameters (slope 1.5, intercept -0.5, noise 0.4).
var xs = Enumerable.Range(0, 20).Select(i => -2 + 4.0 * i / 19).ToArray();
var observations = ChoiceMap.Of(xs.Select((x, i) => ((Address)("y", i), (object)(1.5 * x - 0.5 + Distributions.normal(0, 0.4).Sample(new Key(1).FoldIn((uint)i))))).ToArray());
var model = Regression.LineGen(xs);
var moved = Selection.Of("slope", "intercept", "noise");

// 1. Importance sampling from the prior: with 20 observations most particles are far from the posterior.
const int K = 2_000;
var particles = Seed(new Key(2), () => model.ImportanceK(K, observations));
Report($"Importance ({K:N0} particles)", particles, $"ESS {particles.EffectiveSampleSize():F1}");

// 2. Resampling: K particles again, but copies of the few good ones.
var resampled = Seed(new Key(3), () => particles.Resample());
Report("Resampled", resampled, $"{Distinct(resampled)} distinct particles");

// 3. HMC rejuvenation: every particle takes HMC steps that leave the posterior invariant, in parallel.
const int Sweeps = 20;
var rejuvenated = resampled;
for (var sweep = 1; sweep <= Sweeps; sweep++)
{
    var stage = rejuvenated;
    rejuvenated = Seed(new Key(10 + (ulong)sweep), () => stage.Rejuvenate(t => Mcmc.Hmc(t, moved, steps: 10, stepSize: 0.05).Trace));
}
Report($"After {Sweeps} HMC sweeps", rejuvenated, $"{Distinct(rejuvenated)} distinct particles");

// 4. The reference: NUTS, 4 chains.
var nuts = Seed(new Key(4), () => Nuts.Run(model, observations, new NutsOptions { Chains = 4 }));
Console.WriteLine($"{"NUTS reference",-28} slope {nuts.Mean("slope"),7:F3} ± {nuts.StandardDeviation("slope"):F3}   intercept {nuts.Mean("intercept"),7:F3} ± {nuts.StandardDeviation("intercept"):F3}   " +
                  $"noise {nuts.Mean("noise"),6:F3} ± {nuts.StandardDeviation("noise"):F3}   R-hat ≤ {nuts.Addresses.Max(a => nuts.RHat(a)):F3}");

static void Report(string stage, Particles<double> p, string note)
{
    string Moment(string name)
    {
        var mean = p.Mean(t => t.Get<double>(name));
        var sd = Math.Sqrt(Math.Max(0, p.Mean(t => Math.Pow(t.Get<double>(name) - mean, 2))));
        return $"{name} {mean,7:F3} ± {sd:F3}";
    }
    Console.WriteLine($"{stage,-28} {Moment("slope")}   {Moment("intercept")}   {Moment("noise")}   ({note})");
}

static int Distinct(Particles<double> p) => p.Traces.Select(t => (t.Get<double>("slope"), t.Get<double>("intercept"))).Distinct().Count();
