namespace Gen.Gpu.Tests;

/// <summary>
/// A fixture whose tests run on ILGPU's CPU accelerator (on a CUDA GPU instead under <see cref="DeviceRun"/>): one device
/// per fixture, opened before its tests and released after.
/// </summary>
public abstract class CpuAcceleratorTests
{
    /// <summary>The fixture's device.</summary>
    protected GpuDevice Device { get; private set; } = null!;

    [OneTimeSetUp]
    public void OpenDevice() => Device = DeviceRun.OnCuda ? OpenCuda() : GpuDevice.OpenCpuAccelerator();

    [OneTimeTearDown]
    public void CloseDevice() => Device.Dispose();

    /// <summary>Caps the device's particles per launch at <paramref name="rows"/> until disposed (tests of many launches).</summary>
    protected IDisposable RowsPerLaunch(int rows)
    {
        var before = Device.MaxRows;
        Device.MaxRows = rows;
        return new Restore(() => Device.MaxRows = before);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private static GpuDevice OpenCuda()
    {
        var device = GpuDevice.Open();
        if (device.IsCuda) return device;
        device.Dispose();
        throw new InvalidOperationException("DeviceRun --cuda: no CUDA GPU was found.");
    }
}
