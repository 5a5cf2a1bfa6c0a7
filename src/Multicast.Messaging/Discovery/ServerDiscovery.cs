using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast.Messaging.Discovery;

/// <summary>Finds servers by their announcements, without configuration (clever-show's <c>broadcast_bind</c>, over multicast).</summary>
public static class ServerDiscovery
{
    /// <summary>
    /// Servers as they are heard: each server once, and again when its address, port or start time
    /// changes. Runs until <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <exception cref="IOException">No discovery socket could be opened.</exception>
    public static async IAsyncEnumerable<DiscoveredServer> DiscoverAsync(DiscoveryOptions options, ILogger? logger = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        using var listener = AnnouncementListener.Open(options.Groups, options.Port, options.Iface, options.ListenForBroadcast, logger);
        var known = new Dictionary<string, ServerAnnouncement>(StringComparer.Ordinal);
        await foreach (var server in listener.ReadAsync(options.SharedKey, options.NewFreshness(), cancellationToken).ConfigureAwait(false))
        {
            var announcement = server.Announcement;
            if (options.Service is not null && announcement.Service != options.Service)
            {
                continue;
            }

            if (known.TryGetValue(announcement.ServerId, out var previous) && previous == announcement)
            {
                continue;
            }

            known[announcement.ServerId] = announcement;
            MessagingLog.ServerDiscovered(logger, announcement.ServerId, server.TcpEndPoint, server.Source);
            yield return server;
        }
    }

    /// <summary>The first server heard within <paramref name="timeout"/>, or null.</summary>
    /// <exception cref="IOException">No discovery socket could be opened.</exception>
    public static async Task<DiscoveredServer?> FindFirstAsync(DiscoveryOptions options, TimeSpan timeout, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout);
        try
        {
            await foreach (var server in DiscoverAsync(options, logger, patience.Token).ConfigureAwait(false))
            {
                return server;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return null;
    }
}
