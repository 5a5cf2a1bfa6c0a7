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

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for one int-to-int call.
    [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static extern int Dup(int fd);
#pragma warning restore SYSLIB1054
}
