using GenSupport = Gen.Support;

namespace Gen.Tests.Distributions;

/// <summary>
/// <see cref="GenSupport"/>: the bijections to ℝ round-trip, and the log-Jacobian log |dx/dy|, its derivative and
/// dx/dy agree with finite differences of x(y) and of the log-Jacobian, for |y| up to 700 (finite wherever the
/// result is representable).
/// </summary>
/// <remarks>
/// Finite differences: the fourth-order central stencil with the exact (power-of-two) step h = 2⁻¹⁰ in y, on a y
/// snapped to a multiple of h; every map is smooth on the scale 1 in y, so the truncation error, h⁴f⁽⁵⁾/30, is below
/// 10⁻¹³ relative (for x = eʸ exactly f⁽⁵⁾ = f, for the logistic map and its log-Jacobian |f⁽⁵⁾| is of order 1).
/// Tolerance: 10⁻⁹ relative plus the stencil's rounding noise, 64·ulp(max |f|)/h.
/// </remarks>
public class SupportTests
{
    private const double Inf = double.PositiveInfinity;
    private const double H = 1.0 / 1024;

    private static IEnumerable<TestCaseData> Supports()
    {
        yield return new TestCaseData(GenSupport.Real).SetArgDisplayNames("real");
        yield return new TestCaseData(GenSupport.Positive).SetArgDisplayNames("positive");
        yield return new TestCaseData(GenSupport.UnitInterval).SetArgDisplayNames("unit interval");
        yield return new TestCaseData(GenSupport.Between(-2, 3)).SetArgDisplayNames("(-2, 3)");
        yield return new TestCaseData(GenSupport.Between(5, Inf)).SetArgDisplayNames("(5, inf)");
        yield return new TestCaseData(GenSupport.Between(double.NegativeInfinity, -1)).SetArgDisplayNames("(-inf, -1)");
        yield return new TestCaseData(GenSupport.Between(1e6, 1e6 + 1e-6)).SetArgDisplayNames("(1e6, 1e6 + 1e-6)");
        yield return new TestCaseData(GenSupport.Between(-1e308, 1e308)).SetArgDisplayNames("(-1e308, 1e308)");
        yield return new TestCaseData(GenSupport.Between(-1e308, double.MaxValue)).SetArgDisplayNames("(-1e308, max)");
    }

    private static readonly double[] Ys = [-700, -300, -40, -5, -0.5, 0, 1e-9, 0.7, 3, 40, 300, 700];

    private static IEnumerable<TestCaseData> SupportsAndYs()
    {
        foreach (var support in Supports())
        foreach (var y in Ys)
            yield return new TestCaseData(support.Arguments[0], y).SetArgDisplayNames($"{support.Arguments[0]} at y = {y:R}");
    }

    private static double Ulp(double x) => double.IsFinite(x) ? Math.BitIncrement(Math.Abs(x)) - Math.Abs(x) : 0;

    private static double Difference(Func<double, double> f, double y, out double magnitude)
    {
        double m2 = f(y - 2 * H), m1 = f(y - H), p1 = f(y + H), p2 = f(y + 2 * H);
        magnitude = new[] { Math.Abs(m2), Math.Abs(m1), Math.Abs(p1), Math.Abs(p2) }.Max();
        return (m2 - 8 * m1 + 8 * p1 - p2) / (12 * H);
    }

    private static double X(GenSupport s, double y) => s.FromUnconstrained(y, out _, out _, out _);

    private static double LogJacobian(GenSupport s, double y)
    {
        s.FromUnconstrained(y, out var logJacobian, out _, out _);
        return logJacobian;
    }

