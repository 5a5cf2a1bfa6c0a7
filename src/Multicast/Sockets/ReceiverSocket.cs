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
    /// Parses what a user typed (groups, bind address, interface, source) and opens a joined socket
    /// with packet information on: the one implementation behind <see cref="McastRecv.JoinStep"/>,
    /// the listeners and the server.
    /// </summary>
    public static Socket Join(IEnumerable<string>? groups, int port, string? iface, string? bindGroup, string? source, ILogger logger)
    {
        McastAddress.CheckReceivePort(port);
        var parsed = (groups ?? []).Select(g => McastAddress.ParseGroup(g, nameof(groups))).Distinct().ToList();
        IPAddress? bind = null;
        if (!string.IsNullOrEmpty(bindGroup))
        {
            bind = IPAddress.TryParse(bindGroup, out var b) ? b : throw new ArgumentException($"Invalid bind address '{bindGroup}'.", nameof(bindGroup));
            if (parsed.Count == 0 && McastAddress.IsMulticast(bind))
            {
                parsed.Add(bind);
            }
        }

        if (parsed.Count == 0)
        {
            throw new ArgumentException("JoinStep needs at least one group (or a multicast bind group).", nameof(groups));
        }

        var sourceAddress = McastAddress.ParseSource(source);
        var socket = Open(parsed, port, McastInterface.Parse(iface), bind, sourceAddress, logger);
        DatagramReceiver.EnablePacketInformation(socket);
        return socket;
    }

    /// <summary>
    /// Binds and joins. One group: bind to the group itself, as Python does, so only datagrams sent
    /// to it arrive (the wildcard on Windows, which cannot bind a group). Several groups: bind the
    /// wildcard and hear only the joined groups. An explicit <paramref name="bindGroup"/> wins when it
    /// is the only group. A link-local IPv6 group (ff02::) is bound with the interface as its scope,
    /// which also ties the socket to that interface; without an interface it binds the wildcard.
    /// Either way the socket hears only its own memberships (IP_MULTICAST_ALL off on Linux).
    /// </summary>
    public static Socket Open(IReadOnlyList<IPAddress> groups, int port, McastInterface iface, IPAddress? bindGroup, IPAddress? source, ILogger logger)
    {
        var family = bindGroup?.AddressFamily ?? (groups.Count > 0 ? groups[0].AddressFamily : AddressFamily.InterNetwork);
        if (groups.Any(g => g.AddressFamily != family))
        {
            throw new ArgumentException("All groups of one socket must be of one address family (IPv4 or IPv6); use a poller to mix them.", nameof(groups));
        }

        var bindAddress = ChooseBindAddress(groups, bindGroup, family, iface);
        var endpoint = new IPEndPoint(bindAddress, port);
        var socket = Skt.GenSocket(family);
        try
        {
            // Bound to the wildcard this keeps out groups other sockets joined; bound to a group it
            // keeps out that group arriving on interfaces this socket did not join it on.
            PlatformSockets.HearOnlyJoinedGroups(socket);
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

    private static IPAddress ChooseBindAddress(IReadOnlyList<IPAddress> groups, IPAddress? bindGroup, AddressFamily family, McastInterface iface)
    {
        var only = groups.Count > 1 ? null : bindGroup ?? (groups.Count == 1 ? groups[0] : null);
        if (only is null || (OperatingSystem.IsWindows() && McastAddress.IsMulticast(only)))
        {
            return McastAddress.Wildcard(family);
        }

        if (McastAddress.NeedsScope(only) && only.ScopeId == 0)
        {
            // Linux refuses to bind a link-scoped address (EINVAL) unless it names its interface.
            return iface.Index != 0 ? new IPAddress(only.GetAddressBytes(), iface.Index) : McastAddress.Wildcard(family);
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
