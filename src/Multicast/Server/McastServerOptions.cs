namespace Multicast;

/// <summary>What a <see cref="McastServer"/> joins and how it treats its socket.</summary>
public sealed record McastServerOptions
{
    /// <summary>More groups to join besides the server's own (one family); with any, the wildcard is bound.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The interface to join on: a name, an index or an address; null lets the route decide.</summary>
    public string? Iface { get; init; }

    /// <summary>Hear only this sender (source-specific multicast); null hears all.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Which datagrams the handler gets; the others are dropped unanswered. Null hands it all. The
    /// filter sees a view of the receive buffer (valid only during the call); one that throws
    /// refuses the datagram and is reported to <see cref="UdpServer"/>'s error hook.
    /// </summary>
    public Func<McastDatagram, bool>? Filter { get; init; }

    /// <summary>
    /// Whether every request carries its destination group and arrival interface
    /// (<see cref="UdpRequest.LocalAddress"/>, <see cref="UdpRequest.InterfaceIndex"/>), read from the
    /// packet information. Always on with several groups; otherwise off by default, since with the
    /// recycle (or where batched receive is unavailable) it costs one allocation per datagram.
    /// </summary>
    public bool PacketInformation { get; init; }

    /// <summary>
    /// Whether to recycle the socket after every request, as Python's server does. On by default for
    /// parity; the recycle duplicates the descriptor, so it loses nothing (on Linux it is one
    /// <c>dup3</c> onto the same descriptor number and allocates nothing; elsewhere it costs one
    /// socket object per request). Either way the server receives in batches on Linux
    /// (<c>recvmmsg</c>, never waiting to fill one) and hands the hooks one datagram at a time;
    /// turned off, it saves the one system call per request the recycle costs.
    /// </summary>
    public bool RecycleSocket { get; init; } = true;

    /// <summary>The kernel receive queue to ask for, in bytes, so bursts wait instead of being dropped.</summary>
    public int ReceiveQueueBytes { get; init; } = PlatformSockets.DefaultReceiveQueueBytes;
}
