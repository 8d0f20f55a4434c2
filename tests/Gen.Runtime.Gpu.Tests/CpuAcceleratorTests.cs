namespace Gen.Gpu.Tests;

/// <summary>A fixture whose tests run on ILGPU's CPU accelerator: one device per fixture, opened before its tests and released after.</summary>
public abstract class CpuAcceleratorTests
{
    /// <summary>The fixture's device.</summary>
    protected GpuDevice Device { get; private set; } = null!;

    [OneTimeSetUp]
    public void OpenDevice() => Device = GpuDevice.OpenCpuAccelerator();

    [OneTimeTearDown]
    public void CloseDevice() => Device.Dispose();
}
