using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Gen;

/// <summary>
/// The multivariate normal distribution N(mean, cov) on ℝⁿ, n = mean.Length; <c>mv_normal(mean, cov)</c>.
/// </summary>
/// <remarks>
/// <para><c>cov</c> must be n×n, finite, symmetric (|cᵢⱼ − cⱼᵢ| ≤ 1e-9·√(cᵢᵢcⱼⱼ); its symmetric part is used) and
/// positive definite (its Cholesky factorisation must succeed); otherwise the constructor and the static methods
/// throw <see cref="ArgumentOutOfRangeException"/> naming <c>cov</c>.</para>
/// <para>A value that is null, of another length or with a non-finite entry scores <c>-Infinity</c> (never throws).</para>
/// <para>The instance (and its <see cref="Primitive"/>) factors <c>cov</c> once; the static methods, which take the parameters, factor it on every call.</para>
/// </remarks>
public sealed class MvNormal : Distribution<double[], MvNormal.Primitive>
{
    private const double SymmetryTolerance = 1e-9;

    private readonly double[,] _cov;

    /// <summary>N(<paramref name="mean"/>, <paramref name="cov"/>); both are copied.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="mean"/> or <paramref name="cov"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is empty or not finite, or <paramref name="cov"/> is not a symmetric positive definite n×n matrix.</exception>
    public MvNormal(double[] mean, double[,] cov) : base(new Primitive(Copy(mean), cov))
    {
        _cov = (double[,])cov.Clone();
        Mean = Array.AsReadOnly(Parameters.Values);
    }

    /// <summary>The dimension n.</summary>
    public int Dimension => Parameters.Dimension;

    /// <summary>The mean (a read-only view of the distribution's own copy).</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>The covariance matrix: a fresh copy on every read.</summary>
    public double[,] Cov => (double[,])_cov.Clone();

    /// <inheritdoc />
    public override string Name => "mv_normal";

    /// <summary>
    /// mean + L·z with L the lower Cholesky factor of cov and z n standard normals drawn in order from one key
    /// (<see cref="KeyBits.StandardNormal"/>). Returns a new array.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="mean"/> or <paramref name="cov"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The parameters are invalid (see the remarks).</exception>
    public static double[] Sample(Key key, double[] mean, double[,] cov) => new Primitive(mean, cov).Sample(key);

    /// <summary>
    /// −½‖L⁻¹(x − mean)‖² − Σ log Lᵢᵢ − (n/2) log 2π; <c>-Infinity</c> for a null value, one of another length, or one
    /// with a non-finite entry.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="mean"/> or <paramref name="cov"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The parameters are invalid (see the remarks).</exception>
    public static double LogDensity(double[] x, double[] mean, double[,] cov) => new Primitive(mean, cov).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    private static double[] Copy(double[] mean)
    {
        ArgumentNullException.ThrowIfNull(mean);
        return (double[])mean.Clone();
    }

