using System.Net;
using System.Net.Security;
using Multicast.Messaging.Discovery;

namespace Multicast.Messaging;

/// <summary>How a <see cref="MessageServer"/> listens, treats its peers and announces itself.</summary>
public sealed record MessageServerOptions
{
    /// <summary>Where to listen: clever-show's port 25000 on every address by default.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Any, 25000);

    /// <summary>The options of every accepted connection.</summary>
    public MessageConnectionOptions Connection { get; init; } = new();

    /// <summary>
    /// How many peers may be connected at once (bounded memory). At the cap a newcomer takes the
    /// place of a connection still in its handshake or idle for <see cref="EvictIdleAfter"/>; when
    /// none is, the newcomer is closed at once.
    /// </summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>How many connections one source address may hold (64); at this cap the same room-making rule applies within that source.</summary>
    public int MaxConnectionsPerSource { get; init; } = 64;

    /// <summary>How long a connection must have received no frame before it may make room for a newcomer at a cap (10 s).</summary>
    public TimeSpan EvictIdleAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// TLS: the server certificate (<see cref="SslServerAuthenticationOptions.ServerCertificate"/>),
    /// and client certificates when <see cref="SslServerAuthenticationOptions.ClientCertificateRequired"/>
    /// (checked by its validation callback). Null (the default) is clever-show's plain TCP.
    /// </summary>
    public SslServerAuthenticationOptions? Tls { get; init; }

    /// <summary>
    /// Finds out who a new peer is, run in the background after each connect; null (the default)
    /// leaves <see cref="MessageConnection.PeerId"/> unset. <see cref="MessageServer.RequestPeerId"/>
    /// asks the peer's <c>id</c> request, as clever-show's server does.
    /// </summary>
    public Func<MessageConnection, CancellationToken, ValueTask<string?>>? IdentifyPeer { get; init; }

    /// <summary>Announce the server over multicast; null (the default) announces nothing.</summary>
    public AnnouncerOptions? Announce { get; init; }

    /// <summary>The host put in announcements; null picks the listen address, or this machine's first IPv4 address when listening on all.</summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>The server id put in announcements; null picks a random one.</summary>
    public string? ServerId { get; init; }

    /// <summary>The service name put in announcements (extra header, ignored by Python).</summary>
    public string? Service { get; init; }
}
