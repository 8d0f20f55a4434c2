using System.Reflection;
using GenSupport = Gen.Support;
using SF = MathNet.Numerics.SpecialFunctions;

namespace Gen.Tests.Distributions;

/// <summary>
/// <see cref="IDifferentiablePrimitive{TSelf}"/> on the built-in scalar continuous primitives: the closed-form
/// gradients against finite differences over grids of parameters and values (near the ends of the support and, for
/// the truncated normal, far in the tails), the log density bit for bit, the answer outside the support, and
/// <c>Create</c> against the constructor.
/// </summary>
/// <remarks>
/// <para>Finite differences: the fourth-order central stencil
/// f′(u) ≈ [f(u − 2h) − 8f(u − h) + 8f(u + h) − f(u + 2h)]/(12h), with h the power of two at or below 10⁻³·s, s the
/// length over which that coordinate's log density changes character (given per distribution below: a scale
/// parameter, the distance to an end of the support or to a kink, |x| for a value on a half line), so that the
/// stencil's truncation error, h⁴f⁽⁵⁾/30, is about 10⁻¹² relative. The point u is snapped to a multiple of h, so that
/// u ± h and u ± 2h are exact and the steps are what the formula assumes; the analytic gradient is taken at the
/// snapped point.</para>
/// <para>Tolerance: |analytic − difference| ≤ 10⁻⁷·|difference| + 2000·ε·M/h, ε = 2⁻⁵², M = max(1, |f|) over the
/// stencil. The relative part leaves four orders of margin over the truncation error; the absolute part is the
/// stencil's rounding noise (f carries a few ulps of error, 1.5·ε·M/h times the error in ulps reaches the quotient),
/// allowing about 1300 ulps of error in f: the log densities sum terms larger than their result (log Γ of large
/// shapes), so f's error is some ulps of those terms, not of f. The truncated normal is differenced through an
/// algebraically identical form of its log density that computes the standardised distance from the interval's near
/// end as (x − lo)/σ (or (hi − x)/σ): the density's own −(z − c)(z + c)/2 rounds z − c at 1000σ to 10⁻¹³ absolute,
/// noise that finite differences at that depth could not see through. That form matches the log density to
/// rounding, and high-precision references check the truncated normal's gradient independently.</para>
/// </remarks>
public class GradientTests
{
    private const double Inf = double.PositiveInfinity;
    private const double Eps = 2.220446049250313e-16;
    private const double RelativeTolerance = 1e-7;
    private const double NoiseUlps = 2000;

    /// <summary>A distribution under test, over parameter vectors (as <c>Create</c> takes them).</summary>
    public sealed class Subject
    {
        public required string Name { get; init; }
        public required int Count { get; init; }

        /// <summary>log p, ∂/∂x, ∂/∂θ by <c>LogDensityGradient</c> (through a constrained call).</summary>
        public required Func<double[], double, (double LogDensity, double DValue, double[] DParameters)> Gradient { get; init; }

        /// <summary>log p by <c>LogDensity</c>.</summary>
        public required Func<double[], double, double> LogDensity { get; init; }

        /// <summary>The function finite differences difference (<see cref="LogDensity"/> unless said otherwise).</summary>
        public required Func<double[], double, double> Differenced { get; init; }

        /// <summary>The length scale s of coordinate k (−1 the value) at (θ, x).</summary>
        public required Func<double[], double, int, double> Scale { get; init; }

        public required Func<double[], GenSupport> Support { get; init; }

        /// <summary>LogDensityGradient into a caller's span (of any length): log p and ∂/∂x.</summary>
        public required Func<double[], double, double[], (double LogDensity, double DValue)> GradientInto { get; init; }

        /// <summary>The primitive by its constructor (not Create).</summary>
        public required Func<double[], IPrimitive<double>> Construct { get; init; }

        public required Type PrimitiveType { get; init; }

        public required Func<double[], string> Text { get; init; }

        public override string ToString() => Name;
    }

    private static Subject Of<T>(string name, Func<double[], T> construct, Func<double[], double, int, double> scale,
        Func<double[], GenSupport> support, Func<double[], double, double>? differenced = null) where T : struct, IDifferentiablePrimitive<T>
    {
        Func<double[], double, double> logDensity = (p, x) => default(T).Create(p).LogDensity(x);
        return new Subject
        {
            Name = name,
            Count = default(T).ParameterCount,
            Gradient = (p, x) =>
            {
                var primitive = default(T).Create(p);
                var dParameters = new double[primitive.ParameterCount];
                dParameters.AsSpan().Fill(double.NaN); // every entry must be written
                var logDensity = Score(primitive, x, out var dValue, dParameters);
                return (logDensity, dValue, dParameters);
            },
            LogDensity = logDensity,
            Differenced = differenced ?? logDensity,
            Scale = scale,
            Support = support,
            Text = p => default(T).Create(p).ToString() ?? "",
            GradientInto = (p, x, d) =>
            {
                var logDensity = Score(default(T).Create(p), x, out var dValue, d);
                return (logDensity, dValue);
            },
            Construct = p => construct(p),
            PrimitiveType = typeof(T),
        };
    }

    private static double Score<T>(T primitive, double x, out double dValue, Span<double> dParameters) where T : struct, IDifferentiablePrimitive<T> =>
        primitive.LogDensityGradient(x, out dValue, dParameters);

    /// <summary>√(a² + b²), or max(|a|, |b|) where the squares overflow.</summary>
    private static double Hypot(double a, double b)
    {
        var h = Math.Sqrt(a * a + b * b);
        return double.IsFinite(h) ? h : Math.Max(Math.Abs(a), Math.Abs(b));
    }

