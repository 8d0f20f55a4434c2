using static Gen.Distributions;

namespace Gen.Gpu.Tests;

/// <summary>Models of the kernel subset (and one outside it) that the GPU tests run on both paths.</summary>
public static partial class GpuModels
{
    /// <summary>Curve fitting: a line through noisy points.</summary>
    [Gen]
    public static double Line(double[] xs)
    {
        var slope = normal(0, 1).At("slope");
        var intercept = normal(0, 2).At("intercept");
        for (var i = 0; i < xs.Length; i++) normal(slope * xs[i] + intercept, 0.5).At("y", i);
        return slope;
    }

    /// <summary>
    /// A Scan step whose scale may go negative: s ~ N(previous, 0.5²), then y ~ N(0, s²), whose negative s is an invalid
    /// parameter, so the particle is rejected (on a device: faulted, and its rejection reported by the host).
    /// </summary>
    [Gen]
    public static double ScaleStep(int t, double previous)
    {
        var s = normal(previous, 0.5).At("s");
        normal(0, s).At("y");
        return s;
    }

    /// <summary>mu ~ N(prior, priorSd²), y_i ~ N(mu, 1): a closed-form posterior.</summary>
    [Gen]
    public static double NormalMean(int n, double prior, double priorSd)
    {
        var mu = normal(prior, priorSd).At("mu");
        for (var i = 0; i < n; i++) normal(mu, 1).At("y", i);
        return mu;
    }

    /// <summary>
    /// A linear-Gaussian state-space model of <paramref name="steps"/> steps: x_t ~ N(x_{t−1}, 0.7²) from x_{−1} = 0,
    /// y_t ~ N(x_t, 0.5²). The Kalman filter gives its exact marginal likelihood.
    /// </summary>
    [Gen]
    public static double Walk(int steps)
    {
        var x = 0.0;
        for (var t = 0; t < steps; t++)
        {
            x = normal(x, WalkStep).At("x", t);
            normal(x, WalkNoise).At("y", t);
        }
        return x;
    }

    /// <summary>The walk's step and observation standard deviations.</summary>
    public const double WalkStep = 0.7, WalkNoise = 0.5;

    /// <summary>Every kernel distribution, a branch on a Boolean choice, int and bool arguments and arrays, a bool return value.</summary>
    [Gen]
    public static bool Zoo(int[] counts, bool[] mask, bool wide)
    {
        var coin = flip(0.4).At("coin");
        var scale = half_normal(wide ? 2.0 : 1.0).At("scale");
        double centre;
        if (coin) centre = uniform(-1, 1).At("u");
        else centre = laplace(0, scale).At("l");
        var heavy = cauchy(centre, 1).At("c");
        var rate = lognormal(0, 0.5).At("rate");
        for (var i = 0; i < counts.Length; i++)
        {
            if (!mask[i]) continue;
            exponential(rate * (1 + counts[i])).At("wait", i);
        }
        var flag = bernoulli(Math.Abs(Math.Tanh(heavy))).At("flag");
        return flag && coin;
    }

    /// <summary>The integer distributions and half_cauchy, an int accumulator and an int return value.</summary>
    [Gen]
    public static int Counts(int n)
    {
        var scale = half_cauchy(1).At("scale");
        var total = 0;
        for (var i = 0; i < n; i++) total += geometric(0.3).At("g", i);
        var pick = uniform_discrete(-2, 3).At("pick");
        normal(total + pick, scale + 0.1).At("obs");
        return total + pick;
    }

    /// <summary>
    /// Every kernel distribution and no call of Math's functions: its kernel needs no device math library (the samplers'
    /// and densities' math is <see cref="PortableMath"/>), so a CUDA GPU computes its particles to the CPU's bits.
    /// </summary>
    [Gen]
    public static double Samplers(double shift)
    {
        var a = normal(shift, 1.5).At("a");
        var b = uniform(-1, 2).At("b");
        var c = exponential(2).At("c");
        var d = flip(0.3).At("d");
        var e = bernoulli(0.6).At("e");
        var f = lognormal(0.2, 0.4).At("f");
        var g = half_normal(1.2).At("g");
        var h = laplace(a, 0.7).At("h");
        var i = cauchy(b, 0.5).At("i");
        var j = half_cauchy(2).At("j");
        var k = geometric(0.4).At("k");
        var l = uniform_discrete(-3, 4).At("l");
        var mean = a + b * c + (d ? f : g) + (e ? h : i) + j * k - l;
        normal(mean, 1 + g).At("y");
        return mean;
    }

    /// <summary>Logistic regression written with PortableMath's exp: its kernel, too, needs no device math library.</summary>
    [Gen]
    public static double Logistic(double[] xs)
    {
        var a = normal(0, 2).At("a");
        var b = normal(0, 2).At("b");
        for (var i = 0; i < xs.Length; i++) flip(1 / (1 + PortableMath.Exp(-(a + b * xs[i])))).At("y", i);
        return PortableMath.Log(1 + PortableMath.Exp(a));
    }

    /// <summary>Distributions a kernel samples on the host only (MathNet densities): a kernel form for the cores, no GPU kernel.</summary>
    [Gen]
    public static double HostOnly(int n)
    {
        var p = beta(2, 2).At("p");
        for (var i = 0; i < n; i++) flip(p).At("y", i);
        var rate = gamma(2, 1).At("rate");
        var count = poisson(rate).At("count");
        var tail = student_t(3, 0, 1 + inverse_gamma(3, 2).At("ig")).At("t");
        binomial(count + 1, p).At("b");
        return p + tail;
    }

    /// <summary>A foreach over an argument array, with a choice per element.</summary>
    [Gen]
    public static double Each(double[] xs)
    {
        var mu = normal(0, 1).At("mu");
        var i = 0;
        foreach (var x in xs)
        {
            normal(mu * x, 1).At("y", i);
            i++;
        }
        return mu;
    }

    /// <summary>A scale that may be negative: those particles are rejected (invalid sigma), on both paths alike.</summary>
    [Gen]
    public static double Rejecting(double shift)
    {
        var s = normal(shift, 1).At("s");
        return normal(0, s).At("y");
    }

    /// <summary>A scale of s − cut: an edit to a larger cut rejects the particles whose s is below it.</summary>
    [Gen]
    public static double Shrinking(double cut)
    {
        var s = normal(1, 1).At("s");
        return normal(0, s - cut).At("y");
    }

    /// <summary>A family whose extent depends on a choice: particles longer than the first one measured fault and run on the CPU.</summary>
    [Gen]
    public static int Ragged()
    {
        var many = flip(0.5).At("many");
        var count = many ? 4 : 1;
        for (var i = 0; i < count; i++) normal(i, 1).At("z", i);
        return count;
    }

    /// <summary>Half the particles read past the end of the argument array: on the CPU an IndexOutOfRangeException.</summary>
    [Gen]
    public static double PastTheEnd(double[] xs)
    {
        var far = flip(0.5).At("far");
        return normal(xs[far ? xs.Length : 0], 1).At("x");
    }

    /// <summary>Outside the kernel subset: it calls a helper.</summary>
    [Gen]
    public static double WithHelper(double x)
    {
        var a = normal(x, 1).At("a");
        return Twice(a);
    }

    private static double Twice(double v) => 2 * v;
}
