using System.Net;

namespace Multicast.Messaging.Discovery;

/// <summary>A server heard announcing itself.</summary>
/// <param name="Announcement">What it announced.</param>
/// <param name="Source">Where the announcement came from.</param>
/// <param name="LastSeen">When it was heard.</param>
public sealed record DiscoveredServer(ServerAnnouncement Announcement, IPEndPoint Source, DateTimeOffset LastSeen)
{
    /// <summary>
    /// Where to connect: the announced host when it is a routable address, else the address the
    /// announcement came from (clever-show servers without a route announce <c>localhost</c>).
    /// </summary>
    public IPEndPoint TcpEndPoint => new(RoutableHost(Announcement.Host) ?? Source.Address, Announcement.Port);

    private static IPAddress? RoutableHost(string host) =>
        IPAddress.TryParse(host, out var address)
            && !IPAddress.IsLoopback(address)
            && !address.Equals(IPAddress.Any)
            && !address.Equals(IPAddress.IPv6Any)
            ? address
            : null;
}