    /// <summary>
    /// N(mean, cov) as a value: what an <c>mv_normal(mean, cov)</c> choice in a <c>[Gen]</c> body samples through.
    /// </summary>
    /// <remarks>
    /// The constructor validates the parameters (see the remarks of <see cref="MvNormal"/>) and factors <c>cov</c>
    /// once; <c>cov</c> is read only there. The primitive holds the <c>mean</c> array it is given, without copying it:
    /// that array must not be changed while the primitive is in use.
    /// </remarks>
    public readonly struct Primitive : IDifferentiableVectorDensity
    {
        private readonly double[] _mean;

        /// <summary>The lower Cholesky factor of cov's symmetric part, row-major n×n.</summary>
        private readonly double[] _cholesky;

        /// <summary>N(<paramref name="mean"/>, <paramref name="cov"/>): <paramref name="mean"/> is held, not copied (see the remarks).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="mean"/> or <paramref name="cov"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is empty or not finite, or <paramref name="cov"/> is not a symmetric positive definite n×n matrix.</exception>
        public Primitive(double[] mean, double[,] cov)
        {
            _cholesky = Factor(mean, cov);
            _mean = mean;
        }

        /// <summary>
        /// N(<paramref name="mean"/>, <paramref name="cov"/>) validated the same way, factored into <paramref name="factor"/>
        /// (n² entries, the caller's scratch, not cached): a gradient whose covariance moves at every evaluation factors it
        /// without allocating. The same factor, bit for bit, as the public constructor's.
        /// </summary>
        internal Primitive(double[] mean, double[,] cov, double[] factor)
        {
            Validate(mean, cov);
            _cholesky = Cholesky(cov, mean.Length, factor);
            _mean = mean;
        }

        /// <summary>The dimension n.</summary>
        public int Dimension => _mean.Length;

        /// <summary>The mean (the array the primitive was given).</summary>
        public ReadOnlySpan<double> Mean => _mean;

        internal double[] Values => _mean;

        /// <summary>
        /// mean + L·z with L the lower Cholesky factor of cov and z n standard normals drawn in order from one key
        /// (<see cref="KeyBits.StandardNormal"/>). Returns a new array.
        /// </summary>
        public double[] Sample(Key key) => Draw(key, _mean, _cholesky);

        /// <summary>
        /// −½‖L⁻¹(x − mean)‖² − Σ log Lᵢᵢ − (n/2) log 2π; <c>-Infinity</c> for a null value, one of another length, or
        /// one with a non-finite entry.
        /// </summary>
        public double LogDensity(double[] x) => Score(x, _mean, _cholesky);

        /// <summary>ℝⁿ.</summary>
        public VectorSupport Support => VectorSupport.Real;

        /// <summary>
        /// <see cref="LogDensity"/> (the same value, bit for bit) with ∂/∂x = −cov⁻¹(x − mean) = −L⁻ᵀ L⁻¹(x − mean), by
        /// one forward and one back substitution; zero derivatives where the log density is −∞.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dValue"/> has fewer than <see cref="Dimension"/> entries.</exception>
        public double LogDensityGradient(double[] x, Span<double> dValue)
        {
            var n = Dimension;
            Check.GradientLength(dValue, n);
            var score = Score(x, _mean, _cholesky);
            dValue = dValue[..n];
            dValue.Clear();
            if (double.IsNegativeInfinity(score)) return score;
            var l = _cholesky;
            // dValue holds y = L⁻¹(x − mean), then g with Lᵀg = y (from the last row up), then −g.
            for (var i = 0; i < n; i++)
            {
                var s = x[i] - _mean[i];
                for (var j = 0; j < i; j++) s -= l[i * n + j] * dValue[j];
                dValue[i] = s / l[i * n + i];
            }
            for (var i = n - 1; i >= 0; i--)
            {
                var s = dValue[i];
                for (var j = i + 1; j < n; j++) s -= l[j * n + i] * dValue[j];
                dValue[i] = s / l[i * n + i];
            }
            for (var i = 0; i < n; i++) dValue[i] = -dValue[i];
            return score;
        }

        /// <summary>As <see cref="LogDensityGradient(double[], Span{double})"/>, with ∂/∂mean = cov⁻¹(x − mean) = −∂/∂x (a location family).</summary>
        /// <exception cref="ArgumentException"><paramref name="dValue"/> or <paramref name="dParameter"/> has fewer than <see cref="Dimension"/> entries.</exception>
        public double LogDensityGradient(double[] x, Span<double> dValue, Span<double> dParameter)
        {
            Check.GradientLength(dParameter, Dimension);
            var score = LogDensityGradient(x, dValue);
            for (var i = 0; i < Dimension; i++) dParameter[i] = -dValue[i];
            return score;
        }

        /// <summary>
        /// As <see cref="LogDensityGradient(double[], Span{double})"/>, with ∂/∂Σᵢⱼ = ½(αᵢαⱼ − (Σ⁻¹)ᵢⱼ), α = Σ⁻¹(x − mean),
        /// row-major into <paramref name="dCov"/>: the derivative in each entry of a covariance whose symmetric part is the
        /// density's (d log p = tr(G dΣ)). Σ⁻¹ = L⁻ᵀL⁻¹ from the factor, O(n³); all zero where the log density is −∞.
        /// </summary>
        internal double LogDensityCovarianceGradient(double[] x, Span<double> dValue, Span<double> dCov) =>
            LogDensityCovarianceGradient(x, dValue, dCov, Dimension <= 32 ? stackalloc double[Dimension * Dimension] : new double[Dimension * Dimension]);

        /// <summary>As the overload without it, L⁻¹ in <paramref name="scratch"/> (n² entries, the caller's, so a gradient allocates nothing).</summary>
        internal double LogDensityCovarianceGradient(double[] x, Span<double> dValue, Span<double> dCov, Span<double> scratch)
        {
            var n = Dimension;
            var score = LogDensityGradient(x, dValue);
            dCov = dCov[..(n * n)];
            dCov.Clear();
            if (double.IsNegativeInfinity(score)) return score;
            var l = _cholesky;
            // m = L⁻¹ (lower triangular), by columns: m_jj = 1/l_jj, m_ij = −(Σ_{j≤k<i} l_ik m_kj)/l_ii.
            var m = scratch[..(n * n)];
            m.Clear();
            for (var j = 0; j < n; j++)
            {
                m[j * n + j] = 1 / l[j * n + j];
                for (var i = j + 1; i < n; i++)
                {
                    var s = 0.0;
                    for (var k = j; k < i; k++) s += l[i * n + k] * m[k * n + j];
                    m[i * n + j] = -s / l[i * n + i];
                }
            }
            for (var i = 0; i < n; i++)
                for (var j = 0; j <= i; j++)
                {
                    var inverse = 0.0; // (Σ⁻¹)ᵢⱼ = Σ_k m_ki m_kj, k ≥ i ≥ j
                    for (var k = i; k < n; k++) inverse += m[k * n + i] * m[k * n + j];
                    var g = 0.5 * (dValue[i] * dValue[j] - inverse); // α = −dValue: αᵢαⱼ = dValueᵢ dValueⱼ
                    dCov[i * n + j] = g;
                    dCov[j * n + i] = g;
                }
            return score;
        }

        /// <inheritdoc />
        public override string ToString() =>
            FormattableString.Invariant($"mv_normal([{string.Join(", ", _mean.Select(m => m.ToString(CultureInfo.InvariantCulture)))}], {Dimension}x{Dimension} cov)");
    }