    private static readonly Subject NormalSubject = Of<Normal.Primitive>("normal", p => new(p[0], p[1]), (p, _, _) => p[1], _ => GenSupport.Real);
    private static readonly Subject UniformSubject = Of<Uniform.Primitive>("uniform", p => new(p[0], p[1]),
        (p, x, k) => k switch { -1 => Math.Min(x - p[0], p[1] - x), 0 => x - p[0], _ => p[1] - x }, p => GenSupport.Between(p[0], p[1]));
    private static readonly Subject BetaSubject = Of<Beta.Primitive>("beta", p => new(p[0], p[1]),
        (p, x, k) => k == -1 ? Math.Min(x, 1 - x) : p[k], _ => GenSupport.UnitInterval);
    private static readonly Subject GammaSubject = Of<Gamma.Primitive>("gamma", p => new(p[0], p[1]), (p, x, k) => k == -1 ? x : p[k], _ => GenSupport.Positive);
    private static readonly Subject ExponentialSubject = Of<Exponential.Primitive>("exponential", p => new(p[0]), (p, x, k) => k == -1 ? x : p[k], _ => GenSupport.Positive);
    private static readonly Subject LaplaceSubject = Of<Laplace.Primitive>("laplace", p => new(p[0], p[1]),
        (p, x, k) => k == 1 ? p[1] : Math.Abs(x - p[0]), _ => GenSupport.Real);
    private static readonly Subject CauchySubject = Of<Cauchy.Primitive>("cauchy", p => new(p[0], p[1]),
        (p, x, k) => k == 1 ? p[1] : Hypot(p[1], x - p[0]), _ => GenSupport.Real);
    private static readonly Subject StudentTSubject = Of<StudentT.Primitive>("student_t", p => new(p[0], p[1], p[2]),
        (p, x, k) => k switch { 0 => p[0], 2 => p[2], _ => Hypot(p[2], x - p[1]) }, _ => GenSupport.Real);
    private static readonly Subject InverseGammaSubject = Of<InverseGamma.Primitive>("inverse_gamma", p => new(p[0], p[1]), (p, x, k) => k == -1 ? x : p[k], _ => GenSupport.Positive);
    private static readonly Subject HalfNormalSubject = Of<HalfNormal.Primitive>("half_normal", p => new(p[0]), (p, x, k) => k == -1 ? x : p[0], _ => GenSupport.Positive);
    private static readonly Subject HalfCauchySubject = Of<HalfCauchy.Primitive>("half_cauchy", p => new(p[0]), (p, x, k) => k == -1 ? x : p[0], _ => GenSupport.Positive);
    private static readonly Subject LogNormalSubject = Of<LogNormal.Primitive>("lognormal", p => new(p[0], p[1]),
        (p, x, k) => k == -1 ? x * Math.Min(1, p[1]) : p[1], _ => GenSupport.Positive);
    private static readonly Subject TruncatedNormalSubject = Of<TruncatedNormal.Primitive>("truncated_normal", p => new(p[0], p[1], p[2], p[3]),
        (p, x, k) => k switch
        {
            -1 => Math.Min(p[1], Math.Min(x - p[2], p[3] - x)),
            0 or 1 => p[1],
            2 => Math.Min(p[1], x - p[2]),
            _ => Math.Min(p[1], p[3] - x),
        },
        p => GenSupport.Between(p[2], p[3]), TruncatedReference);

    /// <summary>
    /// log φ(z) − log σ − log Z with z² − c² written as t(t + 2c), t = z′ − c the standardised distance from the near
    /// end ((x − lo)/σ right of 0, (hi − x)/σ left of 0, z around 0): the truncated normal's log density without
    /// the cancellation in z − c.
    /// </summary>
    private static double TruncatedReference(double[] p, double x)
    {
        double mu = p[0], sigma = p[1], lo = p[2], hi = p[3];
        if (!(x >= lo && x <= hi)) return double.NegativeInfinity;
        var a = (lo - mu) / sigma;
        var b = (hi - mu) / sigma;
        var scaledMass = TruncatedNormal.LogScaledMass(a, b, out var c);
        var t = a >= 0 ? (x - lo) / sigma : b <= 0 ? (hi - x) / sigma : (x - mu) / sigma;
        return -0.5 * t * (t + 2 * c) - SamplerMath.LogSqrt2Pi - Math.Log(sigma) - scaledMass;
    }

    private static TestCaseData Case(Subject s, double[] p, double x) =>
        new TestCaseData(s, p, x).SetArgDisplayNames($"{s.Text(p)} at {x:R}");

