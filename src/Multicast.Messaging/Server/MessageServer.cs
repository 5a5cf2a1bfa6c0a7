using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Multicast.Messaging.Discovery;

namespace Multicast.Messaging;

/// <summary>
/// Accepts many peers over TCP, each a <see cref="MessageConnection"/> answered by one shared
/// <see cref="MessageRouter"/>, and optionally announces itself over multicast.
/// </summary>
public sealed class MessageServer : IAsyncDisposable
{
    private readonly MessageServerOptions _options;
    private readonly MessageRouter _router;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<MessageConnection, byte> _connections = new();
    private readonly ConcurrentDictionary<Task, byte> _serving = new();
    private readonly ConcurrentDictionary<string, byte> _knownPeers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConnectionAdmission _admission;
    private readonly RequestReplayCache _replays;
    private readonly SessionSecurity _security;
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private ServerAnnouncer? _announcer;
    private Task _announcing = Task.CompletedTask;
    private int _stopped;

    /// <summary>Prepares the server; nothing listens before <see cref="StartAsync"/>.</summary>
    /// <exception cref="ArgumentException"><see cref="MessageServerOptions.Tls"/> is set without a server certificate.</exception>
    public MessageServer(MessageServerOptions options, MessageRouter router, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnectionsPerSource, 1);
        if (options.Tls is { ServerCertificate: null, ServerCertificateContext: null, ServerCertificateSelectionCallback: null })
        {
            throw new ArgumentException("MessageServerOptions.Tls needs a server certificate.", nameof(options));
        }

