namespace Multicast.Messaging;

/// <summary>TCP keepalive: after <see cref="Idle"/> without traffic, probe every <see cref="Interval"/>, give up after <see cref="RetryCount"/> misses.</summary>
/// <param name="Idle">Idle time before the first probe (whole seconds, at least 1).</param>
/// <param name="Interval">Time between probes (whole seconds, at least 1).</param>
/// <param name="RetryCount">Unanswered probes before the peer is declared dead.</param>
public sealed record TcpKeepAliveOptions(TimeSpan Idle, TimeSpan Interval, int RetryCount)
{
    /// <summary>clever-show's preset: 1 s idle, 3 s interval, 5 probes, so a dead peer is noticed in about 16 s.</summary>
    public static TcpKeepAliveOptions CleverShow { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 5);
}