    /// <summary>Grids of parameters and values inside the support, away from kinks.</summary>
    private static IEnumerable<TestCaseData> Interior()
    {
        foreach (var mu in new[] { 0.0, -3.5, 1e3 })
        foreach (var sigma in new[] { 1e-3, 1.0, 250.0 })
        foreach (var z in new[] { -30.0, -2.0, -0.3, 0.0, 0.7, 5.0, 30.0 })
            yield return Case(NormalSubject, [mu, sigma], mu + sigma * z);

        foreach (var (lo, hi) in new[] { (0.0, 1.0), (-5.0, 2.0), (1e3, 1e3 + 1.0), (-1e-200, 1e-200) })
        foreach (var u in new[] { 1e-6, 0.3, 0.5, 0.999 })
            yield return Case(UniformSubject, [lo, hi], lo + (hi - lo) * u);

        foreach (var a in new[] { 0.3, 1.0, 2.5, 40.0 })
        foreach (var b in new[] { 0.3, 1.0, 2.5, 40.0 })
        foreach (var x in new[] { 1e-12, 1e-4, 0.2, 0.5, 0.9, 1 - 1e-6 })
            yield return Case(BetaSubject, [a, b], x);

        foreach (var k in new[] { 0.05, 0.5, 1.0, 3.7, 200.0 })
        foreach (var theta in new[] { 0.01, 1.0, 50.0 })
        foreach (var u in new[] { 1e-8, 0.01, 0.5, 1.0, k, 5 * k + 10 })
            yield return Case(GammaSubject, [k, theta], theta * u);

        foreach (var rate in new[] { 1e-3, 1.0, 40.0 })
        foreach (var u in new[] { 1e-10, 0.3, 1.0, 20.0 })
            yield return Case(ExponentialSubject, [rate], u / rate);

        foreach (var mu in new[] { 0.0, -7.0 })
        foreach (var b in new[] { 1e-2, 1.0, 30.0 })
        foreach (var z in new[] { -20.0, -1.0, -0.01, 0.5, 3.0 })
            yield return Case(LaplaceSubject, [mu, b], mu + b * z);

        foreach (var x0 in new[] { 0.0, 4.0 })
        foreach (var gamma in new[] { 1e-3, 1.0, 100.0 })
        foreach (var z in new[] { -1e8, -3.0, -1.0, 0.0, 0.2, 1.0, 50.0, 1e20, 1e200 })
            yield return Case(CauchySubject, [x0, gamma], x0 + gamma * z);

        foreach (var nu in new[] { 0.3, 1.0, 4.5, 200.0 })
        foreach (var mu in new[] { 0.0, -2.0 })
        foreach (var sigma in new[] { 0.05, 3.0 })
        foreach (var z in new[] { -1e7, -4.0, -0.5, 0.0, 1.0, 30.0, 1e200 })
            yield return Case(StudentTSubject, [nu, mu, sigma], mu + sigma * z);

        foreach (var alpha in new[] { 0.1, 1.0, 3.0, 150.0 })
        foreach (var beta in new[] { 0.01, 1.0, 20.0 })
        foreach (var u in new[] { 0.01, 0.1, 1 / (alpha + 1), 1.0, 10.0, 1e6 })
            yield return Case(InverseGammaSubject, [alpha, beta], beta * u);

        foreach (var sigma in new[] { 1e-3, 1.0, 40.0 })
        foreach (var u in new[] { 1e-9, 0.1, 1.0, 4.0, 30.0 })
            yield return Case(HalfNormalSubject, [sigma], sigma * u);

        foreach (var gamma in new[] { 1e-3, 1.0, 40.0 })
        foreach (var u in new[] { 1e-9, 0.1, 1.0, 30.0, 1e12, 1e200 })
            yield return Case(HalfCauchySubject, [gamma], gamma * u);

        foreach (var mu in new[] { 0.0, -3.0, 5.0 })
        foreach (var sigma in new[] { 0.01, 0.7, 4.0 })
        foreach (var z in new[] { -30.0, -2.0, 0.0, 1.0, 8.0 })
            yield return Case(LogNormalSubject, [mu, sigma], Math.Exp(mu + sigma * z));

        foreach (var (p, xs) in TruncatedGrid())
        foreach (var x in xs)
            yield return Case(TruncatedNormalSubject, p, x);
    }

    /// <summary>
    /// Truncated normals around 0, on one side, far in either tail (past the asymptotic series at 36.8σ, at 1000σ
    /// and 10⁵σ), narrow (the quadrature branch), with infinite ends, and with values near the ends.
    /// </summary>
    private static IEnumerable<(double[] Parameters, double[] Values)> TruncatedGrid()
    {
        double[][] intervals =
        [
            [0, 1, -1, 2], [0, 1, -Inf, Inf], [0, 1, 0.5, Inf], [0, 1, -Inf, -0.5], [1, 2, 3, 4], [0, 1, 0, 0.3],
            [0, 1, 0.2, 0.3], [0, 1, 10, 10.5], [0, 1, -10.5, -10], [0, 1, 30, 30.5], [0, 1, 40, 41], [0, 1, 40, Inf],
            [0, 1, 1000, Inf], [0, 1, -Inf, -1000], [0, 1, 1000, 1000.01], [0, 1, -1000.01, -1000], [3, 0.5, 503, Inf],
            [0, 1, 1e5, Inf], [5, 0.1, -3, 4.9], [0, 1, -1e-3, 1e-3], [0, 1, -2, 1e-3], [3, 1e-3, 2.9995, 3.01],
            [-1000, 1, 0, 1], [-40, 2, 0, 5], [0, 1, -50, 50],
        ];
        foreach (var p in intervals)
        {
            double mu = p[0], sigma = p[1], lo = p[2], hi = p[3];
            var a = (lo - mu) / sigma;
            var b = (hi - mu) / sigma;
            // The distance over which the density changes, in x: σ, or σ/|a| in a far tail.
            var near = a >= 0 ? a : b <= 0 ? -b : 0;
            var d = sigma / Math.Max(1, near);
            double[] xs;
            if (double.IsFinite(lo) && double.IsFinite(hi))
                xs = [.. new[] { 1e-4, 0.25, 0.5, 0.9, 1 - 1e-4 }.Select(u => lo + (hi - lo) * u)];
            else if (double.IsFinite(lo))
                xs = [.. new[] { 1e-4, 0.1, 1.0, 5.0 }.Select(u => lo + Math.Max(d * u, Resolvable(lo))).Distinct()];
            else if (double.IsFinite(hi))
                xs = [.. new[] { 1e-4, 0.1, 1.0, 5.0 }.Select(u => hi - Math.Max(d * u, Resolvable(hi))).Distinct()];
            else
                xs = [mu - 3 * sigma, mu, mu + 1.5 * sigma];
            yield return (p, xs);
        }
    }

    private static double Ulp(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);

    /// <summary>
    /// The least distance from an end <paramref name="e"/> at which differences in x or in the end resolve: 10⁻³ of it,
    /// the step, is then at least 1024 ulps of e (at 10⁵, 1.5·10⁻⁵).
    /// </summary>
    private static double Resolvable(double e) => 1024e3 * Ulp(e);

