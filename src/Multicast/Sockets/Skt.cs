using System.Net;
using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// Socket helpers with the Python package's names: <see cref="GenSocket"/> makes the UDP socket every
/// tool starts from, <see cref="EndSocket"/> closes one quietly.
/// </summary>
public static class Skt
{
    /// <summary>
    /// Makes an unbound UDP socket with address reuse (SO_REUSEADDR alone on Linux), the multicast
    /// TTL (hop limit) set, and loopback left at the kernel default (on), like Python's
    /// <c>genSocket()</c>. Unlike Python it sets no timeout: receivers choose their own.
    /// </summary>
    /// <param name="family">IPv4 or IPv6.</param>
    /// <param name="ttl">The multicast TTL (IPv6 hop limit), <see cref="McastTtl.SameHost"/> (0) to <see cref="McastTtl.Unrestricted"/> (255).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ttl"/> outside 0-255.</exception>
    /// <exception cref="ArgumentException"><paramref name="family"/> is not IPv4 or IPv6.</exception>
    public static Socket GenSocket(AddressFamily family = AddressFamily.InterNetwork, int ttl = McastDefaults.Ttl)
    {
        McastTtl.Validate(ttl);
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"Multicast needs an IPv4 or IPv6 socket, not {family}.", nameof(family));
        }

        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            PlatformSockets.SetReuseAddress(socket);
            var level = family == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;
            socket.SetSocketOption(level, SocketOptionName.MulticastTimeToLive, ttl);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Shuts down reading and closes <paramref name="socket"/>; null is fine and errors are swallowed,
    /// as in Python's <c>endSocket()</c>.
    /// </summary>
    public static void EndSocket(Socket? socket)
    {
        if (socket is null)
        {
            return;
        }

        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (SocketException)
        {
            // An unbound or unconnected socket cannot be shut down; closing is what matters.
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        socket.Dispose();
    }

    /// <summary>Sends multicast out of <paramref name="iface"/> instead of the route's choice (IP_MULTICAST_IF / IPV6_MULTICAST_IF).</summary>
    internal static void SetSendInterface(Socket socket, McastInterface iface)
    {
        if (iface.IsAny)
        {
            return;
        }

        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastInterface, iface.Index);
        }
        else if (iface.Address is not null)
        {
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, iface.Address.GetAddressBytes());
        }
        else
        {
            // An interface without an IPv4 address: name it by index, as Windows and Linux both accept (0.0.0.idx / ip_mreqn).
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.HostToNetworkOrder(iface.Index));
        }
    }
}
