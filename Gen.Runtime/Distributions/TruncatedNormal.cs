using System;
using MathNet.Numerics;
using MathNet.Numerics.Integration;

namespace Gen;

/// <summary>
/// The normal distribution N(mu, sigma²) truncated to [lo, hi]: density φ((x − mu)/σ) / (σ·Z) on lo ≤ x ≤ hi with
/// Z = Φ((hi − mu)/σ) − Φ((lo − mu)/σ); <c>truncated_normal(mu, sigma, lo, hi)</c>.
/// </summary>
/// <remarks>
/// <para>lo may be −∞ and hi +∞ (a one-sided or no truncation); hi must exceed lo. The interval may lie arbitrarily
/// far in a tail (lo = mu + 10σ, or + 1000σ): the sampler is an exact rejection sampler that stays efficient there,
/// and the density's normaliser Z is computed in log space, without underflow or cancellation.</para>
/// <para>Sampler (C. P. Robert, "Simulation of truncated normal variables", Statistics and Computing 5, 1995), in
/// standard units a = (lo − mu)/σ, b = (hi − mu)/σ: for an interval on one side of 0, the side of a ≥ 0 by symmetry,
/// a uniform proposal on [a, b] accepted with probability e^((a² − z²)/2) when b − a is short, otherwise a + E/λ,
/// E exponential, λ = (a + √(a² + 4))/2, accepted with probability e^(−(z − λ)²/2) (and only if z ≤ b); for an
/// interval around 0, a uniform proposal accepted with probability e^(−z²/2) when b − a &lt; √(2π), otherwise
/// standard normal draws until one falls in [a, b]. Each try is accepted with probability above 0.49.</para>
/// </remarks>
public sealed class TruncatedNormal : Distribution<double, TruncatedNormal.Primitive>
{
    /// <summary>N(<paramref name="mu"/>, <paramref name="sigma"/>²) truncated to [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="mu"/> is not finite, <paramref name="sigma"/> is not positive and finite, <paramref name="lo"/> is NaN or +∞,
    /// <paramref name="hi"/> is NaN or −∞, or <paramref name="hi"/> does not exceed <paramref name="lo"/> (in units of sigma).
    /// </exception>
    public TruncatedNormal(double mu, double sigma, double lo, double hi) : base(new Primitive(mu, sigma, lo, hi)) { }

    /// <summary>The mean of the normal before truncation.</summary>
    public double Mu => Parameters.Mu;

    /// <summary>The standard deviation of the normal before truncation.</summary>
    public double Sigma => Parameters.Sigma;

    /// <summary>The lower end (−∞ for none).</summary>
    public double Lo => Parameters.Lo;

    /// <summary>The upper end (+∞ for none).</summary>
    public double Hi => Parameters.Hi;

    /// <inheritdoc />
    public override string Name => "truncated_normal";

    /// <summary>Robert's exact rejection sampler from the bits of <paramref name="key"/> (see the remarks).</summary>
    public static double Sample(Key key, double mu, double sigma, double lo, double hi) => new Primitive(mu, sigma, lo, hi).Sample(key);

    /// <summary>
    /// log φ((x − mu)/σ) − log σ − log Z for lo ≤ x ≤ hi (log Z computed stably, see the remarks); <c>-Infinity</c>
    /// outside [lo, hi], for ±∞ or NaN.
    /// </summary>
    public static double LogDensity(double x, double mu, double sigma, double lo, double hi) => new Primitive(mu, sigma, lo, hi).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>√(2π): below this width an interval around 0 is sampled by a uniform proposal.</summary>
    private const double Sqrt2Pi = 2.5066282746310005024157652848110;

    /// <summary>√e.</summary>
    private const double SqrtE = 1.6487212707001281468486507878142;

    /// <summary>Above this, Φ̄(x) = erfc(x/√2)/2 is computed from its asymptotic series (erfc underflows soon after).</summary>
    private const double AsymptoticTail = 26.0 * SamplerMath.Sqrt2;