    /// <summary>The fourth-order central difference of <paramref name="f"/> at <paramref name="u"/> with step <paramref name="h"/>, and the largest |f| it used.</summary>
    private static double Difference(Func<double, double> f, double u, double h, out double magnitude)
    {
        double m2 = f(u - 2 * h), m1 = f(u - h), p1 = f(u + h), p2 = f(u + 2 * h);
        magnitude = new[] { 1.0, Math.Abs(m2), Math.Abs(m1), Math.Abs(p1), Math.Abs(p2) }.Max();
        return (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h);
    }

    /// <summary>The power of two at or below <paramref name="x"/>.</summary>
    private static double PowerOfTwoBelow(double x) => Math.Pow(2, Math.Floor(Math.Log2(x)));

    [TestCaseSource(nameof(Interior))]
    public void Gradient_matches_central_differences(Subject s, double[] p, double x)
    {
        Assert.Multiple(() =>
        {
            for (var k = -1; k < s.Count; k++)
            {
                if (k >= 0 && !double.IsFinite(p[k])) continue; // an infinite truncation end: see the test of zeros
                var scale = s.Scale(p, x, k);
                Assert.That(scale > 0 && double.IsFinite(scale), Is.True, $"coordinate {k} has a length scale");
                var h = PowerOfTwoBelow(1e-3 * scale);
                var point = (double[])p.Clone();
                var value = x;
                double fd, magnitude;
                if (k == -1)
                {
                    value = Math.Round(x / h) * h;
                    fd = Difference(u => s.Differenced(p, u), value, h, out magnitude);
                }
                else
                {
                    point[k] = Math.Round(p[k] / h) * h;
                    fd = Difference(u =>
                    {
                        var q = (double[])point.Clone();
                        q[k] = u;
                        return s.Differenced(q, x);
                    }, point[k], h, out magnitude);
                }
                var (logDensity, dValue, dParameters) = s.Gradient(point, value);
                var analytic = k == -1 ? dValue : dParameters[k];
                var tolerance = RelativeTolerance * Math.Abs(fd) + NoiseUlps * Eps * magnitude / h;
                var what = k == -1 ? "d/dx" : $"d/dθ{k}";
                var at = k == -1 ? value : point[k];
                Assert.That(h, Is.GreaterThanOrEqualTo(64 * Ulp(at)), $"{what}: the step resolves the coordinate");
                Assert.That(double.IsFinite(logDensity), Is.True, $"{what}: log density {logDensity} is finite");
                Assert.That(analytic, Is.EqualTo(fd).Within(tolerance), $"{what} (h = {h:R}, tolerance {tolerance:R})");
            }
        });
    }

    [TestCaseSource(nameof(Interior))]
    public void Log_density_is_bit_identical_and_derivatives_finite(Subject s, double[] p, double x)
    {
        var (logDensity, dValue, dParameters) = s.Gradient(p, x);
        Assert.That(BitConverter.DoubleToInt64Bits(logDensity), Is.EqualTo(BitConverter.DoubleToInt64Bits(s.LogDensity(p, x))),
            $"{logDensity:R} vs {s.LogDensity(p, x):R}");
        Assert.That(double.IsFinite(dValue) && dParameters.All(double.IsFinite), Is.True, $"{dValue}, [{string.Join(", ", dParameters)}]");
        Assert.That(s.Support(p).Contains(x), Is.True, "the value lies in the support");
    }

    [Test]
    public void Truncated_normal_reference_form_matches_its_log_density()
    {
        // The differenced form equals the density to the density's own rounding: a few ulps of the terms c² and t·c.
        foreach (var (p, xs) in TruncatedGrid())
        foreach (var x in xs)
        {
            var a = (p[2] - p[0]) / p[1];
            var b = (p[3] - p[0]) / p[1];
            var c = a >= 0 ? a : b <= 0 ? -b : 0;
            var actual = TruncatedNormalSubject.LogDensity(p, x);
            var expected = TruncatedReference(p, x);
            Assert.That(actual, Is.EqualTo(expected).Within(16 * Eps * (1 + Math.Abs(expected) + c * c)), $"{TruncatedNormalSubject.Text(p)} at {x:R}");
        }
    }

    /// <summary>
    /// Values at the closed ends where the log density is finite or +∞ (the density's limit): the same value as
    /// LogDensity, the one-sided derivatives, never NaN.
    /// </summary>
    private static IEnumerable<TestCaseData> Ends()
    {
        yield return Case(UniformSubject, [0, 1], 0);
        yield return Case(UniformSubject, [0, 1], 1);
        yield return Case(BetaSubject, [1, 1], 0);
        yield return Case(BetaSubject, [1, 1], 1);
        yield return Case(BetaSubject, [0.5, 2], 0);
        yield return Case(BetaSubject, [2, 0.5], 1);
        yield return Case(BetaSubject, [1, 3], 0);
        yield return Case(BetaSubject, [3, 1], 1);
        yield return Case(GammaSubject, [1, 2], 0);
        yield return Case(GammaSubject, [0.5, 2], 0);
        yield return Case(ExponentialSubject, [3], 0);
        yield return Case(HalfNormalSubject, [2], 0);
        yield return Case(HalfCauchySubject, [2], 0);
        yield return Case(LaplaceSubject, [1, 2], 1);
        yield return Case(TruncatedNormalSubject, [0, 1, -1, 2], -1);
        yield return Case(TruncatedNormalSubject, [0, 1, -1, 2], 2);
        yield return Case(TruncatedNormalSubject, [0, 1, 1000, Inf], 1000);
        yield return Case(TruncatedNormalSubject, [0, 1, 1000, 1000.01], 1000.01);
        yield return Case(TruncatedNormalSubject, [0, 1, -Inf, -1000], -1000);
        yield return Case(BetaSubject, [2, 3], 5e-324);
        yield return Case(GammaSubject, [3, 1], 5e-324);
        yield return Case(InverseGammaSubject, [3, 1], 1e-3);
        yield return Case(LogNormalSubject, [0, 1], 5e-324);
    }

