using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Multicast;

/// <summary>
/// Makes a second socket object for the same kernel socket (Python's <c>socket.dup()</c>). The new
/// object shares the kernel's receive queue and group memberships, so closing the old object loses
/// nothing: this is how <see cref="McastServer"/> recycles its socket after every request losslessly.
/// </summary>
/// <remarks>
/// A duplicated socket must only be used with synchronous calls on Unix: the kernel keeps the epoll
/// registration of the closed descriptor (epoll keys on the open file), so .NET's async engine would
/// later fail with EEXIST when the descriptor number is reused.
/// </remarks>
internal static partial class SocketDuplicator
{
    public static Socket Duplicate(Socket socket)
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows has no dup(); duplicating into our own process closes the original, as a recycle wants.
            return new Socket(socket.DuplicateAndClose(Environment.ProcessId));
        }

        var fd = Dup((int)socket.SafeHandle.DangerousGetHandle());
        if (fd < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    /// <summary>
    /// Recycles <paramref name="socket"/> where it stands: a duplicate of its descriptor is moved onto
    /// the descriptor's own number (Linux <c>dup3</c>, close-on-exec kept) and the spare closed. The
    /// kernel socket, its queue and memberships are untouched, as with <see cref="Duplicate"/>, but the
    /// managed object lives on, so a recycle allocates nothing.
    /// </summary>
    /// <returns>False where the platform has no <c>dup3</c>: then <see cref="Duplicate"/> is the way.</returns>
    public static bool TryRecycleInPlace(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var fd = (int)socket.SafeHandle.DangerousGetHandle();
        var spare = Dup(fd);
        if (spare < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        var moved = Dup3(spare, fd, CloseOnExec);
        var error = Marshal.GetLastPInvokeError();
        _ = Close(spare);
        return moved == fd ? true : throw new SocketException(error);
    }

    private const int CloseOnExec = 0x80000; // O_CLOEXEC on Linux

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for int-to-int calls.
    [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static extern int Dup(int fd);

    [DllImport("libc", EntryPoint = "dup3", SetLastError = true)]
    private static extern int Dup3(int oldFd, int newFd, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
#pragma warning restore SYSLIB1054
}
