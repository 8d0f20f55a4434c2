using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MathNet.Numerics;

namespace Gen;

/// <summary>
/// The Dirichlet distribution on the probability simplex of dimension K = alpha.Length, density
/// Γ(Σα) / ΠΓ(αᵢ) · Π xᵢ^(αᵢ−1); <c>dirichlet(alpha)</c>.
/// </summary>
/// <remarks>
/// A value is in the support when it has K entries, each in [0, 1], summing to 1 within 1e-9. A null value, one of
/// another length, or one off the simplex scores <c>-Infinity</c> (never throws).
/// </remarks>
public sealed class Dirichlet : Distribution<double[], Dirichlet.Primitive>
{
    /// <summary>Dirichlet with concentrations <paramref name="alpha"/> (copied).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="alpha"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is empty or has an entry that is not positive and finite.</exception>
    public Dirichlet(double[] alpha) : base(new Primitive(Copy(alpha))) =>
        Alpha = Array.AsReadOnly(Parameters.Values);

    /// <summary>The concentrations (a read-only view of the distribution's own copy).</summary>
    public IReadOnlyList<double> Alpha { get; }

    /// <inheritdoc />
    public override string Name => "dirichlet";

    /// <summary>
    /// Gᵢ ~ Gamma(αᵢ, 1) drawn in index order from one key, normalised: xᵢ = Gᵢ / ΣG. Computed from log Gᵢ (shifted by
    /// their maximum) so that small concentrations never give 0/0. Returns a new array.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="alpha"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not a vector of positive finite numbers.</exception>
    public static double[] Sample(Key key, double[] alpha) => new Primitive(alpha).Sample(key);

    /// <summary>
    /// log Γ(Σα) − Σ log Γ(αᵢ) + Σ (αᵢ − 1) log xᵢ on the simplex (see the remarks). On its boundary a coordinate
    /// xᵢ = 0 contributes the density's limit (+∞ for αᵢ &lt; 1); if any coordinate makes the density 0, the result
    /// is <c>-Infinity</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="alpha"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not a vector of positive finite numbers.</exception>
    public static double LogDensity(double[] x, double[] alpha) => new Primitive(alpha).LogDensity(x);

    /// <inheritdoc />
    public override string ToString() => Parameters.ToString();