    /// <summary>
    /// Gauss–Legendre nodes and weights on [0, 1], for the mass of a narrow interval: a class of their own, so that
    /// only the density (never the sampler) initialises them.
    /// </summary>
    private static class Quadrature
    {
        private static readonly GaussLegendreRule Rule = new(0.0, 1.0, 20);

        public static readonly double[] Nodes = Rule.Abscissas;

        public static readonly double[] Weights = Rule.Weights;
    }

    /// <summary>
    /// A standard normal draw conditioned on [<paramref name="a"/>, <paramref name="b"/>] (a &lt; b, a &lt; +∞, b &gt; −∞),
    /// continuing <paramref name="bits"/>: value-type code.
    /// </summary>
    internal static double StandardDraw(ref KeyBits bits, double a, double b)
    {
        if (a >= 0) return TailDraw(ref bits, a, b);
        if (b <= 0) return -TailDraw(ref bits, -b, -a);
        if (b - a < Sqrt2Pi)
        {
            while (true)
            {
                var z = a + (b - a) * bits.Uniform();
                if (Math.Log(bits.OpenUniform()) <= -0.5 * z * z) return z;
            }
        }
        while (true)
        {
            var z = bits.StandardNormal();
            if (z >= a && z <= b) return z;
        }
    }

    /// <summary>A standard normal draw conditioned on [a, b] with 0 ≤ a &lt; b ≤ +∞ (Robert 1995).</summary>
    private static double TailDraw(ref KeyBits bits, double a, double b)
    {
        var w = b - a;
        var s = Math.Sqrt(a * a + 4.0);
        // Robert's rule: the uniform proposal beats the exponential one on intervals shorter than
        // 2√e/(a + √(a² + 4)) · exp((a² − a√(a² + 4))/4); the exponent equals −a/(a + √(a² + 4)).
        if (w < 2.0 * SqrtE / (a + s) * Math.Exp(-a / (a + s)))
        {
            while (true)
            {
                var z = a + w * bits.Uniform();
                if (Math.Log(bits.OpenUniform()) <= 0.5 * (a - z) * (a + z)) return z;
            }
        }
        var d = 2.0 / (a + s); // λ − a for the optimal rate λ = (a + √(a² + 4))/2, computed without cancellation
        var lambda = a + d;
        while (true)
        {
            var e = -Math.Log(bits.OpenUniform()) / lambda;
            if (e > w) continue;
            // z − λ = e − d.
            if (Math.Log(bits.OpenUniform()) <= -0.5 * (e - d) * (e - d)) return a + e;
        }
    }

    /// <summary>
    /// log Z + c²/2 for the standard normal mass Z of [a, b], where c (returned) is the end nearer 0 of an interval
    /// on one side of 0, or 0 for an interval around 0: keeping −c²/2 apart keeps far tails finite and exact.
    /// </summary>
    internal static double LogScaledMass(double a, double b, out double c) => LogScaledMass(a, b, out c, false, out _);

