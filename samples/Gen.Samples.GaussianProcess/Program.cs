// Gaussian-process regression with NUTS over the kernel's hyperparameters (signal sd alpha, length-scale rho, noise sd
// sigma), the function integrated out: y ~ N(0, K + sigma² I). The gradient flows through the covariance the model
// fills in a loop. The posterior means are then checked against a quadrature of the same posterior on a grid.
//   dotnet run -c Release --project samples/Gen.Samples.GaussianProcess [-- key points]   (the NUTS key, 8; grid points per parameter, 40)
using Gen;
using Gen.Inference;
using Gen.Samples.GaussianProcess;
using static Gen.Transforms;

var ys = Gp.Ys(new Key(2026));
var model = Gp.RegressionGen(Gp.Xs);
var observations = ChoiceMap.Of(("y", (object)ys));
var result = Seed(new Key(args.Length > 0 ? ulong.Parse(args[0]) : 8), () => Nuts.Run(model, observations, new NutsOptions { Chains = 4, Warmup = 500, Samples = 1000 }));

Console.WriteLine($"NUTS on a Gaussian process ({Gp.Xs.Length} points): {result.Chains} chains x {result.Samples} draws after 500 warm-up iterations each");
Console.WriteLine($"  sampling {result.SamplingTime.TotalSeconds:F2} s of chain time, {result.Leapfrogs:N0} gradient evaluations, " +
                  $"divergences {result.Divergences}, smallest bulk ESS {result.Addresses.Min(a => result.EssBulk(a)):F0} " +
                  $"({result.Addresses.Min(a => result.EssBulk(a)) / result.SamplingTime.TotalSeconds:N0} per second of sampling)");

// The exact posterior means, by quadrature: a grid of 40 points per parameter in log space around the draws
// (± 5 sd of the log draws), each point weighted by its log joint (Assess) and the log transform's Jacobian.
string[] names = ["alpha", "rho", "sigma"];
var (lo, step) = (new double[3], new double[3]);
int points = args.Length > 1 ? int.Parse(args[1]) : 40;
for (var k = 0; k < 3; k++)
{
    var logs = result.Draws<double>(names[k]).Select(d => Math.Log(d)).ToArray();
    var (mean, sd) = (logs.Average(), Math.Sqrt(logs.Select(l => (l - logs.Average()) * (l - logs.Average())).Average()));
    (lo[k], step[k]) = (mean - 5 * sd, 10 * sd / (points - 1));
}
var logWeights = new double[points * points * points];
Parallel.For(0, points, a =>
{
    for (var r = 0; r < points; r++)
        for (var s = 0; s < points; s++)
        {
            double[] logTheta = [lo[0] + a * step[0], lo[1] + r * step[1], lo[2] + s * step[2]];
            var choices = ChoiceMap.Of(("alpha", (object)Math.Exp(logTheta[0])), ("rho", Math.Exp(logTheta[1])), ("sigma", Math.Exp(logTheta[2])), ("y", ys));
            logWeights[(a * points + r) * points + s] = model.Assess(choices).Weight + logTheta.Sum();
        }
});
var max = logWeights.Max();
var total = logWeights.Sum(w => Math.Exp(w - max));
Console.WriteLine();
Console.WriteLine($"  {"",-6} {"NUTS mean",10} {"MCSE",7} {"grid mean",10} {"z",6} {"R-hat",6} {"ESS bulk",9}");
for (var k = 0; k < 3; k++)
{
    var exact = 0.0;
    for (var i = 0; i < logWeights.Length; i++)
    {
        var index = k == 0 ? i / (points * points) : k == 1 ? i / points % points : i % points;
        exact += Math.Exp(logWeights[i] - max) * Math.Exp(lo[k] + index * step[k]);
    }
    exact /= total;
    var name = names[k];
    var z = (result.Mean(name) - exact) / result.McseMean(name);
    Console.WriteLine($"  {name,-6} {result.Mean(name),10:F4} {result.McseMean(name),7:F4} {exact,10:F4} {z,6:F2} {result.RHat(name),6:F3} {result.EssBulk(name),9:F0}");
}
Console.WriteLine("  (z: the NUTS mean's distance from the grid's in Monte Carlo standard errors; |z| < 3 expected)");
