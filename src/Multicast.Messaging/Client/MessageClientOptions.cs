using System.Net;
using System.Net.Security;
using Multicast.Messaging.Discovery;

namespace Multicast.Messaging;

/// <summary>How a <see cref="MessageClient"/> finds, connects and reconnects to its server.</summary>
public sealed record MessageClientOptions
{
    /// <summary>The server's endpoint (an <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>); null discovers it first.</summary>
    public EndPoint? Server { get; init; }

    /// <summary>How long one connection attempt may take (clever-show: 2 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The pause after a failed attempt or a lost session (clever-show: 2 s).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed attempts before listening for announcements again (clever-show: 3), when <see cref="Discovery"/> is set.</summary>
    public int AttemptsBeforeDiscovery { get; init; } = 3;

    /// <summary>How to discover the server; null uses only <see cref="Server"/>.</summary>
    public DiscoveryOptions? Discovery { get; init; }

    /// <summary>How long one round of listening for announcements lasts before connecting is tried again.</summary>
    public TimeSpan DiscoveryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The options of the connection.</summary>
    public MessageConnectionOptions Connection { get; init; } = new();

    /// <summary>
    /// TLS to the server (target host, validation, a client certificate); an empty
    /// <see cref="SslClientAuthenticationOptions.TargetHost"/> takes the server's address. Null (the
    /// default) is clever-show's plain TCP.
    /// </summary>
    public SslClientAuthenticationOptions? Tls { get; init; }
}
