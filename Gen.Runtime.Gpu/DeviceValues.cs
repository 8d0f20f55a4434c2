using System;
using Gen.Internal;
using ILGPU;
using ILGPU.Runtime;

namespace Gen.Gpu;

/// <summary>
/// A launch's value rows left on the device (the batch's columns are made from them when first read): copied back then,
/// or to a host array of their own when the device needs the memory for its next launch or is disposed.
/// </summary>
internal sealed class DeviceValues(GpuDevice device, MemoryBuffer1D<double, Stride1D.Dense> buffer, int length) : IDeviceValues
{
    private MemoryBuffer1D<double, Stride1D.Dense>? _buffer = buffer;
    private double[]? _host; // after a flush
    private WeakReference<object>? _owner; // the batch that reads them

    public void OwnedBy(object owner) => _owner = new WeakReference<object>(owner);

    public void CopyTo(double[] host)
    {
        lock (device.LaunchLock)
        {
            try
            {
                if (_host is not null) Array.Copy(_host, host, length);
                else if (_buffer is { } onDevice) device.CopyBack(onDevice.View, host, length);
            }
            finally
            {
                Release(); // read or failed, the device's copy is not needed again
            }
        }
    }

    /// <summary>
    /// Copies the values to a host array of their own and frees the device's memory (under the launch lock); where the
    /// batch that would read them was collected, frees the memory without a copy.
    /// </summary>
    public void Flush()
    {
        if (_buffer is not { } onDevice) return;
        if (_owner is { } owner && !owner.TryGetTarget(out _))
        {
            onDevice.Dispose();
            _buffer = null;
            return;
        }
        var host = new double[length];
        device.CopyBack(onDevice.View, host, length);
        _host = host;
        onDevice.Dispose();
        _buffer = null;
    }

    public void Release()
    {
        lock (device.LaunchLock)
        {
            _buffer?.Dispose();
            _buffer = null;
            _host = null;
            device.Forget(this);
        }
    }
}
