using System.Runtime.InteropServices;

namespace Multicast;

/// <summary>
/// A file descriptor of our own system calls (a socket's kept duplicate, a socket opened without
/// .NET's <see cref="System.Net.Sockets.Socket"/>), closed once when disposed or finalized, and held
/// (<see cref="SafeHandle.DangerousAddRef"/>) across a call so its number is never reused under it.
/// </summary>
internal sealed class PosixDescriptor : SafeHandle
{
    public PosixDescriptor(int descriptor)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(descriptor);

    public override bool IsInvalid => handle == -1;

    /// <summary>The descriptor's number.</summary>
    public int Number => (int)handle;

    protected override bool ReleaseHandle() => Close((int)handle) == 0;

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for an int-to-int call.
    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
#pragma warning restore SYSLIB1054
}