        _options = options;
        _admission = new ConnectionAdmission(options);
        _replays = new RequestReplayCache(options.Connection);
        _security = new SessionSecurity
        {
            Key = !options.Connection.SharedKey.IsEmpty ? options.Connection.SharedKey : options.Announce?.SharedKey ?? default,
            TlsServer = options.Tls,
        };
        _router = router;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<MessageServer>();
    }

    /// <summary>Asks a peer's <c>id</c> request, as clever-show's server does on every connect (for <see cref="MessageServerOptions.IdentifyPeer"/>).</summary>
    public static Func<MessageConnection, CancellationToken, ValueTask<string?>> RequestPeerId { get; } = async (connection, cancellationToken) =>
    {
        ArgumentNullException.ThrowIfNull(connection);
        var id = await connection.RequestAsync("id", MessagingJson.Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        return id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
    };

    /// <summary>Where the server listens (the real port when 0 was asked).</summary>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("The server is not started."));

    /// <summary>True from <see cref="StartAsync"/> until <see cref="StopAsync"/> (or a failure) ends the accept loop: what a health check asks.</summary>
    public bool IsAccepting => _listener is not null && Volatile.Read(ref _stopped) == 0 && !_accepting.IsCompleted;

    /// <summary>The peers connected now.</summary>
    public IReadOnlyCollection<MessageConnection> Connections => _connections.Keys.ToList();

    /// <summary>What the server announces, when it announces.</summary>
    public ServerAnnouncement? Announcement => _announcer?.Announcement;

    /// <summary>The announcer, when <see cref="MessageServerOptions.Announce"/> is set and the server started.</summary>
    public ServerAnnouncer? Announcer => _announcer;

    /// <summary>A peer connected.</summary>
    public event EventHandler<MessageConnection>? PeerConnected;

    /// <summary>A peer was identified with an id not seen before (clever-show's <c>on_first_connect</c>).</summary>
    public event EventHandler<MessageConnection>? PeerFirstConnected;

    /// <summary>A peer's connection ended.</summary>
    public event EventHandler<MessageConnection>? PeerDisconnected;

    /// <summary>Binds, listens, and starts accepting and announcing.</summary>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_listener is not null)
        {
            throw new InvalidOperationException("The server is started already.");
        }

        _listener = ListenerSocket.Open(_options.Listen);
        MessagingLog.Listening(_logger, LocalEndPoint);
        _accepting = AcceptAsync(_listener);
        if (_options.Announce is { } announce)
        {
            var announcement = new ServerAnnouncement(
                _options.ServerId ?? RandomNumberGenerator.GetInt32(0, 10000).ToString("D4", CultureInfo.InvariantCulture),
                _options.AdvertisedHost ?? AdvertisedAddress.For(LocalEndPoint),
                LocalEndPoint.Port,
                DateTimeOffset.UtcNow)
            {
                Service = _options.Service,
            };
            _announcer = new ServerAnnouncer(announcement, announce, _loggerFactory.CreateLogger<ServerAnnouncer>());
            _announcing = _announcer.RunAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops accepting and announcing, then closes every connection (queued frames get until <paramref name="cancellationToken"/> to go out).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _accepting.ConfigureAwait(false);
        await _announcing.ConfigureAwait(false);
        await Task.WhenAll(_connections.Keys.Select(c => c.CloseAsync(cancellationToken).AsTask())).ConfigureAwait(false);
        await Task.WhenAll(_serving.Keys).ConfigureAwait(false);
        if (_announcer is not null)
        {
            await _announcer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops, giving queued frames at most two seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await StopAsync(patience.Token).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>Sends one action message to every connected peer, encoded once (clever-show's <c>broadcast_message</c>), its arguments serialized through reflection. Peers that drop meanwhile are skipped.</summary>
    [RequiresUnreferencedCode(TrimmingWarnings.Arguments)]
    [RequiresDynamicCode(TrimmingWarnings.Arguments)]
    public Task BroadcastMessageAsync(string action, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? kwargs = null, CancellationToken cancellationToken = default) =>
        BroadcastMessageAsync(action, JsonSerializerOptions.Default, args, kwargs, cancellationToken);

    /// <summary>
    /// Sends one action message to every connected peer, encoded once, its arguments serialized by the
    /// contracts <paramref name="jsonOptions"/> resolve (trimming and Native AOT safe with a
    /// <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>'s options). Peers that drop meanwhile are skipped.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="jsonOptions"/> know no contract for an argument's type.</exception>
    public async Task BroadcastMessageAsync(string action, JsonSerializerOptions jsonOptions, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? kwargs = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(jsonOptions);
        var frame = Frames.Message(action, JsonValues.Args(args, jsonOptions), JsonValues.Kwargs(kwargs, jsonOptions));
        await Task.WhenAll(Connections.Where(c => c.State == ConnectionState.Connected).Select(SendAsync)).ConfigureAwait(false);

        async Task SendAsync(MessageConnection connection)
        {
            try
            {
                await connection.SendFrameAsync(frame, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectionClosedException e)
            {
                MessagingLog.BroadcastSkipped(_logger, connection.RemoteEndPoint, e.Message);
            }
        }
    }

    /// <summary>Sends one request to every connected peer and gathers each one's outcome (the refactor branch's <c>RequestBatch</c>), its arguments serialized through reflection.</summary>
    [RequiresUnreferencedCode(TrimmingWarnings.Arguments)]
    [RequiresDynamicCode(TrimmingWarnings.Arguments)]
    public Task<IReadOnlyDictionary<MessageConnection, RequestOutcome<JsonElement>>> RequestAllAsync(string requestedValue, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? kwargs = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RequestAllAsync(requestedValue, JsonSerializerOptions.Default, args, kwargs, timeout, cancellationToken);

    /// <summary>
    /// Sends one request to every connected peer and gathers each one's outcome, its arguments
    /// serialized by the contracts <paramref name="jsonOptions"/> resolve (trimming and Native AOT safe
    /// with a <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>'s options).
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="jsonOptions"/> know no contract for an argument's type.</exception>
    public async Task<IReadOnlyDictionary<MessageConnection, RequestOutcome<JsonElement>>> RequestAllAsync(string requestedValue, JsonSerializerOptions jsonOptions, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? kwargs = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestedValue);
        ArgumentNullException.ThrowIfNull(jsonOptions);
        var peers = Connections.Where(c => c.State == ConnectionState.Connected).ToList();
        var outcomes = await Task.WhenAll(peers.Select(AskAsync)).ConfigureAwait(false);
        return peers.Zip(outcomes).ToDictionary(p => p.First, p => p.Second);

        async Task<RequestOutcome<JsonElement>> AskAsync(MessageConnection connection)
        {
            try
            {
                return new(true, await connection.RequestAsync(requestedValue, jsonOptions, args, kwargs, timeout, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception e) when (e is MessagingTimeoutException or RemoteRequestException or ConnectionClosedException)
            {
                return new(false, default, e);
            }
        }
    }

    private async Task AcceptAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || (e is SocketException && _stopping.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException e)
            {
                MessagingLog.AcceptFailed(_logger, e.Message);
                continue;
            }

            var source = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
            if (!_admission.TryAdmit(source, out var evicted, out var refusal))
            {
                MessagingLog.ConnectionRefusedAtLimit(_logger, socket.RemoteEndPoint, refusal!);
                socket.Dispose();
                continue;
            }

            if (evicted is { } dropped)
            {
                MessagingLog.ConnectionEvicted(_logger, dropped.Connection.RemoteEndPoint, socket.RemoteEndPoint, dropped.Reason);
            }

            var connection = new MessageConnection(_options.Connection, _router, _loggerFactory.CreateLogger<MessageConnection>(), reconnects: false, _security, _replays);
            _admission.Add(connection, source);
            var serving = ServeAsync(connection, socket);
            _serving[serving] = 0;
            _ = serving.ContinueWith(t => _serving.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(MessageConnection connection, Socket socket)
    {
        await Task.Yield();
        var session = connection.RunSessionAsync(socket, _stopping.Token);
        var connected = connection.WaitForConnectedAsync(CancellationToken.None);
        await Task.WhenAny(connected, session).ConfigureAwait(false);
        if (!connected.IsCompletedSuccessfully)
        {
            // it never got through TLS or the handshake: nobody was told of it, nothing ran for it
            await session.ConfigureAwait(false);
            _admission.Remove(connection);
            await connection.DisposeAsync().ConfigureAwait(false);
            _ = connected.Exception; // observed after the disposal, which may be what faulted it
            return;
        }

        _connections[connection] = 0; // listed once connected, so fan-out never skips it
        var identifying = Task.CompletedTask;
        try
        {
            PeerConnected?.Invoke(this, connection);
            identifying = _options.IdentifyPeer is { } identify ? IdentifyAsync(connection, identify) : Task.CompletedTask;
            await session.ConfigureAwait(false);
        }
        finally
        {
            // whatever ended the session (or an event handler that threw), the slot is given back
            _connections.TryRemove(connection, out _);
            _admission.Remove(connection);
            PeerDisconnected?.Invoke(this, connection);
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await identifying.ConfigureAwait(false);
    }

    private async Task IdentifyAsync(MessageConnection connection, Func<MessageConnection, CancellationToken, ValueTask<string?>> identify)
    {
        try
        {
            var id = await identify(connection, _stopping.Token).ConfigureAwait(false);
            if (id is null)
            {
                return;
            }

            connection.PeerId = id;
            MessagingLog.PeerIdentified(_logger, id, connection.RemoteEndPoint);
            if (_knownPeers.TryAdd(id, 0))
            {
                PeerFirstConnected?.Invoke(this, connection);
            }
        }
        catch (Exception e) when (e is MessagingTimeoutException or RemoteRequestException or ConnectionClosedException or OperationCanceledException or JsonException)
        {
            MessagingLog.IdentifyFailed(_logger, connection.RemoteEndPoint, e.Message);
        }
    }
}