    [TestCaseSource(nameof(Ends))]
    public void At_the_ends_the_log_density_is_bit_identical_and_derivatives_are_not_NaN(Subject s, double[] p, double x)
    {
        var (logDensity, dValue, dParameters) = s.Gradient(p, x);
        Assert.That(BitConverter.DoubleToInt64Bits(logDensity), Is.EqualTo(BitConverter.DoubleToInt64Bits(s.LogDensity(p, x))));
        Assert.That(double.IsNaN(dValue) || dParameters.Any(double.IsNaN), Is.False, $"{dValue}, [{string.Join(", ", dParameters)}]");
        if (double.IsNegativeInfinity(logDensity))
            Assert.That(dValue == 0 && dParameters.All(d => d == 0), Is.True, "−∞ comes with zero derivatives");
    }

    [Test]
    public void One_sided_derivatives_at_the_ends()
    {
        Assert.Multiple(() =>
        {
            // uniform(0, 4) at its ends: 0 in x, ±1/4 in the ends.
            var (_, dx, dp) = UniformSubject.Gradient([0, 4], 0);
            Assert.That((dx, dp[0], dp[1]), Is.EqualTo((0.0, 0.25, -0.25)));
            // gamma(1, 2) = exponential(1/2) at 0: log density −log 2 (to MathNet's log Γ(1)), d/dx = −1/2, d/dθ = (0 − 1)/2.
            (var lp, dx, dp) = GammaSubject.Gradient([1, 2], 0);
            Assert.That(lp, Is.EqualTo(-Math.Log(2)).Within(1e-15));
            Assert.That((dx, dp[1]), Is.EqualTo((-0.5, -0.5)));
            Assert.That(dp[0], Is.EqualTo(double.NegativeInfinity), "∂/∂k log x at x = 0");
            // beta(1, 3) at 0: d/dx = −(b − 1)/(1 − 0) = −2; ∂/∂b = log 1 − ψ(3) + ψ(4) = 1/3.
            (_, dx, dp) = BetaSubject.Gradient([1, 3], 0);
            Assert.That(dx, Is.EqualTo(-2.0));
            Assert.That(dp[1], Is.EqualTo(1.0 / 3).Within(1e-15));
            // beta(0.5, 2) at 0: density +∞, d/dx = (a − 1)/0 = −∞.
            (lp, dx, _) = BetaSubject.Gradient([0.5, 2], 0);
            Assert.That((lp, dx), Is.EqualTo((Inf, double.NegativeInfinity)));
            // half_normal(2) at 0: d/dx = 0, d/dσ = −1/σ.
            (_, dx, dp) = HalfNormalSubject.Gradient([2], 0);
            Assert.That((dx, dp[0]), Is.EqualTo((0.0, -0.5)));
            // laplace at its kink: the midpoint of the one-sided derivatives, 0; d/db = −1/b.
            (_, dx, dp) = LaplaceSubject.Gradient([1, 2], 1);
            Assert.That((dx, dp[0], dp[1]), Is.EqualTo((0.0, 0.0, -0.5)));
        });
    }

    [Test]
    public void Truncated_normal_derivatives_in_an_infinite_end_are_zero()
    {
        Assert.Multiple(() =>
        {
            foreach (var (p, xs) in TruncatedGrid())
            foreach (var x in xs)
            {
                var (_, _, dp) = TruncatedNormalSubject.Gradient(p, x);
                if (double.IsNegativeInfinity(p[2])) Assert.That(dp[2], Is.EqualTo(0.0), $"{TruncatedNormalSubject.Text(p)} d/dlo");
                if (double.IsPositiveInfinity(p[3])) Assert.That(dp[3], Is.EqualTo(0.0), $"{TruncatedNormalSubject.Text(p)} d/dhi");
            }
        });
    }

    /// <summary>
    /// The untruncated limit: truncated_normal(mu, σ, −∞, ∞) has normal's gradient, and a far-away end changes it
    /// only negligibly.
    /// </summary>
    [Test]
    public void Truncated_normal_without_ends_has_the_normal_gradient()
    {
        var (lp, dx, dp) = TruncatedNormalSubject.Gradient([1.5, 2, -Inf, Inf], 0.3);
        var (nlp, ndx, ndp) = NormalSubject.Gradient([1.5, 2], 0.3);
        Assert.That(lp, Is.EqualTo(nlp).Within(1e-15));
        Assert.That(dx, Is.EqualTo(ndx).Within(1e-15));
        Assert.That(dp[0], Is.EqualTo(ndp[0]).Within(1e-15));
        Assert.That(dp[1], Is.EqualTo(ndp[1]).Within(1e-15));
    }