    /// <summary>
    /// <see cref="LogScaledMass(double, double, out double)"/> (the same value, bit for bit), with, when
    /// <paramref name="moments"/> is set, what the derivatives of log Z need (see <see cref="MassMoments"/>).
    /// </summary>
    internal static double LogScaledMass(double a, double b, out double c, bool moments, out MassMoments m)
    {
        if (a >= 0)
        {
            c = a;
            var right = LogScaledRightMass(a, b, moments, out var near, out var far, out var mean, out var meanSquare);
            m = new MassMoments(MassFrame.Right, near, far, mean, meanSquare);
            return right;
        }
        if (b <= 0)
        {
            c = -b;
            var left = LogScaledRightMass(-b, -a, moments, out var near, out var far, out var mean, out var meanSquare);
            m = new MassMoments(MassFrame.Left, far, near, mean, meanSquare);
            return left;
        }
        c = 0.0;
        // Φ(b) − Φ(a) = (erf(b/√2) + erf(−a/√2))/2: two non-negative terms, no cancellation.
        var result = Math.Log(0.5 * (HalfErf(b) + HalfErf(-a)));
        m = default;
        if (moments)
        {
            // φ(a)/Z and φ(b)/Z (0 at an infinite end).
            var lower = Math.Exp(-0.5 * a * a - SamplerMath.LogSqrt2Pi - result);
            var upper = Math.Exp(-0.5 * b * b - SamplerMath.LogSqrt2Pi - result);
            double mean, meanSquare;
            var w = b - a;
            if (w < 2.0)
            {
                // A narrow interval: E[z] = (φ(a) − φ(b))/Z and E[z²] = 1 + (aφ(a) − bφ(b))/Z would cancel (to
                // 10⁻¹⁰ relative at w = 10⁻⁶), so the moments come from quadrature of z^k φ(z) over [a, b] instead
                // (20 Gauss–Legendre nodes integrate e^(−z²/2) times z or z² to rounding for w < 2).
                var nodes = Quadrature.Nodes;
                var weights = Quadrature.Weights;
                double sum = 0.0, sum1 = 0.0, sum2 = 0.0;
                for (var i = 0; i < nodes.Length; i++)
                {
                    var z = a + w * nodes[i];
                    var term = weights[i] * Math.Exp(-0.5 * z * z);
                    sum += term;
                    sum1 += term * z;
                    sum2 += term * z * z;
                }
                mean = sum1 / sum;
                meanSquare = sum2 / sum;
            }
            else
            {
                mean = lower - upper;
                meanSquare = 1.0 + (lower == 0 ? 0.0 : a * lower) - (upper == 0 ? 0.0 : b * upper);
            }
            m = new MassMoments(MassFrame.Central, lower, upper, mean, meanSquare);
        }
        return result;
    }

    private static double HalfErf(double x) => double.IsPositiveInfinity(x) ? 1.0 : SpecialFunctions.Erf(x / SamplerMath.Sqrt2);

    /// <summary>
    /// log(Φ̄(a) − Φ̄(b)) + a²/2 for 0 ≤ a &lt; b ≤ +∞; with <paramref name="moments"/>, also, for the standard normal
    /// conditioned on [a, b] and t = z − a: <paramref name="near"/> = φ(a)/Z, <paramref name="far"/> = φ(b)/Z,
    /// <paramref name="mean"/> = E[t] and <paramref name="meanSquare"/> = E[t²] (else all 0).
    /// </summary>
    private static double LogScaledRightMass(double a, double b, bool moments, out double near, out double far, out double mean,
        out double meanSquare)
    {
        near = far = mean = meanSquare = 0.0;
        var la = LogScaledTail(a);
        if (double.IsPositiveInfinity(b))
        {
            if (moments)
            {
                // E[t] = φ(a)/Φ̄(a) − a, the inverse Mills ratio's excess, and E[t²] = 1 − aE[t] (from the moment
                // recursion E[z²] = 1 + aφ(a)/Z).
                mean = TailExcess(a, la);
                near = InverseMills(a, la, mean);
                meanSquare = 1.0 - a * mean;
            }
            return la;
        }
        // r = Φ̄(b)/Φ̄(a).
        var lb = LogScaledTail(b);
        var r = Math.Exp(lb - la - 0.5 * (b - a) * (b + a));
        if (r <= 0.75)
        {
            if (moments)
            {
                // Z = Φ̄(a)(1 − r), so φ(a)/Z = h(a)/(1 − r) and φ(b)/Z = r·h(b)/(1 − r) with h(x) = φ(x)/Φ̄(x);
                // E[z] − a = [(h(a) − a) − r·((h(b) − b) + (b − a))]/(1 − r), and E[t²] = 1 − aE[t] − (b − a)φ(b)/Z.
                // Each excess h(x) − x is computed without cancellation, so that E[t] keeps its relative accuracy
                // when a is far in the tail (where E[t] ≈ 1/a).
                var q = 1.0 - r;
                var excessA = TailExcess(a, la);
                var excessB = r == 0 ? 0.0 : TailExcess(b, lb);
                near = InverseMills(a, la, excessA) / q;
                far = r == 0 ? 0.0 : r * InverseMills(b, lb, excessB) / q;
                mean = (excessA - (r == 0 ? 0.0 : r * (excessB + (b - a)))) / q;
                meanSquare = 1.0 - a * mean - (far == 0 ? 0.0 : (b - a) * far);
            }
            return la + SamplerMath.Log1P(-r);
        }
        // A narrow interval: Φ̄(a) − Φ̄(b) = φ(a) ∫₀ʷ e^(−at − t²/2) dt, w = b − a, by quadrature (the integrand
        // changes little over the interval, so 20 Gauss–Legendre nodes integrate it to rounding; the same nodes give
        // the first two moments of t, whose integrands are the same times t and t²).
        var w = b - a;
        var nodes = Quadrature.Nodes;
        var weights = Quadrature.Weights;
        var sum = 0.0;
        var sum1 = 0.0;
        var sum2 = 0.0;
        for (var i = 0; i < nodes.Length; i++)
        {
            var t = w * nodes[i];
            var term = weights[i] * Math.Exp(-t * (a + 0.5 * t));
            sum += term;
            if (moments)
            {
                sum1 += term * t;
                sum2 += term * t * t;
            }
        }
        if (moments)
        {
            near = 1.0 / (w * sum);
            far = near * Math.Exp(-w * (a + 0.5 * w));
            mean = sum1 / sum;
            meanSquare = sum2 / sum;
        }
        return Math.Log(w * sum) - SamplerMath.LogSqrt2Pi;
    }

