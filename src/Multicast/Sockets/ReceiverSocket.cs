using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>
/// Opens a bound, joined receive socket: the engine behind <see cref="McastRecv.JoinStep"/>,
/// <see cref="McastServer"/> and the streams.
/// </summary>
internal static class ReceiverSocket
{
    /// <summary>
    /// Binds and joins. One group: bind to the group itself, as Python does, so only datagrams sent
    /// to it arrive (the wildcard on Windows, which cannot bind a group). Several groups: bind the
    /// wildcard and hear only the joined groups. An explicit <paramref name="bindGroup"/> wins when it
    /// is the only group.
    /// </summary>
    public static Socket Open(IReadOnlyList<IPAddress> groups, int port, McastInterface iface, IPAddress? bindGroup, IPAddress? source, ILogger logger)
    {
        var family = bindGroup?.AddressFamily ?? (groups.Count > 0 ? groups[0].AddressFamily : AddressFamily.InterNetwork);
        if (groups.Any(g => g.AddressFamily != family))
        {
            throw new ArgumentException("All groups of one socket must be of one address family (IPv4 or IPv6); use a poller to mix them.", nameof(groups));
        }

        var bindAddress = ChooseBindAddress(groups, bindGroup, family);
        var endpoint = new IPEndPoint(bindAddress, port);
        var socket = Skt.GenSocket(family);
        try
        {
            if (bindAddress.Equals(IPAddress.Any) || bindAddress.Equals(IPAddress.IPv6Any))
            {
                PlatformSockets.HearOnlyJoinedGroups(socket);
            }

            Attempt(() => socket.Bind(endpoint), $"binding {Describe(endpoint)}");
            foreach (var group in groups)
            {
                Attempt(() => GroupMembership.Join(socket, group, iface, source), $"joining {group} on port {port} via interface {iface}{(source is null ? string.Empty : $" from source {source}")}");
                SocketLog.Joined(logger, group, port, iface);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static IPAddress ChooseBindAddress(IReadOnlyList<IPAddress> groups, IPAddress? bindGroup, AddressFamily family)
    {
        var only = groups.Count > 1 ? null : bindGroup ?? (groups.Count == 1 ? groups[0] : null);
        if (only is null || (OperatingSystem.IsWindows() && McastAddress.IsMulticast(only)))
        {
            return McastAddress.Wildcard(family);
        }

        return only;
    }

    private static string Describe(IPEndPoint endpoint) => $"{endpoint.Address} port {endpoint.Port}";

    private static void Attempt(Action action, string attempted)
    {
        try
        {
            action();
        }
        catch (SocketException e)
        {
            throw McastSocketException.For(attempted, e);
        }
    }
}