    [TestCaseSource(nameof(SupportsAndYs))]
    public void The_map_is_finite_and_inside_the_closed_support(GenSupport s, double y)
    {
        var x = s.FromUnconstrained(y, out var logJacobian, out var dLogJacobian, out var dxdy);
        Assert.Multiple(() =>
        {
            Assert.That(double.IsFinite(logJacobian), Is.True, $"log-Jacobian {logJacobian}");
            Assert.That(double.IsFinite(dLogJacobian), Is.True, $"its derivative {dLogJacobian}");
            Assert.That(double.IsFinite(x), Is.True, $"x = {x}");
            Assert.That(double.IsFinite(dxdy), Is.True, $"dx/dy = {dxdy}");
            Assert.That(x >= s.Lower && x <= s.Upper, Is.True, $"x = {x:R} in [{s.Lower}, {s.Upper}]");
            Assert.That(dxdy >= 0 || double.IsFinite(s.Upper) && !double.IsFinite(s.Lower), Is.True, "dx/dy ≥ 0 except for (−∞, hi)");
            // |dx/dy| = e^(log-Jacobian), where that is a normal double.
            var jacobian = Math.Exp(logJacobian);
            // exp turns the log-Jacobian's absolute rounding into relative error: a few ulps of its terms (|y| and
            // log(hi − lo), which may both be near 700 while their difference is small).
            var terms = Math.Abs(logJacobian) + Math.Abs(y) + Math.Abs(Math.Log(Math.Min(s.Upper - s.Lower, double.MaxValue)));
            if (jacobian > 1e-300 && double.IsFinite(jacobian))
                Assert.That(Math.Abs(dxdy), Is.EqualTo(jacobian).Within((1e-14 + 4 * Ulp(terms)) * jacobian), "|dx/dy| = exp(log-Jacobian)");
        });
    }

    [TestCaseSource(nameof(SupportsAndYs))]
    public void Round_trip_where_the_point_is_representable(GenSupport s, double y)
    {
        var x = s.FromUnconstrained(y, out _, out _, out var dxdy);
        if (!s.Contains(x))
        {
            // x rounded to an end: the map saturates there, as no double lies between.
            Assert.That(x == s.Lower || x == s.Upper, Is.True);
            Assert.That(Math.Abs(s.ToUnconstrained(x)), Is.EqualTo(Inf));
            return;
        }
        // The rounding of x (half an ulp) moves y by ulp/(2|dx/dy|); allow twice that, plus 10⁻¹⁴ relative.
        var back = s.ToUnconstrained(x);
        var tolerance = Ulp(x) / Math.Abs(dxdy) + 1e-14 * Math.Max(1, Math.Abs(y));
        Assert.That(back, Is.EqualTo(y).Within(tolerance), $"x = {x:R}");
    }

    [TestCaseSource(nameof(SupportsAndYs))]
    public void Derivatives_match_finite_differences(GenSupport s, double y)
    {
        y = Math.Round(y / H) * H;
        s.FromUnconstrained(y, out var logJacobian, out var dLogJacobian, out var dxdy);
        Assert.Multiple(() =>
        {
            // d(log-Jacobian)/dy: the log-Jacobian is finite and smooth everywhere.
            var fd = Difference(v => LogJacobian(s, v), y, out var m);
            Assert.That(dLogJacobian, Is.EqualTo(fd).Within(1e-9 * Math.Abs(fd) + 64 * Ulp(m) / H), "d log|dx/dy| / dy");

            // dx/dy and log |dx/dy| against differences of x(y), where x is resolved at this y (its rounding noise is
            // below 10⁻⁶ of the difference; near an end x saturates and only the analytic values are left).
            var xfd = Difference(v => X(s, v), y, out var mx);
            var noise = 64 * Ulp(mx) / H;
            if (noise < 1e-6 * Math.Abs(xfd) && double.IsFinite(xfd))
            {
                Assert.That(dxdy, Is.EqualTo(xfd).Within(1e-9 * Math.Abs(xfd) + noise), "dx/dy");
                Assert.That(logJacobian, Is.EqualTo(Math.Log(Math.Abs(xfd))).Within(1e-9 + noise / Math.Abs(xfd)), "log |dx/dy|");
            }
        });
    }

