using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Multicast.Messaging.Discovery;

namespace Multicast.Messaging;

/// <summary>
/// Keeps one <see cref="MessageConnection"/> to a server alive: connect, serve, and on loss retry,
/// then rediscover (clever-show's client loop: 3 tries 2 s apart, then listen for announcements).
/// </summary>
public sealed class MessageClient : IAsyncDisposable
{
    private readonly MessageClientOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    /// <summary>Prepares the client; nothing connects before <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">Neither a server nor discovery is configured.</exception>
    public MessageClient(MessageClientOptions options, MessageRouter router, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(router);
        if (options.Server is null && options.Discovery is null)
        {
            throw new ArgumentException("Set MessageClientOptions.Server, or Discovery to find the server.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.AttemptsBeforeDiscovery, 1);
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<MessageClient>();
        var security = new SessionSecurity
        {
            Key = !options.Connection.SharedKey.IsEmpty ? options.Connection.SharedKey : options.Discovery?.SharedKey ?? default,
            TlsClient = options.Tls,
        };
        Connection = new MessageConnection(options.Connection, router, _loggerFactory.CreateLogger<MessageConnection>(), reconnects: true, security);
    }

    /// <summary>The connection: one object across reconnects, keeping its queue and unanswered requests.</summary>
    public MessageConnection Connection { get; }

    /// <summary>The server last found by discovery.</summary>
    public DiscoveredServer? LastDiscovered { get; private set; }

    /// <summary>A server was discovered (the app decides whether to remember it; clever-show rewrote its config file).</summary>
    public event EventHandler<DiscoveredServer>? ServerDiscovered;

    /// <summary>Connects, serves, and reconnects or rediscovers until <paramref name="cancellationToken"/> fires or the connection is closed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var target = _options.Server;
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested && Connection.State != ConnectionState.Closed)
            {
                if (target is null || (failures >= _options.AttemptsBeforeDiscovery && _options.Discovery is not null))
                {
                    target = await DiscoverAsync(cancellationToken).ConfigureAwait(false) ?? target;
                    failures = 0;
                    if (target is null)
                    {
                        continue;
                    }
                }

                var socket = await TryConnectAsync(target, cancellationToken).ConfigureAwait(false);
                if (socket is null)
                {
                    failures++;
                    await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                failures = 0;
                try
                {
                    await Connection.RunSessionAsync(socket, cancellationToken).ConfigureAwait(false);
                }
                catch (ConnectionClosedException)
                {
                    return;
                }

                if (Connection.State != ConnectionState.Closed)
                {
                    await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Closes the connection (queued frames get two seconds).</summary>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private async Task<EndPoint?> DiscoverAsync(CancellationToken cancellationToken)
    {
        if (_options.Discovery is not { } discovery)
        {
            return null;
        }

        MessagingLog.Discovering(_logger, discovery.Port);
        DiscoveredServer? found;
        try
        {
            found = await ServerDiscovery.FindFirstAsync(discovery, _options.DiscoveryTimeout, _logger, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            MessagingLog.DiscoveryReceiveFailed(_logger, e.Message);
            await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (found is null)
        {
            return null;
        }

        LastDiscovered = found;
        ServerDiscovered?.Invoke(this, found);
        return found.TcpEndPoint;
    }

    private async Task<Socket?> TryConnectAsync(EndPoint target, CancellationToken cancellationToken)
    {
        var socket = target is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(target, attempt.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            socket.Dispose();
            MessagingLog.ConnectFailed(_logger, target, e is OperationCanceledException ? "timed out" : e.Message);
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
