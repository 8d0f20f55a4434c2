using System.Reflection;
using System.Text.RegularExpressions;
using Gen.Internal;
using Gen.Tests.Models;

namespace Gen.Gpu.Tests;

/// <summary>
/// Every kernel form the generator made in this assembly (its own models and the runtime tests') compiles to PTX, the
/// code a CUDA GPU runs, with no GPU present: what CI can check of the device path (ILGPU's PTX backend fails on what
/// the CPU accelerator lets through, e.g. a math function without a device implementation).
/// </summary>
public class PtxTests
{
    public static IEnumerable<TestCaseData> KernelForms() =>
        typeof(PtxTests).Assembly.GetTypes()
            .Select(t => (Type: t, Model: t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IKernelModel<>))))
            .Where(k => k.Model is not null && k.Type.GetCustomAttribute<NoKernelAttribute>() is null) // host-only kernel forms have no PTX
            .OrderBy(k => k.Type.FullName, StringComparer.Ordinal)
            .Select(k => new TestCaseData(k.Type, k.Model!.GetGenericArguments()[0]).SetArgDisplayNames(k.Type.DeclaringType!.Name + "." + k.Type.Name));

    [Test]
    public void The_generator_made_kernel_forms_of_the_models_in_the_kernel_subset()
    {
        var names = KernelForms().Select(c => ((Type)c.Arguments[0]!).Name).ToList();
        Assert.That(names, Has.Member("__LineKernel").And.Member("__ZooKernel").And.Member("__NormalNormalKernel"));
        Assert.That(names, Has.No.Member("__WithHelperKernel"), "a model that calls a helper has none");
        Assert.That(names.Count, Is.GreaterThanOrEqualTo(15), "the runtime tests' models in the subset have them too");
    }

    // An f32/f64 add, sub or mul without a rounding modifier, which ptxas may fuse with its neighbour into an fma.
    private static readonly Regex Unrounded = new(@"\s(add|sub|mul)(\.ftz)?\.f(32|64)\s");

    // A register subtracted from itself: what is left of a rounding-error term such as (1 − w) − half after ILGPU's IR
    // builder reassociated its constants (c1 − (c2 − x) → (c1 − c2) + x); the CPU computes the term, the GPU would not.
    private static readonly Regex SelfSubtraction = new(@"sub(\.rn)?\.f(32|64)\s+%\w+,\s*(%\w+),\s*\3;");

    [TestCaseSource(nameof(KernelForms))]
    public void Each_kernel_form_compiles_to_ptx_that_rounds_every_operation(Type kernel, Type returnType)
    {
        var ptx = Ptx(kernel, returnType, algorithms: true);
        Assert.That(ptx, Does.Contain(".entry").And.Contain(".target sm_80"));
        Assert.That(Unrounded.Matches(ptx).Select(m => m.Value.Trim()), Is.Empty, "every floating-point add, sub and mul states its rounding, so none is fused");
        Assert.That(ptx, Does.Contain("mul.rn.f64").Or.Contain("add.rn.f64"));
        Assert.That(SelfSubtraction.Matches(ptx).Select(m => m.Value), Is.Empty, "no rounding-error term was folded away");
    }

    [TestCaseSource(nameof(KernelForms))]
    public void Each_kernel_form_s_edit_kernel_compiles_to_ptx_that_rounds_every_operation(Type kernel, Type returnType)
    {
        var ptx = Ptx(kernel, returnType, algorithms: true, edit: true);
        Assert.That(ptx, Does.Contain(".entry").And.Contain(".target sm_80"));
        Assert.That(Unrounded.Matches(ptx).Select(m => m.Value.Trim()), Is.Empty);
        Assert.That(SelfSubtraction.Matches(ptx).Select(m => m.Value), Is.Empty, "no rounding-error term was folded away");
    }

    /// <summary>The kernel of calls with their own arguments (a Scan step's rows on a device): every kernel form's compiles too.</summary>
    [TestCaseSource(nameof(KernelForms))]
    public void Each_kernel_form_s_rows_kernel_compiles_to_ptx_that_rounds_every_operation(Type kernel, Type returnType)
    {
        var ptx = Ptx(kernel, returnType, algorithms: true, rows: true);
        Assert.That(ptx, Does.Contain(".entry").And.Contain(".target sm_80"));
        Assert.That(Unrounded.Matches(ptx).Select(m => m.Value.Trim()), Is.Empty);
        Assert.That(SelfSubtraction.Matches(ptx).Select(m => m.Value), Is.Empty, "no rounding-error term was folded away");
    }

    [Test]
    public void The_self_subtraction_check_finds_a_folded_rounding_error_term()
    {
        // The PTX ILGPU wrote for PortableMath's cosine kernel before its error term was kept out of the IR builder's reach.
        const string folded = "\tmul.rn.f64\t%fd124, %fd107, 0d3FE0000000000000;\n\tsub.rn.f64\t%fd125, 0d3FF0000000000000, %fd124;\n" +
            "\tsub.rn.f64\t%fd126, %fd124, %fd124;\n\tmul.rn.f64\t%fd127, %fd107, %fd107;\n";
        Assert.That(SelfSubtraction.Matches(folded).Select(m => m.Value), Is.EqualTo(new[] { "sub.rn.f64\t%fd126, %fd124, %fd124;" }));
        Assert.That(SelfSubtraction.IsMatch("\tsub.rn.f64\t%fd126, %fd124, %fd125;"), Is.False);
    }

    private static string Ptx(Type kernel, Type returnType, bool algorithms, bool edit = false, bool rows = false) =>
        (string)typeof(GpuKernels).GetMethod(nameof(GpuKernels.Ptx), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(kernel, returnType).Invoke(null, [algorithms, edit, rows])!;

    /// <summary>Kernels of models whose bodies call no Math function (PortableMath's at most): their samplers and densities are PortableMath's.</summary>
    public static IEnumerable<TestCaseData> PortableKernels() =>
        KernelForms().Where(c => ((Type)c.Arguments[0]!).Name is "__SamplersKernel" or "__LogisticKernel" or "__LineKernel" or "__NormalMeanKernel" or "__CountsKernel" or "__NormalNormalKernel");

    [TestCaseSource(nameof(PortableKernels))]
    public void A_kernel_whose_model_calls_no_math_function_needs_no_device_math_library(Type kernel, Type returnType)
    {
        // Without EnableAlgorithms ILGPU has no device Math.Log, Math.Exp or Math.Cos: the compile would fail if a sampler
        // or density called one, and no approximate instruction (lg2.approx, ex2.approx, sin.approx) can appear.
        foreach (var edit in new[] { false, true })
        {
            var ptx = Ptx(kernel, returnType, algorithms: false, edit);
            Assert.That(ptx, Does.Contain(".entry"));
            Assert.That(ptx, Does.Not.Contain(".approx"));
            Assert.That(Unrounded.Matches(ptx), Is.Empty);
        }
    }

    [Test]
    public void The_portable_kernels_are_the_models_named()
    {
        Assert.That(PortableKernels().Count(), Is.EqualTo(7), "Samplers, Logistic, the two Lines, NormalMean, Counts and NormalNormal");
    }

    [Test]
    public void Strict_ptx_states_the_rounding_of_float_add_sub_and_mul_and_leaves_the_rest()
    {
        const string ptx = "\tmul.f64 \t%fd3, %fd1, %fd2;\n\tadd.f32 %f1, %f2, %f3;\n\tsub.ftz.f32 %f4, %f5, %f6;\n" +
                           "\tmul.lo.s32 %r1, %r2, %r3;\n\tadd.s64 %rd1, %rd2, %rd3;\n\tfma.rn.f64 %fd4, %fd1, %fd2, %fd3;\n" +
                           "\tdiv.rn.f64 %fd5, %fd1, %fd2;\n\tmul.rn.f64 %fd6, %fd1, %fd2;\n\tsub.u32 %r4, %r5, %r6;\n";
        Assert.That(StrictPtx.Rewrite(ptx), Is.EqualTo(
            "\tmul.rn.f64 \t%fd3, %fd1, %fd2;\n\tadd.rn.f32 %f1, %f2, %f3;\n\tsub.rn.ftz.f32 %f4, %f5, %f6;\n" +
            "\tmul.lo.s32 %r1, %r2, %r3;\n\tadd.s64 %rd1, %rd2, %rd3;\n\tfma.rn.f64 %fd4, %fd1, %fd2, %fd3;\n" +
            "\tdiv.rn.f64 %fd5, %fd1, %fd2;\n\tmul.rn.f64 %fd6, %fd1, %fd2;\n\tsub.u32 %r4, %r5, %r6;\n"));
    }

    [Test]
    public void A_model_s_ptx_comes_from_its_generative_function()
    {
        var ptx = GpuKernels.Ptx(GpuModels.LineGen([1, 2]));
        Assert.That(ptx, Does.Contain(".entry"));
        // The samplers' and densities' math is there: Box-Muller's log and cos, the density's log, as PortableMath's
        // rounded operations.
        Assert.That(ptx, Does.Contain("mul.rn.f64").And.Contain("div.rn.f64"));
    }

    [Test]
    public void A_kernel_form_of_the_host_only_distributions_runs_on_the_cores_but_has_no_ptx()
    {
        Assert.That(typeof(GpuModels).GetNestedTypes(BindingFlags.NonPublic).Single(t => t.Name == "__HostOnlyKernel").GetCustomAttribute<NoKernelAttribute>(), Is.Not.Null);
        var error = Assert.Throws<NotSupportedException>(() => GpuKernels.Ptx(GpuModels.HostOnlyGen(3)));
        Assert.That(error!.Message, Does.Contain("a choice of beta, whose density needs MathNet's special functions"));
    }

    [Test]
    public void A_model_outside_the_kernel_subset_has_no_ptx_and_says_why()
    {
        var error = Assert.Throws<NotSupportedException>(() => GpuKernels.Ptx(GpuModels.WithHelperGen(1)));
        Assert.That(error!.Message, Does.Contain("WithHelper has no GPU kernel").And.Contain("a call of a method other than Math's").And.Contain("Twice(a)"));
    }
}
