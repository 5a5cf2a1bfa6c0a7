using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// The socket options whose numbers or semantics differ between Linux, macOS and Windows, in one place.
/// The managed <see cref="SocketOptionName"/> switches are not enough here: on Linux
/// <see cref="SocketOptionName.ReuseAddress"/> also sets SO_REUSEPORT, and IP_MULTICAST_ALL has no name.
/// </summary>
internal static partial class PlatformSockets
{
    /// <summary>The receive queue servers and listeners ask for unless told otherwise: room for a burst of tens of thousands of small datagrams.</summary>
    public const int DefaultReceiveQueueBytes = 8 * 1024 * 1024;

    internal const int LinuxSolSocket = 1;
    internal const int LinuxSoReuseAddr = 2;
    private const int LinuxSoRcvBufForce = 33;
    private const int LinuxIpMulticastAll = 49;
    private const int LinuxIpv6MulticastAll = 29;
    private const int BsdSolSocket = 0xffff;
    private const int BsdSoReuseAddr = 0x0004;

    /// <summary>
    /// Lets several listeners share a group and port. On Linux SO_REUSEADDR alone: SO_REUSEPORT would
    /// load-balance datagrams between the sockets instead of copying each to all of them.
    /// </summary>
    public static void SetReuseAddress(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(LinuxSolSocket, LinuxSoReuseAddr, BitConverter.GetBytes(1));
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            socket.SetRawSocketOption(BsdSolSocket, BsdSoReuseAddr, BitConverter.GetBytes(1));
        }
        else
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }
    }

    /// <summary>
    /// Turns Linux's IP_MULTICAST_ALL (and IPV6_MULTICAST_ALL) off so a socket hears only the groups
    /// it joined itself (for IPv4 also: only on the interfaces it joined them on), not every group
    /// any socket on the host joined. A no-op elsewhere, where that is already the behaviour.
    /// </summary>
    public static void HearOnlyJoinedGroups(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetRawSocketOption((int)SocketOptionLevel.IPv6, LinuxIpv6MulticastAll, BitConverter.GetBytes(0));
            if (!socket.DualMode)
            {
                return;
            }
        }

        socket.SetRawSocketOption((int)SocketOptionLevel.IP, LinuxIpMulticastAll, BitConverter.GetBytes(0));
    }

    /// <summary>
    /// Asks for a receive queue of <paramref name="bytes"/>, past the rmem_max cap when the process may
    /// (SO_RCVBUFFORCE needs CAP_NET_ADMIN), so a burst waits in the kernel instead of being dropped.
    /// Forced first, as the C reference does: Linux reports a capped SO_RCVBUF doubled (its
    /// bookkeeping share), so reading it back cannot tell whether the cap cut the request.
    /// </summary>
    public static void SetReceiveQueue(Socket socket, int bytes)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                socket.SetRawSocketOption(LinuxSolSocket, LinuxSoRcvBufForce, BitConverter.GetBytes(bytes));
                return;
            }
            catch (SocketException)
            {
                // Without CAP_NET_ADMIN: the capped size below, a smaller queue rather than an error.
            }
        }

        socket.ReceiveBufferSize = bytes;
    }
}
