namespace Multicast;

/// <summary>
/// How the HEAR handler answers and what may stop it. The defaults are Python's (echo every
/// datagram to its sender, stop on any <c>STOP</c>); each option hardens a server on a shared
/// network and costs nothing while it is off.
/// </summary>
public sealed record HearOptions
{
    /// <summary>Whether to answer at all (<c>--no-echo</c> turns it off). A STOP still stops the server.</summary>
    public bool Echo { get; init; } = true;

    /// <summary>
    /// Answer only senders inside a subnet of the interface the datagram arrived on
    /// (<c>--echo-link-only</c>), so a datagram with a forged far-away source is not reflected.
    /// The server reads packet information for it.
    /// </summary>
    public bool EchoLinkOnly { get; init; }

    /// <summary>At most this many echoes per second to one sender address (<c>--echo-rate</c>); null is no limit.</summary>
    public int? EchoRate { get; init; }

    /// <summary>Whether a datagram containing <c>STOP</c> may stop the server (<c>--no-remote-stop</c> turns it off).</summary>
    public bool RemoteStop { get; init; } = true;

    /// <summary>
    /// When set, only a STOP signed with this key (<see cref="AuthenticatedStop.Sign"/>, <c>SAY --stop-key</c>)
    /// stops the server (<c>--stop-key</c>, <c>MULTICAST_STOP_KEY</c>); a plain, forged, stale or replayed one is echoed and ignored.
    /// </summary>
    public string? StopKey { get; init; }

    /// <summary>How far a signed STOP's time may lie from this host's clock, either way; 30 seconds by default.</summary>
    public TimeSpan StopFreshness { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock for the echo rate and the STOP freshness (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A rate below 1, an empty key, or a freshness window that is not positive.</exception>
    public void Validate()
    {
        if (EchoRate is < 1)
        {
            throw new ArgumentException($"the echo rate must be at least 1 per second, not {EchoRate}", nameof(EchoRate));
        }

        if (StopKey is { Length: 0 })
        {
            throw new ArgumentException("the STOP key must not be empty", nameof(StopKey));
        }

        if (StopFreshness <= TimeSpan.Zero)
        {
            throw new ArgumentException($"the STOP freshness window must be positive, not {StopFreshness}", nameof(StopFreshness));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