    /// <summary>Below this, <see cref="TailExcess"/> comes from erfc; from it on, from Laplace's continued fraction.</summary>
    private const double ContinuedFractionFrom = 4.0;

    /// <summary>
    /// h(x) − x for x ≥ 0, h(x) = φ(x)/Φ̄(x) the inverse Mills ratio (the mean excess over x of a standard normal
    /// conditioned on [x, ∞)), given <paramref name="scaledTail"/> = <see cref="LogScaledTail"/>(x). Below x = 4, from
    /// erfc (cancelling by a factor of at most x² = 16); from x = 4 on, from Laplace's continued fraction
    /// h(x) − x = 1/(x + 2/(x + 3/(x + …))), 40 terms of which reach double precision there and converge faster the
    /// larger x: no cancellation, and no dependence on erfc's relative accuracy in the tail (about 10⁻¹³ at x = 30).
    /// </summary>
    private static double TailExcess(double x, double scaledTail)
    {
        if (x < ContinuedFractionFrom) return Math.Exp(-SamplerMath.LogSqrt2Pi - scaledTail) - x;
        var t = 0.0;
        for (var k = 40; k >= 2; k--) t = k / (x + t);
        return 1.0 / (x + t);
    }

    /// <summary>h(x) = φ(x)/Φ̄(x), given <see cref="LogScaledTail"/>(x) and <see cref="TailExcess"/>(x).</summary>
    private static double InverseMills(double x, double scaledTail, double excess) =>
        x < ContinuedFractionFrom ? Math.Exp(-SamplerMath.LogSqrt2Pi - scaledTail) : x + excess;

    /// <summary>Which frame <see cref="MassMoments"/> measures t in.</summary>
    internal enum MassFrame
    {
        /// <summary>An interval around 0: t = z.</summary>
        Central,

        /// <summary>An interval right of 0 (a ≥ 0): t = z − a.</summary>
        Right,

        /// <summary>An interval left of 0 (b ≤ 0), mirrored: t = b − z.</summary>
        Left,
    }

    /// <summary>
    /// What the derivatives of log Z need, for the standard normal conditioned on [a, b]: φ(a)/Z and φ(b)/Z (the
    /// density at the ends, 0 at an infinite end), and the first two moments of t, the distance from the end nearer 0
    /// (or z itself for an interval around 0; see <see cref="MassFrame"/>), measured from that end so that they keep
    /// their relative accuracy far in a tail.
    /// </summary>
    internal readonly record struct MassMoments(MassFrame Frame, double LowerDensity, double UpperDensity, double Mean, double MeanSquare);

