using Microsoft.Extensions.Hosting;
using Multicast.Messaging;

namespace Multicast.Hosting;

/// <summary>
/// The message server as a hosted service (<c>AddMulticastMessageServer</c>): listens when the host
/// starts (a bind failure fails the start); on stop it stops accepting and closes every connection,
/// giving queued frames until the host's shutdown timeout.
/// </summary>
public sealed class McastMessageServerService : IHostedService
{
    internal McastMessageServerService(MessageServer server) => Server = server;

    /// <summary>The server (the same instance dependency injection gives), to broadcast or request all.</summary>
    public MessageServer Server { get; }

    /// <summary>Binds, listens and accepts.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Server.StartAsync(cancellationToken);

    /// <summary>Stops accepting, then closes the connections.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Server.StopAsync(cancellationToken);
}
