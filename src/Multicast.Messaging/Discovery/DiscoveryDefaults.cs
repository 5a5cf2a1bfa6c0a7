using System.Net;

namespace Multicast.Messaging.Discovery;

/// <summary>Where servers announce themselves unless told otherwise.</summary>
public static class DiscoveryDefaults
{
    /// <summary>
    /// The IPv4 group, <c>239.255.0.1</c>: RFC 2365's IPv4 local scope, which routers keep inside the
    /// site (clever-show used limited broadcast, which <see cref="AnnouncerOptions.AlsoLimitedBroadcast"/> still offers).
    /// </summary>
    public const string GroupV4 = "239.255.0.1";

    /// <summary>The IPv6 group, <c>ff15::8181</c>: transient, site-local scope (the port in its name).</summary>
    public const string GroupV6 = "ff15::8181";

    /// <summary>clever-show's discovery port, 8181.</summary>
    public const int Port = 8181;

    /// <summary>clever-show's interval between announcements, 3 s.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(3);

    /// <summary>How old a signed announcement may be, 20 s: several rounds of <see cref="Interval"/>, short enough that a replay soon goes stale.</summary>
    public static TimeSpan FreshnessWindow { get; } = TimeSpan.FromSeconds(20);

    /// <summary>How far a server's clock may be off a client's, 5 s.</summary>
    public static TimeSpan ClockSkew { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Both groups: IPv4 and IPv6.</summary>
    public static IReadOnlyList<IPAddress> Groups { get; } = [IPAddress.Parse(GroupV4), IPAddress.Parse(GroupV6)];

    /// <summary>clever-show clients read announcements with <c>recvfrom(1024)</c>, so none may be longer.</summary>
    public const int MaxAnnouncementBytes = 1024;
}
