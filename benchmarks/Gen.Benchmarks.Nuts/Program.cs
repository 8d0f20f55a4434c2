// Gen's NUTS beside Stan's (benchmarks/stan/README.md) on the same three posteriors, with the same protocol: 1 chain,
// 1000 warm-up + 1000 sampling iterations, minimum bulk ESS per second of sampling, means against posteriordb's.
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Nuts                 (all three models, key 4711)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Nuts -- --runs 5      (5 keys each: the median run's row)
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks.Nuts -- --model ar5   (one model)
using System.Globalization;
using System.Text.Json;
using Gen;
using Gen.Benchmarks.Nuts;
using Gen.Inference;
using static Gen.Transforms;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).DefaultIfEmpty(1).First();
var data = Path.Combine(AppContext.BaseDirectory, "data");
var reference = File.ReadLines(Path.Combine(data, "posteriordb_means.csv")).Skip(1).Select(l => l.Split(','))
    .ToDictionary(f => (f[0], f[1]), f => double.Parse(f[2]));

var models = new List<Benchmark>
{
    EightSchools(JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "eight_schools.json"))).RootElement),
    Regression(JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "sblri.json"))).RootElement),
    Autoregressive(JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "arK.json"))).RootElement),
};
var only = args.SkipWhile(a => a != "--model").Skip(1).FirstOrDefault();
if (only is not null) models.RemoveAll(m => m.Name != only);
var options = new NutsOptions { Chains = 1, Warmup = 1000, Samples = 1000 };

Console.WriteLine($"Gen NUTS, .NET {Environment.Version}, key 4711{(runs > 1 ? $" (+{runs - 1} more keys, median run shown)" : "")}, 1 chain, 1000 warm-up + 1000 sampling iterations");
Console.WriteLine();
Console.WriteLine($"{"model",26} {"dims",4} {"warmup_s",8} {"sampling_s",10} {"min_ess_bulk",12} {"at",14} {"min_ess_per_s",13} {"divergences",11} {"leapfrog",8}");
var shown = new List<(Benchmark Model, Run Run)>();
foreach (var model in models)
{
    Seed(new Key(1), () => Nuts.Run(model.Function, model.Observations, options with { Warmup = 200, Samples = 200 })); // JIT warm-up
    var all = Enumerable.Range(0, runs).Select(i => Measure(model, new Key(4711 + (ulong)i))).OrderBy(r => r.MinEssPerSecond).ToList();
    var run = all[all.Count / 2];
    shown.Add((model, run));
    if (runs > 1)
        Console.Error.WriteLine($"{model.Name}: min bulk ESS per second over the {runs} keys (ascending): {string.Join(" ", all.Select(a => a.MinEssPerSecond.ToString("F1")))}; " +
                                $"min bulk ESS: {string.Join(" ", all.Select(a => a.MinEss.ToString("F1")))}");
    var r = run.Result;
    Console.WriteLine($"{model.Name,26} {r.Addresses.Count,4} {r.WarmupTime.TotalSeconds,8:F5} {r.SamplingTime.TotalSeconds,10:F5} {run.MinEss,12:F1} {run.MinAt,14} {run.MinEssPerSecond,13:F1} {r.Divergences,11} {r.Leapfrogs,8}");
}
Console.WriteLine();
Console.WriteLine($"{"model",26} {"parameter",14} {"mean",10} {"mcse_mean",9} {"sd",9} {"ess_bulk",8} {"ess_tail",8} {"rhat",6} {"posteriordb_mean",16} {"z",8}");
foreach (var (model, run) in shown)
    foreach (var (name, draws) in model.Quantities(run.Result))
    {
        double[][] chain = [draws];
        var mean = draws.Average();
        var mcse = McmcDiagnostics.McseMean(chain);
        var sd = Math.Sqrt(draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1));
        var known = reference.TryGetValue((model.Name, name), out var pdb);
        Console.WriteLine($"{model.Name,26} {name,14} {mean,10:G7} {mcse,9:E3} {sd,9:G7} {McmcDiagnostics.EssBulk(chain),8:F1} {McmcDiagnostics.EssTail(chain),8:F1} {McmcDiagnostics.RHat(chain),6:F4} " +
                          $"{(known ? pdb.ToString("G8") : "NA"),16} {(known ? ((mean - pdb) / mcse).ToString("F3") : "NA"),8}");
    }

static Run Measure(Benchmark model, Key key)
{
    var result = Seed(key, () => Nuts.Run(model.Function, model.Observations, new NutsOptions { Chains = 1, Warmup = 1000, Samples = 1000 }));
    var (ess, at) = result.Addresses.Select(a => (Ess: result.EssBulk(a), At: StanName(a))).MinBy(e => e.Ess);
    return new Run(result, ess, at, ess / result.SamplingTime.TotalSeconds);
}

// Stan's names: ("beta", 0) is beta[1].
static string StanName(Address address) =>
    address.Length == 2 && address.Parts[1].IsIndex ? $"{address.Parts[0].Name}[{address.Parts[1].Index + 1}]" : address.ToString();

static IEnumerable<(string, double[])> Sampled(NutsResult<double> r) =>
    r.Addresses.Select(a => (StanName(a), r.Draws<double>(a).ToArray()));

static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

static ChoiceMap Observe(double[] y, int from = 0) =>
    ChoiceMap.Of(Enumerable.Range(from, y.Length - from).Select(t => ((Address)("y", t), (object)y[t])).ToArray());

static Benchmark EightSchools(JsonElement d)
{
    var (y, sigma) = (Doubles(d.GetProperty("y")), Doubles(d.GetProperty("sigma")));
    return new Benchmark("eight_schools_noncentered", StanModels.EightSchoolsGen(y, sigma), Observe(y), r =>
    {
        var (mu, tau) = (r.Draws<double>("mu"), r.Draws<double>("tau"));
        var theta = Enumerable.Range(0, y.Length).Select(j =>
        {
            var trans = r.Draws<double>(("theta_trans", j));
            return ($"theta[{j + 1}]", trans.Select((t, i) => mu[i] + tau[i] * t).ToArray());
        });
        return Sampled(r).Concat(theta);
    });
}

static Benchmark Regression(JsonElement d)
{
    var x = d.GetProperty("X").EnumerateArray().Select(Doubles).ToArray();
    var y = Doubles(d.GetProperty("y"));
    return new Benchmark("linear_regression", StanModels.RegressionGen(x, d.GetProperty("D").GetInt32()), Observe(y), Sampled);
}

static Benchmark Autoregressive(JsonElement d)
{
    var y = Doubles(d.GetProperty("y"));
    var order = d.GetProperty("K").GetInt32();
    return new Benchmark("ar5", StanModels.AutoregressiveGen(y, order), Observe(y, order), Sampled);
}

internal sealed record Benchmark(string Name, GenerativeFunction<double> Function, ChoiceMap Observations, Func<NutsResult<double>, IEnumerable<(string, double[])>> Quantities);

internal sealed record Run(NutsResult<double> Result, double MinEss, string MinAt, double MinEssPerSecond);
