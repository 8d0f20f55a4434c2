using System;
using System.Runtime.CompilerServices;
using MathNet.Numerics;

namespace Gen;

/// <summary>The number of successes in n independent Bernoulli(p) trials, mass C(n, k) p^k (1 − p)^(n−k); <c>binomial(n, p)</c>.</summary>
public sealed class Binomial : Distribution<int, Binomial.Primitive>
{
    /// <summary>Below this mean (of the less likely outcome) the sampler uses inversion; from it on, BTRS.</summary>
    internal const double SmallMean = 10.0;

    /// <summary>Binomial with <paramref name="n"/> trials of success probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or <paramref name="p"/> is not in [0, 1].</exception>
    public Binomial(int n, double p) : base(new Primitive(n, p)) { }

    /// <summary>The number of trials.</summary>
    public int N => Parameters.N;

    /// <summary>The success probability of each trial.</summary>
    public double P => Parameters.P;

    /// <inheritdoc />
    public override string Name => "binomial";

    /// <summary>
    /// Works with q = min(p, 1 − p) (counting failures when p &gt; ½). If n·q &lt; 10, inversion (sequential search from
    /// 0, restarted in the negligible event that rounding carries it past mean + 10 sd); otherwise Hörmann's BTRS
    /// transformed rejection (1993). Both exact in distribution.
    /// </summary>
    public static int Sample(Key key, int n, double p) => new Primitive(n, p).Sample(key);

    /// <summary>log C(n, k) + k log p + (n − k) log(1 − p) for 0 ≤ k ≤ n; <c>-Infinity</c> outside.</summary>
    public static double LogDensity(int x, int n, double p) => new Primitive(n, p).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    /// <summary>Binomial(n, p) as a value: what a <c>binomial(n, p)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    public readonly struct Primitive : IDifferentiableInParameters<Primitive, int>
    {
        /// <summary>Binomial with <paramref name="n"/> trials of success probability <paramref name="p"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or <paramref name="p"/> is not in [0, 1].</exception>
        public Primitive(int n, double p)
        {
            Check.NonNegativeInteger(n);
            Check.Probability(p);
            N = n;
            P = p;
        }

        /// <summary>
        /// The primitive as a kernel makes it, which cannot throw: <paramref name="valid"/> says whether the public
        /// constructor's checks (the same rules, as predicates) pass; a kernel rejects the particle when they do not.
        /// </summary>
        internal Primitive(int n, double p, out bool valid)
        {
            valid = n >= 0 && Check.IsProbability(p);
            N = n;
            P = p;
        }

        /// <summary>The number of trials.</summary>
        public int N { get; }

        /// <summary>The success probability of each trial.</summary>
        public double P { get; }

        /// <summary>
        /// Works with q = min(p, 1 − p) (counting failures when p &gt; ½). If n·q &lt; 10, inversion (sequential search
        /// from 0, restarted in the negligible event that rounding carries it past mean + 10 sd); otherwise Hörmann's
        /// BTRS transformed rejection (1993). Both exact in distribution.
        /// </summary>
        public int Sample(Key key)
        {
            var n = N;
            var p = P;
            if (n == 0 || p == 0.0) return 0;
            if (p == 1.0) return n;
            var flip = p > 0.5;
            var q = flip ? 1.0 - p : p;
            var bits = new KeyBits(key);
            var k = n * q < SmallMean ? Inversion(ref bits, n, q) : Btrs(ref bits, n, q);
            return flip ? n - k : k;
        }

        /// <summary>log C(n, k) + k log p + (n − k) log(1 − p) for 0 ≤ k ≤ n; <c>-Infinity</c> outside.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double LogDensity(int x)
        {
            if (x < 0 || x > N) return double.NegativeInfinity;
            var failures = N - x;
            var logFailures = failures == 0 ? 0.0 : failures * SamplerMath.Log1P(-P);
            return SpecialFunctions.BinomialLn(N, x) + SamplerMath.XLogY(x, P) + logFailures;
        }

        /// <summary>2: the number of trials (an integer) and the success probability.</summary>
        public int ParameterCount => 2;

        /// <summary>The primitive with parameters (n, p), validated as the constructor validates them.</summary>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have exactly 2 entries.</exception>
        /// <exception cref="ArgumentOutOfRangeException">n is not a non-negative integer, or p is not in [0, 1].</exception>
        public Primitive Create(ReadOnlySpan<double> parameters)
        {
            Check.ParameterCount(parameters, 2);
            var n = parameters[0];
            if (!(n >= 0 && n <= int.MaxValue && n == Math.Floor(n))) Check.Fail("n", n, "must be a non-negative integer (binomial's number of trials)");
            return new Primitive((int)n, parameters[1]);
        }

        /// <summary>
        /// ∂/∂n = 0 (n is an integer: no gradient flows into it) and ∂/∂p = k/p − (n − k)/(1 − p) (each term 0 when its
        /// count is 0); both 0 where the density is zero.
        /// </summary>
        public void LogDensityParameterGradient(int x, Span<double> dParameters)
        {
            Check.GradientLength(dParameters, 2);
            dParameters[0] = 0;
            if (x < 0 || x > N || x > 0 && P == 0 || x < N && P == 1) // the density's zeros, without computing it
            {
                dParameters[1] = 0;
                return;
            }
            var failures = N - x;
            dParameters[1] = (x == 0 ? 0 : x / P) - (failures == 0 ? 0 : failures / (1 - P));
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"binomial({N}, {P})");
    }

