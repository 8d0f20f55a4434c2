// Eight schools with NUTS: 4 chains in parallel, Stan's warm-up, and the diagnostics to read before trusting a posterior
// (R-hat, bulk and tail ESS, divergences), then trace and density plots as SVG files.
//   dotnet run -c Release --project samples/Gen.Samples.EightSchools
using Gen;
using Gen.Inference;
using Gen.Samples;
using Gen.Samples.EightSchools;
using static Gen.Transforms;

var observations = ChoiceMap.Of(Schools.Effects.Select((y, j) => ((Address)("y", j), (object)y)).ToArray());
var model = Schools.ModelGen(Schools.StandardErrors);
var result = Seed(new Key(8), () => Nuts.Run(model, observations, new NutsOptions { Chains = 4, Warmup = 1000, Samples = 1000 }));

Console.WriteLine($"NUTS on eight schools (non-centred): {result.Chains} chains x {result.Samples} draws after {1000} warm-up iterations each");
Console.WriteLine($"  sampling {result.SamplingTime.TotalSeconds:F2} s of chain time, {result.Leapfrogs:N0} gradient evaluations, mean tree depth {result.MeanTreeDepth:F1}, " +
                  $"step sizes {string.Join(", ", result.StepSizes.Select(s => s.ToString("F3")))}");
Console.WriteLine($"  divergences: {result.Divergences}{(result.Divergences > 0 ? "  (the posterior was not fully explored: reparameterise, or raise TargetAcceptance)" : "")}");
Console.WriteLine();
Console.WriteLine($"  {"",-8} {"mean",7} {"sd",7} {"5%",7} {"95%",7} {"ESS bulk",9} {"ESS tail",9} {"R-hat",6}");
void Row(string name, double[][] chains)
{
    var all = chains.SelectMany(c => c).ToArray();
    var sorted = all.OrderBy(d => d).ToArray();
    var mean = all.Average();
    var sd = Math.Sqrt(all.Sum(d => (d - mean) * (d - mean)) / (all.Length - 1));
    Console.WriteLine($"  {name,-8} {mean,7:F2} {sd,7:F2} {sorted[(int)(0.05 * sorted.Length)],7:F2} {sorted[(int)(0.95 * sorted.Length)],7:F2} " +
                      $"{McmcDiagnostics.EssBulk(chains),9:F0} {McmcDiagnostics.EssTail(chains),9:F0} {McmcDiagnostics.RHat(chains),6:F3}");
}
double[][] Chains(Address address) => Enumerable.Range(0, result.Chains).Select(c => result.ChainDraws(address, c).ToArray()).ToArray();
var mu = Chains("mu");
var tau = Chains("tau");
Row("mu", mu);
Row("tau", tau);
for (var j = 0; j < Schools.Effects.Length; j++)
{
    // theta_j is a derived quantity, computed draw by draw from mu, tau and eta_j; its diagnostics come from the same functions.
    var eta = Chains(("eta", j));
    Row($"theta[{j + 1}]", eta.Select((chain, c) => chain.Select((e, i) => mu[c][i] + tau[c][i] * e).ToArray()).ToArray());
}
var worst = result.Addresses.Max(a => result.RHat(a));
Console.WriteLine();
Console.WriteLine($"  largest R-hat {worst:F3} over {result.Addresses.Count} parameters ({(worst < 1.01 ? "below 1.01: the chains agree" : "above 1.01: run longer")}); " +
                  $"smallest bulk ESS {result.Addresses.Min(a => result.EssBulk(a)):F0}");
Console.WriteLine("  posteriordb's reference (long Stan runs): mu 4.41, tau 3.60; theta[1] 6.15, theta[3] 3.91");

// Trace plot: each chain's tau, draw by draw; well-mixed chains overlap like noise.
string[] colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
var trace = new SvgPlot("tau, draw by draw (4 chains)", "draw", "tau", 0, result.Samples, 0, 20);
for (var c = 0; c < result.Chains; c++)
    trace.Line(result.ChainDraws("tau", c).Select((t, i) => ((double)i, Math.Min(t, 20))), colors[c], width: 0.8, opacity: 0.7);
Console.WriteLine($"\nTrace plot:   {trace.Save("eight-schools-trace.svg")}");

// Density plot: a histogram of every draw of tau and of mu, per chain, as step lines.
var density = new SvgPlot("posterior densities of mu (solid) and tau (dashed), per chain", "value", "density", -10, 20, 0, 0.2);
for (var c = 0; c < result.Chains; c++)
{
    density.Line(Histogram(result.ChainDraws("mu", c), -10, 20, 60), colors[c], opacity: 0.8);
    density.Line(Histogram(result.ChainDraws("tau", c), -10, 20, 60), colors[c], opacity: 0.8, dashed: true);
}
Console.WriteLine($"Density plot: {density.Save("eight-schools-density.svg")}");

static IEnumerable<(double X, double Y)> Histogram(IReadOnlyList<double> draws, double from, double to, int bins)
{
    var width = (to - from) / bins;
    var counts = new int[bins];
    foreach (var d in draws)
        if (d >= from && d < to) counts[(int)((d - from) / width)]++;
    for (var b = 0; b < bins; b++)
    {
        var height = counts[b] / (draws.Count * width);
        yield return (from + b * width, height);
        yield return (from + (b + 1) * width, height);
    }
}
