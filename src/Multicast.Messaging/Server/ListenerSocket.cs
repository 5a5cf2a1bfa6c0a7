using System.Net;
using System.Net.Sockets;

namespace Multicast.Messaging;

/// <summary>The server's listening socket.</summary>
internal static class ListenerSocket
{
    /// <summary>
    /// Binds and listens. SO_REUSEADDR alone (not .NET's ReuseAddress, which adds SO_REUSEPORT on
    /// Unix and would let two servers share the port) lets a restarted server take its port back
    /// while old connections linger in TIME_WAIT.
    /// </summary>
    public static Socket Open(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
            }
            else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
            {
                socket.SetRawSocketOption(0xffff /* SOL_SOCKET */, 4 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
            }

            socket.Bind(endpoint);
            socket.Listen(128);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