    // NumPy's random_binomial_inversion; needs n·p < 10 and p <= 1/2.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Inversion(ref KeyBits bits, int n, double p)
    {
        var q = 1.0 - p;
        var qn = Math.Exp(n * SamplerMath.Log1P(-p));
        var np = n * p;
        var bound = Math.Min(n, np + 10.0 * Math.Sqrt(np * q + 1.0));
        var x = 0;
        var px = qn;
        var u = bits.Uniform();
        while (u > px)
        {
            x++;
            if (x > bound)
            {
                x = 0;
                px = qn;
                u = bits.Uniform();
            }
            else
            {
                u -= px;
                px = (n - x + 1) * p * px / (x * q);
            }
        }
        return x;
    }

    // W. Hörmann, "The generation of binomial random variates", J. Statist. Comput. Simul. 46 (1993); the form of
    // TensorFlow Probability's implementation. Needs n·p >= 10 and p <= 1/2.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Btrs(ref KeyBits bits, int n, double p)
    {
        var q = 1.0 - p;
        var spq = Math.Sqrt(n * p * q);
        var b = 1.15 + 2.53 * spq;
        var a = -0.0873 + 0.0248 * b + 0.01 * p;
        var c = n * p + 0.5;
        var vr = 0.92 - 4.2 / b;
        var alpha = (2.83 + 5.1 / b) * spq;
        var m = Math.Floor((n + 1.0) * p);
        while (true)
        {
            var u = bits.Uniform() - 0.5;
            var v = bits.Uniform();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2.0 * a / us + b) * u + c);
            var inRange = k >= 0 && k <= n;
            if (inRange && us >= 0.07 && v <= vr) return (int)k;
            if (!inRange) continue;
            if (Math.Log(v * alpha / (a / (us * us) + b)) <= LogMassRatio(n, p, m, k)) return (int)k;
        }
    }

    /// <summary>log(f(k)/f(m)) for the binomial mass f, through Stirling remainders (no cancellation of large log-factorials).</summary>
    internal static double LogMassRatio(int n, double p, double m, double k)
    {
        var r = p / (1.0 - p);
        var nm = n - m + 1.0;
        var nk = n - k + 1.0;
        return (m + 0.5) * Math.Log((m + 1.0) / (r * nm)) + (n + 1.0) * Math.Log(nm / nk)
            + (k + 0.5) * Math.Log(r * nk / (k + 1.0))
            + SamplerMath.StirlingTail(m) + SamplerMath.StirlingTail(n - m)
            - SamplerMath.StirlingTail(k) - SamplerMath.StirlingTail(n - k);
    }
}