    private static double[] Copy(double[] alpha)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        return (double[])alpha.Clone();
    }

    /// <summary>Dirichlet(alpha) as a value: what a <c>dirichlet(alpha)</c> choice in a <c>[Gen]</c> body samples through.</summary>
    /// <remarks>
    /// The primitive holds the array it is given, without copying it: the array must not be changed while the
    /// primitive is in use. Its constructor validates it and computes the normalising constant once.
    /// </remarks>
    public readonly struct Primitive : IDifferentiableVectorDensity
    {
        private readonly double[] _alpha;

        /// <summary>log Γ(Σα) − Σ log Γ(αᵢ), accumulated in index order.</summary>
        private readonly double _logNormalizer;

        /// <summary>Dirichlet with concentrations <paramref name="alpha"/> (held, not copied: see the remarks).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="alpha"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is empty or has an entry that is not positive and finite.</exception>
        public Primitive(double[] alpha)
        {
            Check.PositiveVector(alpha);
            _alpha = alpha;
            var total = 0.0;
            var sumAlpha = 0.0;
            for (var i = 0; i < alpha.Length; i++)
            {
                sumAlpha += alpha[i];
                total -= SpecialFunctions.GammaLn(alpha[i]);
            }
            _logNormalizer = total + SpecialFunctions.GammaLn(sumAlpha);
        }

        /// <summary>The concentrations (the array the primitive was given).</summary>
        public ReadOnlySpan<double> Alpha => _alpha;

        internal double[] Values => _alpha;

        /// <summary>
        /// Gᵢ ~ Gamma(αᵢ, 1) drawn in index order from one key, normalised: xᵢ = Gᵢ / ΣG. Computed from log Gᵢ (shifted
        /// by their maximum) so that small concentrations never give 0/0. Returns a new array.
        /// </summary>
        public double[] Sample(Key key)
        {
            var alpha = _alpha;
            var bits = new KeyBits(key);
            var x = new double[alpha.Length];
            var max = double.NegativeInfinity;
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = bits.LogStandardGamma(alpha[i]);
                max = Math.Max(max, x[i]);
            }
            var sum = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = Math.Exp(x[i] - max);
                sum += x[i];
            }
            for (var i = 0; i < x.Length; i++) x[i] /= sum;
            return x;
        }

        /// <summary>
        /// log Γ(Σα) − Σ log Γ(αᵢ) + Σ (αᵢ − 1) log xᵢ on the simplex (see the remarks of <see cref="Dirichlet"/>); on its
        /// boundary a coordinate xᵢ = 0 contributes the density's limit; <c>-Infinity</c> off the support.
        /// </summary>
        public double LogDensity(double[] x)
        {
            var alpha = _alpha;
            if (x is null || x.Length != alpha.Length) return double.NegativeInfinity;
            var sumX = 0.0;
            var terms = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                if (!(x[i] >= 0 && x[i] <= 1)) return double.NegativeInfinity;
                sumX += x[i];
                var term = SamplerMath.XLogY(alpha[i] - 1.0, x[i]);
                if (double.IsNegativeInfinity(term)) return double.NegativeInfinity;
                terms += term;
            }
            if (!(Math.Abs(sumX - 1.0) <= Check.SumTolerance)) return double.NegativeInfinity;
            return _logNormalizer + terms;
        }

        /// <summary>The number of categories.</summary>
        public int Dimension => _alpha.Length;

        /// <summary>The simplex.</summary>
        public VectorSupport Support => VectorSupport.Simplex;

        /// <summary>
        /// <see cref="LogDensity"/> with ∂/∂xᵢ = (αᵢ − 1)/xᵢ (the density's gradient in the ambient ℝⁿ; on the boundary,
        /// 0 where αᵢ = 1); zero derivatives where the log density is −∞.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="dValue"/> has fewer than <see cref="Dimension"/> entries.</exception>
        public double LogDensityGradient(double[] x, Span<double> dValue)
        {
            var n = Dimension;
            Check.GradientLength(dValue, n);
            var score = LogDensity(x);
            dValue = dValue[..n];
            dValue.Clear();
            if (double.IsNegativeInfinity(score)) return score;
            for (var i = 0; i < n; i++) dValue[i] = _alpha[i] == 1 ? 0 : (_alpha[i] - 1) / x[i];
            return score;
        }

        /// <summary>As <see cref="LogDensityGradient(double[], Span{double})"/>, with ∂ log p(x)/∂αₖ = ψ(Σα) − ψ(αₖ) + log xₖ into <paramref name="dAlpha"/>.</summary>
        /// <exception cref="ArgumentException"><paramref name="dValue"/> or <paramref name="dAlpha"/> has fewer than <see cref="Dimension"/> entries.</exception>
        public double LogDensityGradient(double[] x, Span<double> dValue, Span<double> dAlpha)
        {
            var n = Dimension;
            Check.GradientLength(dAlpha, n);
            var score = LogDensityGradient(x, dValue);
            dAlpha = dAlpha[..n];
            dAlpha.Clear();
            if (double.IsNegativeInfinity(score)) return score;
            var sum = 0.0;
            foreach (var a in _alpha) sum += a;
            var total = SpecialFunctions.DiGamma(sum);
            for (var k = 0; k < n; k++) dAlpha[k] = total - SpecialFunctions.DiGamma(_alpha[k]) + Math.Log(x[k]);
            return score;
        }

        /// <inheritdoc />
        public override string ToString() => FormattableString.Invariant($"dirichlet([{string.Join(", ", _alpha.Select(a => a.ToString(CultureInfo.InvariantCulture)))}])");
    }
}
