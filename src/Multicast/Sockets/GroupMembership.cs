using System.Net;
using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// Joins a socket to a group, any-source or source-specific, IPv4 or IPv6, on a chosen interface.
/// The source-specific requests are laid out by hand (<see cref="SourceJoinRequest"/>) because the
/// managed options pass bytes as-is and the structs differ between Linux, Windows and the BSDs.
/// </summary>
internal static class GroupMembership
{
    /// <summary>Joins <paramref name="group"/>; with a <paramref name="source"/>, only that sender is heard.</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is not of the group's family, or is itself a multicast address.</exception>
    /// <exception cref="SocketException">The kernel refused the join.</exception>
    public static void Join(Socket socket, IPAddress group, McastInterface iface, IPAddress? source = null)
    {
        if (source is not null)
        {
            CheckSource(group, source);
            SourceJoinRequest.Join(socket, group, iface, source);
            return;
        }

        if (group.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(group, iface.Index));
            return;
        }

        var option = iface.Index != 0 && iface.Address is null
            ? new MulticastOption(group, iface.Index)
            : new MulticastOption(group, iface.Address ?? IPAddress.Any);
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, option);
    }

    private static void CheckSource(IPAddress group, IPAddress source)
    {
        if (source.AddressFamily != group.AddressFamily)
        {
            throw new ArgumentException($"The source {source} is not of the group {group}'s address family.", nameof(source));
        }

        if (McastAddress.IsMulticast(source))
        {
            throw new ArgumentException($"The source {source} is a multicast address; a source is the unicast address of a sender.", nameof(source));
        }
    }
}
