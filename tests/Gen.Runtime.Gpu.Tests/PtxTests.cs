using System.Reflection;
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

    [TestCaseSource(nameof(KernelForms))]
    public void Each_kernel_form_compiles_to_ptx(Type kernel, Type returnType)
    {
        var ptx = (string)typeof(GpuKernels).GetMethod(nameof(GpuKernels.Ptx), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(kernel, returnType).Invoke(null, null)!;
        Assert.That(ptx, Does.Contain(".entry").And.Contain(".target sm_80"));
    }

    [Test]
    public void A_model_s_ptx_comes_from_its_generative_function()
    {
        var ptx = GpuKernels.Ptx(GpuModels.LineGen([1, 2]));
        Assert.That(ptx, Does.Contain(".entry"));
        // The samplers' and densities' math is there: Box-Muller's log and cos, the density's log.
        Assert.That(ptx, Does.Contain("fma.rn.f64").Or.Contain("mul.f64"));
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
