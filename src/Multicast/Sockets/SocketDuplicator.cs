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

        using var source = new DescriptorLease(socket.SafeHandle);
        var fd = Dup(source.Number);
        if (fd < 0)
        {
            throw PosixSocketErrors.ToException(Marshal.GetLastPInvokeError());
        }

        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    /// <summary>
    /// Opens a standing duplicate of <paramref name="socket"/>'s descriptor (close-on-exec) for
    /// <see cref="TryRecycleInPlace"/>; null where the platform has no <c>dup3</c>.
    /// </summary>
    public static PosixDescriptor? OpenSpare(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        using var source = new DescriptorLease(socket.SafeHandle);
        var spare = FcntlDup(source.Number, DupCloseOnExec, 0);
        return spare < 0 ? throw PosixSocketErrors.ToException(Marshal.GetLastPInvokeError()) : new PosixDescriptor(spare);
    }

    /// <summary>
    /// Recycles <paramref name="socket"/> where it stands, in one system call: <c>dup3</c> closes the
    /// descriptor and reopens its number as a duplicate of <paramref name="spare"/> (close-on-exec
    /// kept). The kernel socket, its queue and memberships are untouched, as with
    /// <see cref="Duplicate"/>, but the managed object lives on, so a recycle allocates nothing; the
    /// spare stays open for the next recycle.
    /// </summary>
    /// <returns>False without a spare (a platform with no <c>dup3</c>): then <see cref="Duplicate"/> is the way.</returns>
    public static bool TryRecycleInPlace(Socket socket, PosixDescriptor? spare)
    {
        if (spare is null)
        {
            return false;
        }

        // both held: a number closed and reused by another file meanwhile would be replaced silently
        using var target = new DescriptorLease(socket.SafeHandle);
        using var source = new DescriptorLease(spare);
        var fd = target.Number;
        var moved = Dup3(source.Number, fd, CloseOnExec);
        return moved == fd ? true : throw PosixSocketErrors.ToException(Marshal.GetLastPInvokeError());
    }

    private const int CloseOnExec = 0x80000; // O_CLOEXEC on Linux
    private const int DupCloseOnExec = 1030; // F_DUPFD_CLOEXEC on Linux

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for int-to-int calls.
    [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static extern int Dup(int fd);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int FcntlDup(int fd, int command, int lowest);

    [DllImport("libc", EntryPoint = "dup3", SetLastError = true)]
    private static extern int Dup3(int oldFd, int newFd, int flags);
#pragma warning restore SYSLIB1054
}
