using System.Net;

namespace Multicast.Messaging.Discovery;

/// <summary>How a <see cref="ServerAnnouncer"/> announces.</summary>
public sealed record AnnouncerOptions
{
    /// <summary>The groups announced to (IPv4 and IPv6 by default); a group that cannot be reached is logged and skipped.</summary>
    public IReadOnlyList<IPAddress> Groups { get; init; } = DiscoveryDefaults.Groups;

    /// <summary>The UDP port, clever-show's 8181.</summary>
    public int Port { get; init; } = DiscoveryDefaults.Port;

    /// <summary>Time between announcements, clever-show's 3 s.</summary>
    public TimeSpan Interval { get; init; } = DiscoveryDefaults.Interval;

    /// <summary>The multicast TTL: 1 keeps announcements on the link.</summary>
    public int Ttl { get; init; } = 1;

    /// <summary>The interface to announce on (name, index or address); null lets the route decide.</summary>
    public string? Iface { get; init; }

    /// <summary>Also send to <c>255.255.255.255</c>, for stock clever-show clients (they only hear broadcast).</summary>
    public bool AlsoLimitedBroadcast { get; init; }

    /// <summary>
    /// A key for HMAC-SHA256 over every field, a timestamp and a nonce (extra headers <c>auth</c>,
    /// <c>ts</c>, <c>nonce</c>), signed afresh for each round; empty sends none. The server side of
    /// the connection handshake uses it too unless <see cref="MessageConnectionOptions.SharedKey"/> is set.
    /// </summary>
    public ReadOnlyMemory<byte> SharedKey { get; init; }

    /// <summary>The clock that stamps signed announcements (and judges others' in conflict detection); null is the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Listen to the groups for other servers of the same service and raise <see cref="ServerAnnouncer.ConflictDetected"/>.</summary>
    public bool DetectConflicts { get; init; } = true;
}
