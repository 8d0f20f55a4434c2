using static Gen.Distributions;
using MN = MathNet.Numerics.Distributions;
using SF = MathNet.Numerics.SpecialFunctions;

namespace Gen.Tests.Distributions;

/// <summary>Log densities of dirichlet and mv_normal against hand formulas and MathNet.</summary>
public class MultivariateLogDensityTests
{
    private const double Tol = 1e-11;

    private static void Same(double actual, double expected) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Tol * Math.Max(1, Math.Abs(expected))));

    private static IEnumerable<TestCaseData> DirichletCases()
    {
        yield return new TestCaseData(new[] { 1.0, 1.0, 1.0 }, new[] { 0.2, 0.3, 0.5 });
        yield return new TestCaseData(new[] { 0.5, 2.0 }, new[] { 0.9, 0.1 });
        yield return new TestCaseData(new[] { 3.0, 4.0, 0.7, 12.0 }, new[] { 0.1, 0.2, 0.05, 0.65 });
    }

    [TestCaseSource(nameof(DirichletCases))]
    public void Dirichlet_matches_hand_formula_and_MathNet(double[] alpha, double[] x)
    {
        var expected = SF.GammaLn(alpha.Sum()) - alpha.Sum(SF.GammaLn) + alpha.Zip(x, (a, xi) => (a - 1) * Math.Log(xi)).Sum();
        Same(dirichlet(alpha).LogDensity(x), expected);
        Same(Dirichlet.LogDensity(x, alpha), new MN.Dirichlet(alpha).DensityLn(x));
    }

    private static IEnumerable<TestCaseData> OffSimplex()
    {
        yield return new TestCaseData(null).SetArgDisplayNames("null");
        yield return new TestCaseData(new[] { 0.5, 0.5 }).SetArgDisplayNames("too short");
        yield return new TestCaseData(new[] { 0.25, 0.25, 0.25, 0.25 }).SetArgDisplayNames("too long");
        yield return new TestCaseData(new[] { 0.2, 0.3, 0.6 }).SetArgDisplayNames("sum 1.1");
        yield return new TestCaseData(new[] { -0.1, 0.6, 0.5 }).SetArgDisplayNames("negative entry");
        yield return new TestCaseData(new[] { double.NaN, 0.5, 0.5 }).SetArgDisplayNames("NaN entry");
        yield return new TestCaseData(new[] { 0.0, 0.5, 0.5 }).SetArgDisplayNames("zero where alpha > 1");
    }

    [TestCaseSource(nameof(OffSimplex))]
    public void Dirichlet_off_the_simplex_or_wrong_length_scores_negative_infinity(double[]? x)
    {
        Assert.That(dirichlet([2, 1, 1]).LogDensity(x!), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void Dirichlet_copies_alpha()
    {
        double[] alpha = [1, 2];
        var d = dirichlet(alpha);
        alpha[1] = 50;
        Assert.That(d.Alpha, Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [TestCase(0.3, -1.2)]
    [TestCase(0.0, 0.0)]
    [TestCase(5.0, 4.0)]
    public void MvNormal_2d_matches_hand_formula(double x, double y)
    {
        // Bivariate normal: sx = 2, sy = 1, correlation rho = 0.6.
        double mx = 1, my = -0.5, sx = 2, sy = 1, rho = 0.6;
        double[,] cov = { { sx * sx, rho * sx * sy }, { rho * sx * sy, sy * sy } };
        var zx = (x - mx) / sx;
        var zy = (y - my) / sy;
        var q = (zx * zx - 2 * rho * zx * zy + zy * zy) / (1 - rho * rho);
        var expected = -Math.Log(2 * Math.PI * sx * sy * Math.Sqrt(1 - rho * rho)) - 0.5 * q;
        Same(mv_normal([mx, my], cov).LogDensity([x, y]), expected);
        Same(MvNormal.LogDensity([x, y], [mx, my], cov), expected);
    }

    [Test]
    public void MvNormal_with_diagonal_covariance_is_a_product_of_normals()
    {
        double[] mean = [1, 2, 3];
        double[,] cov = { { 4, 0, 0 }, { 0, 0.25, 0 }, { 0, 0, 9 } };
        double[] x = [0.5, 2.2, -1];
        var expected = Normal.LogDensity(0.5, 1, 2) + Normal.LogDensity(2.2, 2, 0.5) + Normal.LogDensity(-1, 3, 3);
        Same(mv_normal(mean, cov).LogDensity(x), expected);
    }

    [Test]
    public void MvNormal_3d_matches_the_determinant_and_inverse_formula()
    {
        double[] mean = [0.5, -1, 2];
        double[,] cov = { { 2, 0.3, -0.4 }, { 0.3, 1, 0.2 }, { -0.4, 0.2, 1.5 } };
        double[] x = [1, 0, 1];
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(cov);
        var d = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(x.Zip(mean, (a, b) => a - b).ToArray());
        var expected = -0.5 * (d * m.Inverse() * d) - 0.5 * Math.Log(m.Determinant()) - 1.5 * Math.Log(2 * Math.PI);
        Same(mv_normal(mean, cov).LogDensity(x), expected);
    }

    private static IEnumerable<TestCaseData> NotInRn()
    {
        yield return new TestCaseData(null).SetArgDisplayNames("null");
        yield return new TestCaseData(new[] { 0.5 }).SetArgDisplayNames("too short");
        yield return new TestCaseData(new[] { 0.5, 1, 2 }).SetArgDisplayNames("too long");
        yield return new TestCaseData(new[] { double.NaN, 1 }).SetArgDisplayNames("NaN");
        yield return new TestCaseData(new[] { 0, double.PositiveInfinity }).SetArgDisplayNames("infinite");
    }

    [TestCaseSource(nameof(NotInRn))]
    public void MvNormal_wrong_length_or_non_finite_scores_negative_infinity(double[]? x)
    {
        Assert.That(mv_normal([0, 0], new double[,] { { 1, 0 }, { 0, 1 } }).LogDensity(x!), Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void MvNormal_copies_its_parameters()
    {
        double[] mean = [0, 0];
        double[,] cov = { { 1, 0 }, { 0, 1 } };
        var d = mv_normal(mean, cov);
        mean[0] = 10;
        cov[0, 0] = 100;
        Assert.That(d.Mean, Is.EqualTo(new[] { 0.0, 0.0 }));
        Assert.That(d.Cov[0, 0], Is.EqualTo(1.0));
        d.Cov[0, 0] = 7; // a copy: the distribution is unaffected
        Same(d.LogDensity([0, 0]), -Math.Log(2 * Math.PI));
    }

    [Test]
    public void MvNormal_made_again_from_a_changed_covariance_array_uses_the_new_entries()
    {
        // Factors are remembered by the covariance's contents, so one array changed in place between two primitives
        // must give two factors; and a covariance made again with the same entries gives the same density, bit for bit.
        double[,] cov = { { 1, 0.5 }, { 0.5, 2 } };
        var before = new MvNormal.Primitive([0, 0], cov).LogDensity([1, -1]);
        cov[1, 1] = 8;
        var after = new MvNormal.Primitive([0, 0], cov).LogDensity([1, -1]);
        Same(after, new MvNormal([0, 0], new double[,] { { 1, 0.5 }, { 0.5, 8 } }).LogDensity([1, -1]));
        Assert.That(after, Is.Not.EqualTo(before));
        cov[1, 1] = 2;
        Assert.That(new MvNormal.Primitive([0, 0], cov).LogDensity([1, -1]), Is.EqualTo(before), "the same entries: the same bits");
        // A changed entry that breaks positive definiteness is still refused (validation is not skipped on new entries).
        cov[0, 1] = cov[1, 0] = 5;
        Assert.That(() => new MvNormal.Primitive([0, 0], cov), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("positive definite"));
    }
}
