namespace Multicast;

/// <summary>How a <see cref="McastPublisher"/> sends.</summary>
public sealed record McastPublisherOptions
{
    /// <summary>
    /// The multicast TTL (IPv6 hop limit), 0-255: <see cref="McastTtl.SameHost"/> (0) stays on this
    /// host, <see cref="McastTtl.SameSubnet"/> (1, the default) on this link.
    /// </summary>
    public int Ttl { get; init; } = McastDefaults.Ttl;

    /// <summary>The interface to send from: a name (<c>eth0</c>), an index (<c>3</c>) or an address; null lets the route decide.</summary>
    public string? Iface { get; init; }

    /// <summary>Whether listeners on this host hear our own datagrams (IP_MULTICAST_LOOP); on by default, as in Python.</summary>
    public bool Loopback { get; init; } = true;

    /// <summary>The pause between datagrams of a sequence; zero (the default) sends as fast as the socket takes them.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.Zero;
}
