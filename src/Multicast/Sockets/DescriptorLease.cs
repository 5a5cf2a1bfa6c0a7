using System.Runtime.InteropServices;

namespace Multicast;

/// <summary>
/// Holds a handle's descriptor for the length of a system call of our own, so that a close on
/// another thread cannot release its number, and a new socket reuse it, while the kernel uses it.
/// </summary>
internal ref struct DescriptorLease
{
    private readonly SafeHandle _handle;
    private bool _referenced;

    /// <exception cref="ObjectDisposedException">The handle is closed already.</exception>
    public DescriptorLease(SafeHandle handle)
    {
        _handle = handle;
        _referenced = false;
        handle.DangerousAddRef(ref _referenced);
    }

    /// <summary>The descriptor's number.</summary>
    public readonly int Number => (int)_handle.DangerousGetHandle();

    public void Dispose()
    {
        if (_referenced)
        {
            _referenced = false;
            _handle.DangerousRelease();
        }
    }
}
