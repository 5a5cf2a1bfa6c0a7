using System.Net;

namespace Multicast.Messaging.Discovery;

/// <summary>Where and how a client listens for server announcements.</summary>
public sealed record DiscoveryOptions
{
    /// <summary>The groups listened to (IPv4 and IPv6 by default); a group that cannot be joined is logged and skipped.</summary>
    public IReadOnlyList<IPAddress> Groups { get; init; } = DiscoveryDefaults.Groups;

    /// <summary>The UDP port, clever-show's 8181.</summary>
    public int Port { get; init; } = DiscoveryDefaults.Port;

    /// <summary>Also hear broadcast announcements (stock clever-show servers broadcast to 255.255.255.255).</summary>
    public bool ListenForBroadcast { get; init; } = true;

    /// <summary>Only servers announcing this service; null takes any.</summary>
    public string? Service { get; init; }

    /// <summary>The interface to listen on (name, index or address); null lets the route decide.</summary>
    public string? Iface { get; init; }

    /// <summary>When set, announcements without a valid HMAC-SHA256 under this key are ignored, so a stranger cannot redirect clients.</summary>
    public ReadOnlyMemory<byte> SharedKey { get; init; }
}