    // References at 80 digits with mpmath, from the definition (Z = Φ(b) − Φ(a) by erfc, no reformulation):
    // log p, ∂/∂x = −z/σ, ∂/∂mu = (z − E[z])/σ, ∂/∂σ = (z² − E[z²])/σ, ∂/∂lo = φ(a)/(σZ), ∂/∂hi = −φ(b)/(σZ).
    [TestCase(1000.0005, 0.0, 1.0, 1000.0, Inf, 6.4077561539914605014, -1000.0004999999999882, -4.9999800002182335712e-4, -0.99999775003364680007, 1000.00099999800001, 0.0)]
    [TestCase(40.02, 0.0, 1.0, 40.0, 41.0, 2.8893034805489903093, -40.020000000000003126, -0.0049688472072605943444, -0.39835388829029849006, 40.024968847207263824, -1.0313462302074795948e-16)]
    [TestCase(503.001, 3.0, 0.5, 503.0, Inf, 5.6009014595868761929, -2000.0039999999999054, 0.002000003999885412699, 4.0000119997908248717, 2000.00199999600002, 0.0)]
    [TestCase(1.000000005, 0.0, 1.0, 1.0, 1.00000001, 18.420680750029836462, -1.0000000049999999696, 8.3333332737088166577e-18, 8.3333333987088147537e-18, 1.0000000110774710329e+8, -1.0000000010774709829e+8)]
    [TestCase(-30.05, 0.0, 1.0, -Inf, -30.0, 1.9010554231385030138, 30.050000000000000711, -0.016740332566323673472, 1.0047099769897315915, 0.0, -30.033259667433677037)]
    [TestCase(1e-06, 0.0, 1.0, -1e-06, 2e-06, 12.716898269296164458, -9.9999999999999995475e-7, 5.0000000000037497737e-7, 5.9999999999980703425e-25, 3.3333333333333334842e+5, -3.3333333333283334842e+5)]
    [TestCase(0.5, 0.0, 1.0, -1.0, 2.0, -0.84377223888021016183, -0.5, 0.27036282090867103138, -0.32249577323255703035, 0.29559286165003363563, -0.065955682558704667011)]
    [TestCase(100000.000001, 0.0, 1.0, 100000.0, Inf, 11.412926158811914258, -1.0000000000099999306e+5, -9.0000069354218583117e-6, -1.8000013872833716761, 1.0000000001e+5, 0.0)]
    [TestCase(1000.004, 0.0, 1.0, 1000.0, 1000.01, 2.9077936771968739444, -1000.0040000000000191, 0.0030004559922236323531, 6.0009259899051640957, 1000.0463993102510569, -0.04539976624326139379)]
    [TestCase(-1000.004, 0.0, 1.0, -1000.01, -1000.0, 2.9077936771968739444, 1000.0040000000000191, -0.0030004559922236323531, 6.0009259899051640957, 0.04539976624326139379, -1000.0463993102510569)]
    [TestCase(10.2, 0.0, 1.0, 10.0, Inf, 0.2923466173078050841, -10.199999999999999289, 0.10190676603748732661, 2.0590676603748658765, 10.098093233962511963, 0.0)]
    [TestCase(0.25, 0.0, 1.0, 0.2, 0.3, 2.3029756573701388084, -0.25, 2.0826172911684182221e-4, -7.2894208078975496148e-4, 10.117085794004754144, -9.8672940557338709855)]
    [TestCase(2.0, -40.0, 2.0, 0.0, 5.0, -18.194930342667354114, -10.5, 0.47512346573607472889, 19.502469314721494578, 10.024876534263925271, -8.4954166141204698048e-23)]
    public void Truncated_normal_gradient_matches_high_precision_references(double x, double mu, double sigma, double lo, double hi,
        double logDensity, double dx, double dMu, double dSigma, double dLo, double dHi)
    {
        // Relative 1e-13 (the derivatives come out within a few 1e-14, most within 1e-15), or absolute 1e-22/σ for
        // the derivatives that are tiny differences in a narrow interval (8e-18 and 6e-25 above, resolved to about
        // 1e-24: rounding of the interval's own scale); the log density to the accuracy LogDensity has (a few ulps of c²).
        var (lp, gx, gp) = TruncatedNormalSubject.Gradient([mu, sigma, lo, hi], x);
        void Near(double actual, double expected, string what) =>
            Assert.That(actual, Is.EqualTo(expected).Within(1e-13 * Math.Abs(expected) + 1e-22 / sigma), what);
        Assert.Multiple(() =>
        {
            var c = Math.Max(0, Math.Max((lo - mu) / sigma, (mu - hi) / sigma));
            Assert.That(lp, Is.EqualTo(logDensity).Within(1e-14 * Math.Abs(logDensity) + 8 * Eps * c * c), "log density");
            Near(gx, dx, "d/dx");
            Near(gp[0], dMu, "d/dmu");
            Near(gp[1], dSigma, "d/dsigma");
            Near(gp[2], dLo, "d/dlo");
            Near(gp[3], dHi, "d/dhi");
        });
    }

    /// <summary>Values outside the support (and NaN), per distribution: −∞ and every derivative 0.</summary>
    private static IEnumerable<TestCaseData> Outside()
    {
        double[] nonFinite = [double.NaN, Inf, double.NegativeInfinity];
        double[] notPositive = [-1e-300, -2.0, double.NaN, Inf, double.NegativeInfinity];
        foreach (var x in nonFinite)
        {
            yield return Case(NormalSubject, [0, 1], x);
            yield return Case(LaplaceSubject, [0, 1], x);
            yield return Case(CauchySubject, [0, 1], x);
            yield return Case(StudentTSubject, [3, 0, 1], x);
        }
        foreach (var x in notPositive)
        {
            yield return Case(GammaSubject, [2, 1], x);
            yield return Case(ExponentialSubject, [2], x);
            yield return Case(InverseGammaSubject, [2, 1], x);
            yield return Case(HalfNormalSubject, [1], x);
            yield return Case(HalfCauchySubject, [1], x);
            yield return Case(LogNormalSubject, [0, 1], x);
        }
        yield return Case(InverseGammaSubject, [2, 1], 0);
        yield return Case(LogNormalSubject, [0, 1], 0);
        yield return Case(GammaSubject, [2, 1], 0); // the density vanishes at 0 for shape > 1
        yield return Case(BetaSubject, [2, 3], 0);
        yield return Case(BetaSubject, [2, 3], 1);
        yield return Case(NormalSubject, [0, 1e-300], 1e300); // z² overflows: the log density underflows to −∞
        foreach (var x in new[] { -0.1, 1.0000001, double.NaN, Inf, double.NegativeInfinity })
        {
            yield return Case(BetaSubject, [2, 3], x);
            yield return Case(UniformSubject, [0, 1], x);
        }
        foreach (var x in new[] { 0.999999, 2.0000001, -5, 1e300, double.NaN, Inf, double.NegativeInfinity })
            yield return Case(TruncatedNormalSubject, [0.5, 2, 1, 2], x);
        foreach (var x in new[] { double.NaN, Inf, double.NegativeInfinity, 39.999 })
            yield return Case(TruncatedNormalSubject, [0, 1, 40, Inf], x);
    }

