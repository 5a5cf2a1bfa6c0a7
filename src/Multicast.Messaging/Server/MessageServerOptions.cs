using System.Net;
using Multicast.Messaging.Discovery;

namespace Multicast.Messaging;

/// <summary>How a <see cref="MessageServer"/> listens, treats its peers and announces itself.</summary>
public sealed record MessageServerOptions
{
    /// <summary>Where to listen: clever-show's port 25000 on every address by default.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Any, 25000);

    /// <summary>The options of every accepted connection.</summary>
    public MessageConnectionOptions Connection { get; init; } = new();

    /// <summary>How many peers may be connected at once; further ones are closed at once (bounded memory).</summary>
    public int MaxConnections { get; init; } = 1024;

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