    private static double[] Draw(Key key, double[] mean, double[] l)
    {
        var n = mean.Length;
        var bits = new KeyBits(key);
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = bits.StandardNormal();
        // Row i of L·z needs z[0..i]: going upwards overwrites each z[i] only after its last use.
        for (var i = n - 1; i >= 0; i--)
        {
            var s = 0.0;
            for (var j = 0; j <= i; j++) s += l[i * n + j] * x[j];
            x[i] = mean[i] + s;
        }
        return x;
    }

    private static double Score(double[] x, double[] mean, double[] l)
    {
        var n = mean.Length;
        if (x is null || x.Length != n) return double.NegativeInfinity;
        for (var i = 0; i < n; i++)
            if (!double.IsFinite(x[i])) return double.NegativeInfinity;
        // Forward substitution L·y = x − mean, accumulating ‖y‖² and log det L.
        var y = n <= 64 ? stackalloc double[n] : new double[n];
        var quad = 0.0;
        var logDet = 0.0;
        for (var i = 0; i < n; i++)
        {
            var s = x[i] - mean[i];
            for (var j = 0; j < i; j++) s -= l[i * n + j] * y[j];
            y[i] = s / l[i * n + i];
            quad += y[i] * y[i];
            logDet += Math.Log(l[i * n + i]);
        }
        return -0.5 * quad - logDet - n * SamplerMath.LogSqrt2Pi;
    }

    /// <summary>Validates the parameters and returns the lower Cholesky factor of cov's symmetric part, row-major n×n.</summary>
    private static double[] Factor(double[] mean, double[,] cov)
    {
        Validate(mean, cov);
        // The same entries as a covariance validated and factored before on this thread: the same factor, bit for bit.
        if (CholeskyCache.Find(cov) is { } known) return known;
        var factor = Cholesky(cov, mean.Length, new double[mean.Length * mean.Length]);
        CholeskyCache.Add(cov, factor);
        return factor;
    }

    private static void Validate(double[] mean, double[,] cov)
    {
        Check.FiniteVector(mean);
        ArgumentNullException.ThrowIfNull(cov);
        var n = mean.Length;
        if (cov.GetLength(0) != n || cov.GetLength(1) != n)
            Check.Fail(nameof(cov), $"{cov.GetLength(0)}x{cov.GetLength(1)}", $"must be {n}x{n} to match mean");
    }

    /// <summary>The lower Cholesky factor of cov's symmetric part into <paramref name="l"/> (row-major n×n, every entry written).</summary>
    private static double[] Cholesky(double[,] cov, int n, double[] l)
    {
        for (var i = 0; i < n; i++)
        {
            if (!(cov[i, i] > 0) || double.IsPositiveInfinity(cov[i, i]))
                Check.Fail(nameof(cov), cov[i, i], $"must be positive definite with finite entries; diagonal entry {i}");
            for (var j = 0; j < i; j++)
            {
                if (!double.IsFinite(cov[i, j]) || !double.IsFinite(cov[j, i]))
                    Check.Fail(nameof(cov), cov[i, j], $"must have finite entries; entry ({i}, {j}) or ({j}, {i})");
                if (!(Math.Abs(cov[i, j] - cov[j, i]) <= SymmetryTolerance * Math.Sqrt(cov[i, i] * cov[j, j])))
                    Check.Fail(nameof(cov), cov[i, j], $"must be symmetric, but cov[{j}, {i}] = {cov[j, i]} differs from cov[{i}, {j}]");
            }
        }
        Array.Clear(l, 0, n * n); // the upper triangle stays zero
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = i == j ? cov[i, i] : 0.5 * (cov[i, j] + cov[j, i]);
                for (var k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                if (i != j)
                {
                    l[i * n + j] = s / l[j * n + j];
                }
                else
                {
                    if (!(s > 0))
                        Check.Fail(nameof(cov), s, $"must be positive definite, but its Cholesky factorisation failed at pivot {i}");
                    l[i * n + i] = Math.Sqrt(s);
                }
            }
        }
        return l;
    }
}
