using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Internal;

/// <summary>
/// The distributions of the kernel subset, made as a kernel makes them: the same primitive as <c>normal(mu, sigma)</c>
/// gives on the CPU, without the exception — invalid parameters fault the particle (on the CPU they throw, which
/// inference counts as a rejection; the host runs the particle again on the CPU for that outcome and its reason).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelPrimitives
{
    /// <summary>The names of the distributions a GPU kernel can sample, for messages (the generator keeps its own table).</summary>
    internal static readonly string[] Names = ["normal", "uniform", "exponential", "flip", "bernoulli", "lognormal", "half_normal", "laplace", "cauchy", "half_cauchy", "geometric", "uniform_discrete"];

    /// <summary><c>normal(mu, sigma)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Normal.Primitive Normal(ref KernelState state, double mu, double sigma) => Checked(ref state, new Normal.Primitive(mu, sigma, out var valid), valid);

    /// <summary><c>uniform(lo, hi)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Uniform.Primitive Uniform(ref KernelState state, double lo, double hi) => Checked(ref state, new Uniform.Primitive(lo, hi, out var valid), valid);

    /// <summary><c>exponential(rate)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Exponential.Primitive Exponential(ref KernelState state, double rate) => Checked(ref state, new Exponential.Primitive(rate, out var valid), valid);

    /// <summary><c>flip(p)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Flip.Primitive Flip(ref KernelState state, double p) => Checked(ref state, new Flip.Primitive(p, out var valid), valid);

    /// <summary><c>bernoulli(p)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Bernoulli.Primitive Bernoulli(ref KernelState state, double p) => Checked(ref state, new Bernoulli.Primitive(p, out var valid), valid);

    /// <summary><c>lognormal(mu, sigma)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LogNormal.Primitive LogNormal(ref KernelState state, double mu, double sigma) => Checked(ref state, new LogNormal.Primitive(mu, sigma, out var valid), valid);

    /// <summary><c>half_normal(scale)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfNormal.Primitive HalfNormal(ref KernelState state, double scale) => Checked(ref state, new HalfNormal.Primitive(scale, out var valid), valid);

    /// <summary><c>laplace(mu, b)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Laplace.Primitive Laplace(ref KernelState state, double mu, double b) => Checked(ref state, new Laplace.Primitive(mu, b, out var valid), valid);

    /// <summary><c>cauchy(x0, gamma)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Cauchy.Primitive Cauchy(ref KernelState state, double x0, double gamma) => Checked(ref state, new Cauchy.Primitive(x0, gamma, out var valid), valid);

    /// <summary><c>half_cauchy(scale)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfCauchy.Primitive HalfCauchy(ref KernelState state, double scale) => Checked(ref state, new HalfCauchy.Primitive(scale, out var valid), valid);

    /// <summary><c>geometric(p)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Geometric.Primitive Geometric(ref KernelState state, double p) => Checked(ref state, new Geometric.Primitive(p, out var valid), valid);

    /// <summary><c>uniform_discrete(lo, hi)</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UniformDiscrete.Primitive UniformDiscrete(ref KernelState state, int lo, int hi) => Checked(ref state, new UniformDiscrete.Primitive(lo, hi, out var valid), valid);

    // On the host only (the generator marks the models that use them): their densities use MathNet's special
    // functions, which a GPU cannot run.

    /// <summary><c>beta(a, b)</c> (host only)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Beta.Primitive Beta(ref KernelState state, double a, double b) => Checked(ref state, new Beta.Primitive(a, b, out var valid), valid);

    /// <summary><c>gamma(shape, scale)</c> (host only)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Gamma.Primitive Gamma(ref KernelState state, double shape, double scale) => Checked(ref state, new Gamma.Primitive(shape, scale, out var valid), valid);

    /// <summary><c>inverse_gamma(shape, scale)</c> (host only)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static InverseGamma.Primitive InverseGamma(ref KernelState state, double shape, double scale) => Checked(ref state, new InverseGamma.Primitive(shape, scale, out var valid), valid);

    /// <summary><c>student_t(nu, mu, sigma)</c> (host only)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static StudentT.Primitive StudentT(ref KernelState state, double nu, double mu, double sigma) => Checked(ref state, new StudentT.Primitive(nu, mu, sigma, out var valid), valid);

    /// <summary><c>poisson(rate)</c> (host only)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Poisson.Primitive Poisson(ref KernelState state, double rate) => Checked(ref state, new Poisson.Primitive(rate, out var valid), valid);

    /// <summary><c>binomial(n, p)</c> (host only)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Binomial.Primitive Binomial(ref KernelState state, int n, double p) => Checked(ref state, new Binomial.Primitive(n, p, out var valid), valid);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Checked<T>(ref KernelState state, T primitive, bool valid)
    {
        if (!valid) state.Fault();
        return primitive;
    }
}