    [TestCaseSource(nameof(Outside))]
    public void Outside_the_support_the_log_density_is_negative_infinity_with_zero_derivatives(Subject s, double[] p, double x)
    {
        var (logDensity, dValue, dParameters) = s.Gradient(p, x);
        Assert.That(logDensity, Is.EqualTo(double.NegativeInfinity));
        Assert.That(s.LogDensity(p, x), Is.EqualTo(double.NegativeInfinity));
        Assert.That(dValue, Is.EqualTo(0.0));
        Assert.That(dParameters, Is.All.EqualTo(0.0));
    }

    private static IEnumerable<TestCaseData> Subjects()
    {
        foreach (var s in new[]
                 {
                     NormalSubject, UniformSubject, BetaSubject, GammaSubject, ExponentialSubject, LaplaceSubject, CauchySubject,
                     StudentTSubject, InverseGammaSubject, HalfNormalSubject, HalfCauchySubject, LogNormalSubject, TruncatedNormalSubject,
                 })
            yield return new TestCaseData(s).SetArgDisplayNames(s.Name);
    }

    [Test]
    public void Exactly_the_scalar_continuous_built_ins_are_differentiable()
    {
        var differentiable = typeof(Normal).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDifferentiablePrimitive<>)))
            .Select(t => t.DeclaringType!.Name)
            .OrderBy(n => n, StringComparer.Ordinal);
        Assert.That(differentiable, Is.EqualTo(new[]
        {
            "Beta", "Cauchy", "Exponential", "Gamma", "HalfCauchy", "HalfNormal", "InverseGamma", "Laplace", "LogNormal", "Normal",
            "StudentT", "TruncatedNormal", "Uniform",
        }));
    }

    [TestCaseSource(nameof(Subjects))]
    public void Parameter_count_is_the_constructors(Subject s)
    {
        var constructor = s.PrimitiveType.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Single();
        Assert.That(s.Count, Is.EqualTo(constructor.GetParameters().Length));
        Assert.That(constructor.GetParameters().All(p => p.ParameterType == typeof(double)), Is.True);
    }

    [TestCaseSource(nameof(Subjects))]
    public void A_gradient_span_too_short_is_refused_and_a_longer_one_written_only_in_its_first_entries(Subject s)
    {
        var arguments = Interior().Select(c => c.Arguments).First(a => ReferenceEquals(a[0], s));
        var p = (double[])arguments[1]!;
        var x = (double)arguments[2]!;
        var longer = Enumerable.Repeat(7.0, s.Count + 2).ToArray();
        s.GradientInto(p, x, longer);
        Assert.That(longer[^2..], Is.EqualTo(new[] { 7.0, 7.0 }), "entries past ParameterCount untouched");
        Assert.That(longer[..s.Count], Is.EqualTo(s.Gradient(p, x).DParameters), "the first ParameterCount entries as with an exact span");
        Assert.Throws<ArgumentException>(() => s.GradientInto(p, x, new double[s.Count - 1]));
    }

    [Test]
    public void Supports_are_as_documented()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Normal.Primitive(0, 1).Support, Is.EqualTo(GenSupport.Real));
            Assert.That(new Laplace.Primitive(0, 1).Support, Is.EqualTo(GenSupport.Real));
            Assert.That(new Cauchy.Primitive(0, 1).Support, Is.EqualTo(GenSupport.Real));
            Assert.That(new StudentT.Primitive(3, 0, 1).Support, Is.EqualTo(GenSupport.Real));
            Assert.That(new Gamma.Primitive(2, 1).Support, Is.EqualTo(GenSupport.Positive));
            Assert.That(new Exponential.Primitive(2).Support, Is.EqualTo(GenSupport.Positive));
            Assert.That(new InverseGamma.Primitive(2, 1).Support, Is.EqualTo(GenSupport.Positive));
            Assert.That(new HalfNormal.Primitive(2).Support, Is.EqualTo(GenSupport.Positive));
            Assert.That(new HalfCauchy.Primitive(2).Support, Is.EqualTo(GenSupport.Positive));
            Assert.That(new LogNormal.Primitive(0, 1).Support, Is.EqualTo(GenSupport.Positive));
            Assert.That(new Beta.Primitive(2, 3).Support, Is.EqualTo(GenSupport.UnitInterval));
            Assert.That(new Uniform.Primitive(-2, 5).Support, Is.EqualTo(GenSupport.Between(-2, 5)));
            Assert.That(new TruncatedNormal.Primitive(0, 1, -2, 5).Support, Is.EqualTo(GenSupport.Between(-2, 5)));
            Assert.That(new TruncatedNormal.Primitive(0, 1, 1, Inf).Support, Is.EqualTo(GenSupport.Between(1, Inf)));
            Assert.That(new TruncatedNormal.Primitive(0, 1, double.NegativeInfinity, Inf).Support, Is.EqualTo(GenSupport.Real));
        });
    }

    /// <summary>Valid parameter vectors: Create gives the constructor's primitive (same text, same density bit for bit).</summary>
    private static IEnumerable<TestCaseData> Valid()
    {
        yield return new TestCaseData(NormalSubject, new[] { 1.5, 0.25 }, 1.1);
        yield return new TestCaseData(UniformSubject, new[] { -1.0, 3.0 }, 0.5);
        yield return new TestCaseData(BetaSubject, new[] { 0.5, 2.0 }, 0.3);
        yield return new TestCaseData(GammaSubject, new[] { 2.5, 0.5 }, 1.2);
        yield return new TestCaseData(ExponentialSubject, new[] { 3.0 }, 0.2);
        yield return new TestCaseData(LaplaceSubject, new[] { -1.0, 2.0 }, 0.5);
        yield return new TestCaseData(CauchySubject, new[] { 2.0, 0.5 }, 1.0);
        yield return new TestCaseData(StudentTSubject, new[] { 3.0, 1.0, 2.0 }, -0.5);
        yield return new TestCaseData(InverseGammaSubject, new[] { 3.0, 2.0 }, 0.7);
        yield return new TestCaseData(HalfNormalSubject, new[] { 2.0 }, 1.5);
        yield return new TestCaseData(HalfCauchySubject, new[] { 2.0 }, 1.5);
        yield return new TestCaseData(LogNormalSubject, new[] { 0.5, 0.3 }, 1.5);
        yield return new TestCaseData(TruncatedNormalSubject, new[] { 0.0, 1.0, -1.0, Inf }, 0.5);
    }

    [TestCaseSource(nameof(Valid))]
    public void Create_builds_the_constructors_primitive(Subject s, double[] p, double x)
    {
        var direct = s.Construct(p);
        Assert.That(s.Text(p), Is.EqualTo(direct.ToString()));
        Assert.That(BitConverter.DoubleToInt64Bits(s.LogDensity(p, x)), Is.EqualTo(BitConverter.DoubleToInt64Bits(direct.LogDensity(x))));
        Assert.Throws<ArgumentException>(() => s.LogDensity([.. p, 1.0], x), "one parameter too many");
        Assert.Throws<ArgumentException>(() => s.LogDensity(p[..^1], x), "one parameter too few");
    }

    /// <summary>Invalid parameter vectors, as ParameterValidationTests has them for the factories.</summary>
    private static IEnumerable<TestCaseData> Invalid()
    {
        const double nan = double.NaN;
        const double negInf = double.NegativeInfinity;
        TestCaseData C(Subject s, params double[] p) => new TestCaseData(s, p).SetArgDisplayNames($"{s.Name}({string.Join(", ", p)})");
        yield return C(NormalSubject, 0, 0);
        yield return C(NormalSubject, nan, 1);
        yield return C(NormalSubject, 0, Inf);
        yield return C(UniformSubject, 1, 1);
        yield return C(UniformSubject, 2, 1);
        yield return C(UniformSubject, negInf, 1);
        yield return C(UniformSubject, -1e308, 1e308);
        yield return C(BetaSubject, 0, 1);
        yield return C(BetaSubject, 1, -1);
        yield return C(GammaSubject, 0, 1);
        yield return C(GammaSubject, 1, Inf);
        yield return C(ExponentialSubject, 0);
        yield return C(ExponentialSubject, nan);
        yield return C(LaplaceSubject, 0, 0);
        yield return C(LaplaceSubject, Inf, 1);
        yield return C(CauchySubject, 0, -1);
        yield return C(CauchySubject, nan, 1);
        yield return C(StudentTSubject, 0, 0, 1);
        yield return C(StudentTSubject, 1, nan, 1);
        yield return C(StudentTSubject, 1, 0, 0);
        yield return C(InverseGammaSubject, -2, 1);
        yield return C(InverseGammaSubject, 2, 0);
        yield return C(HalfNormalSubject, 0);
        yield return C(HalfNormalSubject, nan);
        yield return C(HalfCauchySubject, -1);
        yield return C(HalfCauchySubject, Inf);
        yield return C(LogNormalSubject, Inf, 1);
        yield return C(LogNormalSubject, 0, 0);
        yield return C(TruncatedNormalSubject, nan, 1, 0, 1);
        yield return C(TruncatedNormalSubject, 0, 0, 0, 1);
        yield return C(TruncatedNormalSubject, 0, 1, nan, 1);
        yield return C(TruncatedNormalSubject, 0, 1, Inf, Inf);
        yield return C(TruncatedNormalSubject, 0, 1, 0, nan);
        yield return C(TruncatedNormalSubject, 0, 1, negInf, negInf);
        yield return C(TruncatedNormalSubject, 0, 1, 1, 1);
        yield return C(TruncatedNormalSubject, 0, 1, 2, 1);
        yield return C(TruncatedNormalSubject, 1e16, 1, 0, 1);
        yield return C(TruncatedNormalSubject, 0, 1e-300, 1e300, Inf);
    }

    [TestCaseSource(nameof(Invalid))]
    public void Create_validates_as_the_constructor_does(Subject s, double[] p)
    {
        var fromConstructor = Assert.Throws<ArgumentOutOfRangeException>(() => s.Construct(p))!;
        var fromCreate = Assert.Throws<ArgumentOutOfRangeException>(() => s.LogDensity(p, 0.5))!;
        Assert.That(fromCreate.ParamName, Is.EqualTo(fromConstructor.ParamName));
        Assert.That(fromCreate.Message, Is.EqualTo(fromConstructor.Message));
    }

    [Test]
    public void Digamma_terms_match_MathNet_at_a_hand_checked_point()
    {
        // gamma(2, 3) at 1: ∂/∂k = log 1 − ψ(2) − log 3 = −(1 − γ) − log 3; beta(2, 3) at 0.25: ∂/∂a = log 0.25 − ψ(2) + ψ(5).
        // (MathNet's digamma is accurate to a few 10⁻¹⁵ absolute: ψ(2) is 2.2·10⁻¹⁵ off.)
        var (_, _, dp) = GammaSubject.Gradient([2, 3], 1);
        Assert.That(dp[0], Is.EqualTo(-(1 - 0.57721566490153286061) - Math.Log(3)).Within(1e-14));
        (_, _, dp) = BetaSubject.Gradient([2, 3], 0.25);
        Assert.That(dp[0], Is.EqualTo(Math.Log(0.25) - SF.DiGamma(2) + SF.DiGamma(5)).Within(1e-15));
        Assert.That(dp[0], Is.EqualTo(Math.Log(0.25) + 1.0 / 2 + 1.0 / 3 + 1.0 / 4).Within(1e-14));
    }
}
