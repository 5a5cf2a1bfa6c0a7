using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Multicast.Messaging.Discovery;

/// <summary>
/// Hears announcements on the discovery groups (one core receive socket per address family, joined
/// by <see cref="McastRecv.JoinStep"/>) and, when asked, on limited broadcast.
/// </summary>
internal sealed class AnnouncementListener : IDisposable
{
    private readonly List<Socket> _sockets;
    private readonly ILogger _logger;

    private AnnouncementListener(List<Socket> sockets, ILogger logger)
    {
        _sockets = sockets;
        _logger = logger;
    }

    /// <summary>Opens the sockets; a family that cannot be joined is logged and skipped.</summary>
    /// <exception cref="IOException">No socket could be opened at all.</exception>
    public static AnnouncementListener Open(IReadOnlyList<IPAddress> groups, int port, string? iface, bool broadcast, ILogger logger)
    {
        var sockets = new List<Socket>();
        var failures = new List<string>();
        var v4 = groups.Where(g => g.AddressFamily == AddressFamily.InterNetwork).Select(g => g.ToString()).ToList();
        var v6 = groups.Where(g => g.AddressFamily == AddressFamily.InterNetworkV6).Select(g => g.ToString()).ToList();
        if (v4.Count > 0)
        {
            // bound to the wildcard when broadcast is heard too; the core then hears only the joined groups' multicast
            TryOpen(() => McastRecv.JoinStep(v4, port, iface, broadcast ? IPAddress.Any.ToString() : null, logger: logger));
        }
        else if (broadcast)
        {
            TryOpen(() => BroadcastOnlySocket(port));
        }

        if (v6.Count > 0)
        {
            TryOpen(() => McastRecv.JoinStep(v6, port, iface, logger: logger));
        }

        if (sockets.Count == 0)
        {
            throw new IOException($"Cannot listen for announcements on port {port}: {string.Join("; ", failures)}");
        }

        return new AnnouncementListener(sockets, logger);

        void TryOpen(Func<Socket> open)
        {
            try
            {
                sockets.Add(open());
            }
            catch (Exception e) when (e is IOException or SocketException or ArgumentException)
            {
                failures.Add(e.Message);
                MessagingLog.DiscoveryGroupSkipped(logger, port, e.Message);
            }
        }
    }

    /// <summary>Valid announcements as they arrive; invalid datagrams are logged and skipped.</summary>
    /// <param name="key">When not empty, only announcements signed with it are taken.</param>
    /// <param name="freshness">With a key: refuses stale and repeated announcements.</param>
    /// <param name="cancellationToken">Stops listening.</param>
    public async IAsyncEnumerable<DiscoveredServer> ReadAsync(ReadOnlyMemory<byte> key, AnnouncementFreshness? freshness, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var heard = Channel.CreateBounded<McastDatagram>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receivers = _sockets.Select(s => ReceiveAsync(s, heard.Writer, stop.Token)).ToArray();
        try
        {
            await foreach (var datagram in heard.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (AnnouncementCodec.TryDecode(datagram.Payload, key.Span, out var announcement, out var stamp, out var reason)
                    && (stamp is not { } signed || freshness is null || freshness.TryAccept(signed, out reason)))
                {
                    yield return new DiscoveredServer(announcement, datagram.Source, datagram.ReceivedAt);
                }
                else
                {
                    MessagingLog.AnnouncementIgnored(_logger, datagram.Source, reason);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(receivers).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            Skt.EndSocket(socket);
        }
    }

    private static Socket BroadcastOnlySocket(int port)
    {
        var socket = Skt.GenSocket();
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ReceiveAsync(Socket socket, ChannelWriter<McastDatagram> heard, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var datagram = await McastRecv.TryRecvAsync(socket, null, cancellationToken).ConfigureAwait(false);
                if (datagram is not null)
                {
                    heard.TryWrite(datagram);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            MessagingLog.DiscoveryReceiveFailed(_logger, e.Message);
        }
    }
}