    /// <summary>log Φ̄(x) + x²/2 for x ≥ 0, Φ̄ the standard normal upper tail.</summary>
    internal static double LogScaledTail(double x)
    {
        if (x < AsymptoticTail) return Math.Log(0.5 * SpecialFunctions.Erfc(x / SamplerMath.Sqrt2)) + 0.5 * x * x;
        // Φ̄(x) = φ(x)/x · (1 − 1/x² + 3/x⁴ − 15/x⁶ + …); from x = 36.7 on, eight terms reach double precision.
        var y = 1.0 / (x * x);
        var s = 1.0 - y * (1.0 - 3.0 * y * (1.0 - 5.0 * y * (1.0 - 7.0 * y * (1.0 - 9.0 * y * (1.0 - 11.0 * y * (1.0 - 13.0 * y * (1.0 - 15.0 * y)))))));
        return -Math.Log(x) - SamplerMath.LogSqrt2Pi + Math.Log(s);
    }

    /// <summary>
    /// The truncated normal distribution as a value: what a <c>truncated_normal(mu, sigma, lo, hi)</c> choice in a
    /// <c>[Gen]</c> body samples through.
    /// </summary>
    public readonly struct Primitive : IDifferentiablePrimitive<Primitive>
    {
        private readonly double _a, _b;

        /// <summary>N(<paramref name="mu"/>, <paramref name="sigma"/>²) truncated to [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
        /// <exception cref="ArgumentOutOfRangeException">
        /// <paramref name="mu"/> is not finite, <paramref name="sigma"/> is not positive and finite, <paramref name="lo"/> is NaN or +∞,
        /// <paramref name="hi"/> is NaN or −∞, or <paramref name="hi"/> does not exceed <paramref name="lo"/> (in units of sigma).
        /// </exception>
        public Primitive(double mu, double sigma, double lo, double hi)
        {
            Check.Finite(mu);
            Check.Positive(sigma);
            if (double.IsNaN(lo) || double.IsPositiveInfinity(lo)) Check.Fail(nameof(lo), lo, "must be a number below +Infinity (-Infinity for no lower end)");
            if (double.IsNaN(hi) || double.IsNegativeInfinity(hi)) Check.Fail(nameof(hi), hi, "must be a number above -Infinity (+Infinity for no upper end)");
            if (!(hi > lo)) Check.Fail(nameof(hi), hi, $"must be greater than lo = {lo}");
            var a = (lo - mu) / sigma;
            var b = (hi - mu) / sigma;
            if (double.IsPositiveInfinity(a)) Check.Fail(nameof(lo), lo, $"must be a finite number of standard deviations (sigma = {sigma}) from mu = {mu}");
            if (double.IsNegativeInfinity(b)) Check.Fail(nameof(hi), hi, $"must be a finite number of standard deviations (sigma = {sigma}) from mu = {mu}");
            if (!(b > a)) Check.Fail(nameof(hi), hi, $"must exceed lo = {lo} by a representable amount in units of sigma = {sigma}");
            Mu = mu;
            Sigma = sigma;
            Lo = lo;
            Hi = hi;
            _a = a;
            _b = b;
        }

        /// <summary>The mean of the normal before truncation.</summary>
        public double Mu { get; }

        /// <summary>The standard deviation of the normal before truncation.</summary>
        public double Sigma { get; }

        /// <summary>The lower end (−∞ for none).</summary>
        public double Lo { get; }

        /// <summary>The upper end (+∞ for none).</summary>
        public double Hi { get; }

        /// <summary>
        /// mu + σ·z with z Robert's exact rejection draw of a standard normal conditioned on [(lo − mu)/σ, (hi − mu)/σ]
        /// (see the remarks of <see cref="TruncatedNormal"/>), from the bits of <paramref name="key"/>; clamped to
        /// [lo, hi] against rounding.
        /// </summary>
        public double Sample(Key key)
        {
            var bits = new KeyBits(key);
            var x = Mu + Sigma * StandardDraw(ref bits, _a, _b);
            return x < Lo ? Lo : x > Hi ? Hi : x;
        }

        /// <summary>
        /// log φ((x − mu)/σ) − log σ − log Z for lo ≤ x ≤ hi; <c>-Infinity</c> outside [lo, hi], for ±∞ or NaN.
        /// </summary>
        public double LogDensity(double x)
        {
            if (!(x >= Lo && x <= Hi) || !double.IsFinite(x)) return double.NegativeInfinity;
            var scaledMass = LogScaledMass(_a, _b, out var c);
            var z = (x - Mu) / Sigma;
            // log φ(z) − log Z = −(z² − c²)/2 − log √(2π) − (log Z + c²/2).
            return -0.5 * (z - c) * (z + c) - SamplerMath.LogSqrt2Pi - Math.Log(Sigma) - scaledMass;
        }

        /// <summary>4: mu, sigma, lo, hi, in constructor order.</summary>
        public int ParameterCount => 4;

        /// <summary>The primitive with parameters (mu, sigma, lo, hi), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 4 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A parameter is invalid, as for the constructor.</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 4);
            return new Primitive(parameters[0], parameters[1], parameters[2], parameters[3]);
        }

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with its derivatives. With z = (x − mu)/σ,
        /// a = (lo − mu)/σ, b = (hi − mu)/σ and the moments of the standard normal conditioned on [a, b]:
        /// ∂/∂x = −z/σ, ∂/∂mu = (z − E[z])/σ, ∂/∂σ = (z² − E[z²])/σ, ∂/∂lo = φ(a)/(σZ) and ∂/∂hi = −φ(b)/(σZ)
        /// (0 at an infinite end). The moments are measured from the end of [a, b] nearer 0, from the same stable
        /// log-normaliser as the density, so the derivatives keep their relative accuracy for intervals far in a
        /// tail (lo = mu + 1000σ) and narrow ones. At lo or hi, the derivatives with x held inside; where the log
        /// density is −∞ (outside [lo, hi], ±∞ or NaN), zero derivatives.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dParameters"/> has fewer than 4 entries.</exception>
        public double LogDensityGradient(double value, out double dValue, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 4);
            var x = value;
            if (!(x >= Lo && x <= Hi) || !double.IsFinite(x)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 4);
            var scaledMass = LogScaledMass(_a, _b, out var c, true, out var m);
            var z = (x - Mu) / Sigma;
            // As in LogDensity, operation for operation.
            var logDensity = -0.5 * (z - c) * (z + c) - SamplerMath.LogSqrt2Pi - Math.Log(Sigma) - scaledMass;
            if (double.IsNegativeInfinity(logDensity)) return DifferentiablePrimitive.Outside(out dValue, dParameters, 4);
            // t: x in the frame of the moments, from the end nearer the mean (x − lo or hi − x, not a difference of
            // large standardised values).
            var t = m.Frame switch
            {
                MassFrame.Right => (x - Lo) / Sigma,
                MassFrame.Left => (Hi - x) / Sigma,
                _ => z,
            };
            var deviation = t - m.Mean; // z − E[z], mirrored in the left frame
            var squareDeviation = 2.0 * c * deviation + (t * t - m.MeanSquare); // z² − E[z²] = (c + t)² − E[(c + t)²]
            dValue = -z / Sigma;
            dParameters[0] = (m.Frame == MassFrame.Left ? -deviation : deviation) / Sigma;
            dParameters[1] = squareDeviation / Sigma;
            dParameters[2] = m.LowerDensity / Sigma;
            dParameters[3] = -m.UpperDensity / Sigma;
            return logDensity;
        }

        /// <summary>(lo, hi); either end may be infinite.</summary>
        public Support Support => Support.Between(Lo, Hi);

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"truncated_normal({Mu}, {Sigma}, {Lo}, {Hi})");
    }
}
