using System;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;

namespace Gen.Gpu;

/// <summary>
/// Kernels compiled to PTX whose floating-point additions, subtractions and multiplications are rounded one by one,
/// as .NET rounds them. ILGPU writes <c>mul.f64</c> and <c>add.f64</c>, which PTX lets the GPU's assembler fuse into
/// one <c>fma</c> (rounded once instead of twice): a different last bit from the CPU's. With the rounding stated
/// (<c>mul.rn.f64</c>) PTX forbids the fusion, so the device computes what the CPU computes.
/// </summary>
internal static partial class StrictPtx
{
    // The additions, subtractions and multiplications of f32 and f64 that carry no rounding modifier (ILGPU writes
    // no .sat; .ftz may follow the operation): the rounding goes right after the operation's name.
    [GeneratedRegex(@"(?<=\s)(add|sub|mul)(?=(\.ftz)?\.f(32|64)\s)")]
    private static partial Regex UnroundedFloatOperation();

    // PTXCompiledKernel's constructor is internal; its parameters are (Context, EntryPoint, KernelInfo?, string).
    private static readonly ConstructorInfo PtxKernelConstructor = typeof(PTXCompiledKernel)
        .GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).Single(c => c.GetParameters().Length == 4);

    private static readonly PropertyInfo EntryPointProperty = typeof(CompiledKernel)
        .GetProperty("EntryPoint", BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary><paramref name="ptx"/> with every unrounded f32/f64 add, sub and mul made round-to-nearest (<c>.rn</c>).</summary>
    public static string Rewrite(string ptx) => UnroundedFloatOperation().Replace(ptx, "$1.rn");

    /// <summary>
    /// The implicitly grouped kernel <paramref name="method"/> compiled by <paramref name="backend"/>, its PTX rewritten
    /// by <see cref="Rewrite"/>: what a CUDA accelerator loads, and what <see cref="GpuKernels"/> shows.
    /// </summary>
    public static PTXCompiledKernel Compile(PTXBackend backend, MethodInfo method)
    {
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), KernelSpecialization.Empty);
        return (PTXCompiledKernel)PtxKernelConstructor.Invoke(
            [compiled.Context, EntryPointProperty.GetValue(compiled), compiled.Info, Rewrite(compiled.PTXAssembly)]);
    }
}
