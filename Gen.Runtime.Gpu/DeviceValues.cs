using System;
using Gen.Internal;
using ILGPU;
using ILGPU.Runtime;

namespace Gen.Gpu;

/// <summary>
/// A launch's value rows left on the device (the batch's columns are made from them when first read): copied back then,
/// or to host arrays of their own when the device needs the memory for its next launch or is disposed. The buffer holds
/// <paramref name="rows"/> rows of <paramref name="length"/> particles, row after row.
/// </summary>
internal sealed class DeviceValues(GpuDevice device, MemoryBuffer1D<double, Stride1D.Dense> buffer, int rows, int length) : IDeviceValues
{
    private MemoryBuffer1D<double, Stride1D.Dense>? _buffer = buffer;
    private double[][]? _host; // after a flush
    private WeakReference<object>? _owner; // the batch that reads them

    public void OwnedBy(object owner) => _owner = new WeakReference<object>(owner);

    public void CopyTo(double[][] host)
    {
        lock (device.LaunchLock)
        {
            try
            {
                if (_host is not null)
                    for (var s = 0; s < rows; s++) Array.Copy(_host[s], host[s], length);
                else if (_buffer is { } onDevice) CopyRows(onDevice, host);
            }
            finally
            {
                Release(); // read or failed, the device's copy is not needed again
            }
        }
    }

    /// <summary>
    /// Copies the values to host arrays of their own and frees the device's memory (under the launch lock); where the
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
        var host = new double[rows][];
        for (var s = 0; s < rows; s++) host[s] = new double[length];
        CopyRows(onDevice, host);
        _host = host;
        onDevice.Dispose();
        _buffer = null;
    }

    private void CopyRows(MemoryBuffer1D<double, Stride1D.Dense> onDevice, double[][] host)
    {
        for (var s = 0; s < rows; s++) device.CopyBack(onDevice.View.SubView((long)s * length, length), host[s], length);
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
