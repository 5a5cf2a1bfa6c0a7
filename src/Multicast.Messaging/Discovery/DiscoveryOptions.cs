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

    /// <summary>
    /// When set, only announcements whose HMAC-SHA256 under this key covers all their fields, a
    /// timestamp and a nonce are taken, each once and only while fresh, so a stranger can neither
    /// redirect clients nor replay or relabel a real announcement. A <see cref="MessageClient"/>
    /// with a key also makes the server prove it knows the key before sending it anything
    /// (<see cref="MessageConnectionOptions.SharedKey"/>).
    /// </summary>
    public ReadOnlyMemory<byte> SharedKey { get; init; }

    /// <summary>With <see cref="SharedKey"/>: how old a signed announcement may be (20 s; servers sign every <see cref="DiscoveryDefaults.Interval"/>).</summary>
    public TimeSpan FreshnessWindow { get; init; } = DiscoveryDefaults.FreshnessWindow;

    /// <summary>With <see cref="SharedKey"/>: how far the server's clock may be off ours, either way (5 s).</summary>
    public TimeSpan ClockSkew { get; init; } = DiscoveryDefaults.ClockSkew;

    /// <summary>The clock freshness is judged by; null is the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The freshness check of signed announcements, or null without a key.</summary>
    internal AnnouncementFreshness? NewFreshness() =>
        SharedKey.IsEmpty ? null : new AnnouncementFreshness(FreshnessWindow, ClockSkew, TimeProvider ?? TimeProvider.System);
}
