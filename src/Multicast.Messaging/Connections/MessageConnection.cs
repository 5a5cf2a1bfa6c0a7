using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast.Messaging;

/// <summary>
/// One peer: sends actions, requests and files, answers the peer's through a
/// router (<c>MessageRouter</c>). For a client it is one object across
/// reconnects, keeping its queue and its unanswered requests (clever-show's <c>ConnectionManager</c>).
/// </summary>
/// <remarks>
/// One writer loop owns the socket's sending side, fed by a bounded queue (back-pressure instead of
/// unbounded buffers); one reader loop parses frames; handlers run off the reader, one at a time per
/// connection by default, so a slow handler never stalls other peers or the responses of this one.
/// </remarks>
public sealed partial class MessageConnection : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly bool _reconnects;
    private readonly ConnectionLifecycle _lifecycle = new();
    private readonly FrameWriter _writer;
    private readonly PendingRequests _pending;
    private readonly CallDispatcher _calls;
    private readonly FrameReader _reader;
    private readonly CancellationTokenSource _closing = new();
    private readonly string _connectionId = Guid.NewGuid().ToString("N");
    private readonly SessionSecurity _security;
    private Task? _writeLoop;
    private string? _replayScope;
    private bool _idProved;
    private Task? _sessionTask;

    /// <param name="options">How it behaves.</param>
    /// <param name="router">Who answers the peer.</param>
    /// <param name="logger">Where it logs.</param>
    /// <param name="reconnects">True on the connecting side (a client), which keeps its state across sessions.</param>
    /// <param name="security">TLS and the key handshake every session must pass first; null for none.</param>
    /// <param name="replays">Replies kept for resent requests (a server shares one among its peers, each owning its entries); null makes one for this connection.</param>
    internal MessageConnection(MessageConnectionOptions options, IMessageHandlers router, ILogger? logger, bool reconnects, SessionSecurity? security = null, RequestReplayCache? replays = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SendQueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReceiveQueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentHandlers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingRequests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueuedCallBytes, 1);
        Options = options;
        _logger = logger ?? NullLogger.Instance;
        _reconnects = reconnects;
        _pending = new PendingRequests(options.MaxPendingRequests, EnqueueAsync);
        _writer = new FrameWriter(options.SendQueueCapacity, options.FileChunkSize);
        var files = new FileExchange(options, _logger, e => FileReceived?.Invoke(this, e));
        _security = security ?? SessionSecurity.None;
        var budget = new ByteBudget(options.MaxQueuedCallBytes);
        _calls = new CallDispatcher(this, router, replays ?? new RequestReplayCache(options), budget, files, EnqueueAsync, _logger, _closing.Token);
        _reader = new FrameReader(this, _pending, _calls, budget, files, _logger);
    }

    /// <summary>The options this connection was made with.</summary>
    public MessageConnectionOptions Options { get; }

    /// <summary>Where the connection is in its life.</summary>
    public ConnectionState State => _lifecycle.State;

    /// <summary>The peer's address and port (of the current or last session).</summary>
    public EndPoint? RemoteEndPoint { get; private set; }

    /// <summary>The peer's identity, when a server identified it (clever-show keyed peers by IP instead).</summary>
    public string? PeerId { get; internal set; }

    /// <summary>True once the current session's peer proved itself (TLS or the shared-key handshake, as configured); false while it has not, or when nothing is asked of it.</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>
    /// Who owns the replies of the current session's requests in the replay cache: the peer's
    /// address and proven identity, and the connection id it proved in the handshake (or, without a
    /// handshake, the one its request names). Null when it has none: the request always runs.
    /// </summary>
    internal string? ReplayOwner(FrameHeader header)
    {
        if (_replayScope is not { } scope)
        {
            return null;
        }

        return _idProved ? scope : Frames.ConnectionId(header) is { } claimed ? $"{scope}|{claimed}" : null;
    }

    /// <summary>How long since the current session received a whole frame (or began); zero without a session.</summary>
    internal TimeSpan SinceLastFrame => _lifecycle.Session?.SinceLastFrame ?? TimeSpan.Zero;

    /// <summary>Ends the current session with <paramref name="reason"/> (a server making room); the connection then closes as after any session end.</summary>
    internal void Drop(string reason) => _lifecycle.Session?.End(reason);

    /// <summary>Raised on every state change, outside any lock.</summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>Raised after a pushed file was written under the root.</summary>
    public event EventHandler<FileReceivedEventArgs>? FileReceived;

    /// <summary>How many requests wait for a response.</summary>
    public int PendingRequestCount => _pending.Count;

    /// <summary>Completes when a session is up (at once when it is).</summary>
    /// <exception cref="ConnectionClosedException">The connection closed for good.</exception>
    public Task WaitForConnectedAsync(CancellationToken cancellationToken = default) => _lifecycle.WaitForConnectedAsync(cancellationToken);

    /// <summary>
    /// Closes for good: frames already queued are written first (within <paramref name="cancellationToken"/>),
    /// then the session ends and anything still waiting fails with <see cref="ConnectionClosedException"/>.
    /// Safe to call from a handler of this connection.
    /// </summary>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        if (!_lifecycle.BeginClose())
        {
            return;
        }

        _writer.Complete();
        var session = _lifecycle.Session;
        if (session is not null && _writeLoop is { } writeLoop)
        {
            try
            {
                await writeLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // out of patience: what is still queued fails below
            }
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        session?.End("closed locally");
        if (_sessionTask is { } sessionTask)
        {
            await sessionTask.ConfigureAwait(false);
        }

        ShutDown(new ConnectionClosedException("The connection was closed locally."), "closed locally");
    }

    /// <summary>Closes, giving queued frames at most two seconds to go out.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await CloseAsync(patience.Token).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{PeerId ?? "peer"} at {RemoteEndPoint?.ToString() ?? "?"} ({State})";

    private void SetState(ConnectionState next, string? reason)
    {
        if (_lifecycle.TryMove(next, out var previous))
        {
            StateChanged?.Invoke(this, new ConnectionStateChangedEventArgs(previous, next, reason));
        }
    }

    /// <summary>The end of the connection: closed, everything waiting failed; calls already received are still handled.</summary>
    private void ShutDown(Exception error, string reason)
    {
        _writer.Complete();
        _calls.Complete();
        SetState(ConnectionState.Closed, reason);
        _writer.FailAll(error);
        _pending.FailAll(error);
    }
}