    [Test]
    public void Log_jacobian_in_the_far_tails_is_exact()
    {
        // (lo, hi): log(hi − lo) − |y| − 2 log(1 + e^(−|y|)); at |y| = 700 the last term is below rounding.
        var s = GenSupport.Between(-2, 3);
        foreach (var y in new[] { -700.0, 700.0, -1e5, 1e5 })
        {
            s.FromUnconstrained(y, out var logJacobian, out var dLogJacobian, out _);
            Assert.That(logJacobian, Is.EqualTo(Math.Log(5) - Math.Abs(y)).Within(1e-15 * Math.Abs(y)));
            Assert.That(dLogJacobian, Is.EqualTo(-Math.Sign(y)));
        }
        // (lo, ∞): log-Jacobian y, derivative 1, even where eʸ underflows or overflows.
        foreach (var y in new[] { -1e5, -700.0, 700.0 })
        {
            GenSupport.Positive.FromUnconstrained(y, out var logJacobian, out var dLogJacobian, out _);
            Assert.That((logJacobian, dLogJacobian), Is.EqualTo((y, 1.0)));
        }
        // Near the lower end the logistic map stays exact far out: x = e^(−700)·(hi − lo) is representable.
        var x = GenSupport.UnitInterval.FromUnconstrained(-700, out _, out _, out var dxdy);
        Assert.That(x, Is.EqualTo(Math.Exp(-700)).Within(1e-15 * Math.Exp(-700)));
        Assert.That(dxdy, Is.EqualTo(Math.Exp(-700)).Within(1e-15 * Math.Exp(-700)));
        Assert.That(GenSupport.UnitInterval.ToUnconstrained(x), Is.EqualTo(-700).Within(1e-12));
    }

    [Test]
    public void Points_near_the_upper_end_keep_their_precision()
    {
        // 1 − 2⁻⁴⁰ maps to log((1 − 2⁻⁴⁰)/2⁻⁴⁰), computed from the two distances to the ends.
        var x = 1 - Math.Pow(2, -40);
        var y = GenSupport.UnitInterval.ToUnconstrained(x);
        Assert.That(y, Is.EqualTo(Math.Log(Math.Pow(2, 40) - 1)).Within(1e-14 * y));
        Assert.That(GenSupport.UnitInterval.FromUnconstrained(y, out _, out _, out _), Is.EqualTo(x));
    }

    [Test]
    public void Real_is_the_identity()
    {
        Assert.That(GenSupport.Real.FromUnconstrained(-3.25, out var logJacobian, out var dLogJacobian, out var dxdy), Is.EqualTo(-3.25));
        Assert.That((logJacobian, dLogJacobian, dxdy), Is.EqualTo((0.0, 0.0, 1.0)));
        Assert.That(GenSupport.Real.ToUnconstrained(1e300), Is.EqualTo(1e300));
    }

    [Test]
    public void Ends_map_to_infinities()
    {
        Assert.That(GenSupport.Positive.ToUnconstrained(0), Is.EqualTo(double.NegativeInfinity));
        Assert.That(GenSupport.UnitInterval.ToUnconstrained(0), Is.EqualTo(double.NegativeInfinity));
        Assert.That(GenSupport.UnitInterval.ToUnconstrained(1), Is.EqualTo(Inf));
        Assert.That(GenSupport.Between(double.NegativeInfinity, 2).ToUnconstrained(2), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void Contains_is_the_open_interval()
    {
        var s = GenSupport.Between(-1, 2);
        Assert.That(new[] { -1.0, -0.5, 2.0, 1.999, double.NaN }.Select(s.Contains), Is.EqualTo(new[] { false, true, false, true, false }));
        Assert.That(GenSupport.Real.Contains(double.PositiveInfinity), Is.False);
        Assert.That(GenSupport.Real.Contains(-1e308), Is.True);
    }

    [Test]
    public void Between_validates_and_equals_the_named_supports()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GenSupport.Between(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GenSupport.Between(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GenSupport.Between(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GenSupport.Between(0, double.NaN));
        Assert.That(GenSupport.Between(0, Inf), Is.EqualTo(GenSupport.Positive));
        Assert.That(GenSupport.Between(0, 1), Is.EqualTo(GenSupport.UnitInterval));
        Assert.That(GenSupport.Between(double.NegativeInfinity, Inf), Is.EqualTo(GenSupport.Real));
        Assert.That(GenSupport.Between(0, 1).GetHashCode(), Is.EqualTo(GenSupport.UnitInterval.GetHashCode()));
        Assert.That(GenSupport.Positive, Is.Not.EqualTo(GenSupport.UnitInterval));
        Assert.That(GenSupport.Between(-2, 3.5).ToString(), Is.EqualTo("(-2, 3.5)"));
    }
}
