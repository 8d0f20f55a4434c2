// The baked-in-key hazard, and how Gen makes it impossible to miss.
//
// A compiler that traces a function once and replays the result (JAX's jit, a GPU kernel, any "compile for
// repeated execution") fixes every value the function computed while it was traced, and that includes the PRNG
// key an unseeded sampler drew. The compiled sampler then returns the same "random" value on every call, silently.
//
// Gen's answer, in three layers:
//   * compile time: analyzer GEN001 flags Jit(f) when f reaches a sample site without going through Seed;
//   * the IDE: the "Wrap in Seed" code fix rewrites Jit(f) to Jit(Seed(f));
//   * run time: Jit of an unseeded function throws UnseededJitException instead of returning a baked sample.
using Gen;
using Gen.Samples.Jit;
using static Gen.Transforms;

var xs = new[] { 0.0, 1.0, 2.0, 3.0 };

// 1. The hazard, made by hand: what a tracing compiler does to an unseeded sampler. The key is drawn once, when
//    the function is "compiled", and every call replays it.
Func<double[], double> BakeCompile(Func<double[], double> unseeded)
{
    var keyFixedAtCompileTime = new Key((ulong)DateTime.UtcNow.Ticks);
    return data => Seed(keyFixedAtCompileTime, () => unseeded(data));
}
var baked = BakeCompile(data => Models.LineGen(data).Simulate().Retval);
Console.WriteLine($"1. baked sampler:   {baked(xs):F4}, {baked(xs):F4}, {baked(xs):F4}   <- the same \"random\" slope every call");

// 2. The mistake with Gen's Jit. Without the pragma, the build reports
//      warning GEN001: 'this lambda' reaches the sample site 'Models.LineGen(data).Simulate()' without going
//      through Seed ... Wrap it in Seed so that each call takes its own key: Jit(Seed(...)).
//    and, with warnings as errors (as in this repository), fails. Here the warning is silenced on purpose, to show
//    the run-time net: the first call that reaches a sample site throws.
#pragma warning disable GEN001
var unseeded = Jit((double[] data) => Models.LineGen(data).Simulate().Retval);
#pragma warning restore GEN001
try
{
    unseeded(xs);
}
catch (UnseededJitException error)
{
    Console.WriteLine($"2. unseeded Jit:    {error.GetType().Name}: {error.Message[..error.Message.IndexOf('.')]}.");
}

// 3. The fix: Jit(Seed(f)). Seed makes the function take a key per call; Jit compiles that. Different keys give
//    different draws; the same key gives the same draw, on any machine and any number of threads.
var sample = Jit(Seed((double[] data) => Models.LineGen(data).Simulate().Retval));
var root = new Key(2024);
var (k1, k2) = root.Split();
Console.WriteLine($"3. Jit(Seed(f)):    key1 {sample(k1, xs):F4}, key2 {sample(k2, xs):F4}, key1 again {sample(k1, xs):F4}");

// 4. Many independent runs at once: JitBatch. Call i gets root.FoldIn(i) (the particle rule of ImportanceK), so
//    the whole array depends only on the key and the count, never on the thread count.
var batch = JitBatch(Seed((double[] data) => Models.LineGen(data).Simulate().Retval));
var slopes = batch(root, 10_000, xs);
var mean = slopes.Average();
var sd = Math.Sqrt(slopes.Select(s => (s - mean) * (s - mean)).Average());
Console.WriteLine($"4. JitBatch:        {slopes.Length} prior slopes, mean {mean:F3} (expect 0), sd {sd:F3} (expect 1); " +
                  $"slopes[7] == sample(root.FoldIn(7)): {slopes[7] == sample(root.FoldIn(7), xs)}");
