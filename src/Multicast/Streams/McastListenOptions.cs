namespace Multicast;

/// <summary>What a <see cref="McastListener"/> (and <see cref="Mcast.ListenAsync(McastListenOptions?, CancellationToken)"/>) joins and delivers.</summary>
public sealed record McastListenOptions
{
    /// <summary>
    /// The groups to join, IPv4 (224.0.0.0/4) or IPv6 (ff00::/8), all of one family. One group is
    /// bound (only its datagrams arrive); with several the wildcard is bound and only the joined
    /// groups are heard. Defaults to <see cref="McastDefaults.Group"/>.
    /// </summary>
    public IReadOnlyList<string> Groups { get; init; } = [McastDefaults.Group];

    /// <summary>The UDP port; 0 picks a free one (see <see cref="McastListener.LocalEndPoint"/>).</summary>
    public int Port { get; init; } = McastDefaults.Port;

    /// <summary>The interface to join on: a name (<c>eth0</c>), an index (<c>3</c>) or an address; null lets the route decide.</summary>
    public string? Iface { get; init; }

    /// <summary>Hear only this sender (source-specific multicast, IPv4 or IPv6); null hears every sender.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Which datagrams to deliver; null delivers all. Build one with <see cref="McastFilters"/> or
    /// write a predicate. It sees each datagram before it is copied out of the receive buffer, so
    /// it must not keep the datagram it is given. An exception it throws ends the receive.
    /// </summary>
    public Func<McastDatagram, bool>? Filter { get; init; }

    /// <summary>
    /// Deliver exactly this many datagrams (after <see cref="Filter"/>), then complete; null never
    /// completes by count. Iain Lowe's <c>limit=N</c> delivered N-1, dropped the Nth, then never stopped.
    /// </summary>
    public long? Limit { get; init; }

    /// <summary>
    /// The kernel receive queue to ask for, in bytes, so bursts wait while a handler works; null asks
    /// for the same 8 MiB as the HEAR server (past <c>net.core.rmem_max</c> where the process may).
    /// It is a limit, not memory taken: the kernel uses it only while datagrams wait.
    /// </summary>
    public int? ReceiveQueueBytes { get; init; }
}
