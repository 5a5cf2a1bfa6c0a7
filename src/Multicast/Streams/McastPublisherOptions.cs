namespace Multicast;

/// <summary>How a <see cref="McastPublisher"/> sends.</summary>
public sealed record McastPublisherOptions
{
    /// <summary>The multicast TTL (hop limit): 0 stays on this host, 1 (the default) on this link.</summary>
    public int Ttl { get; init; } = McastDefaults.Ttl;

    /// <summary>The interface to send from (name, index or address); null lets the route decide.</summary>
    public string? Iface { get; init; }

    /// <summary>Whether listeners on this host hear our own datagrams (IP_MULTICAST_LOOP); on by default, as in Python.</summary>
    public bool Loopback { get; init; } = true;
}
