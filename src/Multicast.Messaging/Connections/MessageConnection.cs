using System.Net;
using System.Threading.Channels;
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
    private readonly IMessageHandlers _router;
    private readonly ILogger _logger;
    private readonly bool _reconnects;
    private readonly FrameWriter _writer;
    private readonly Channel<IncomingCall> _incoming;
    private readonly PendingRequests _pending;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task[] _handlerLoops;
    private readonly object _gate = new();
    private readonly string _connectionId = Guid.NewGuid().ToString("N");
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectionSession? _session;
    private ConnectionState _state = ConnectionState.Connecting;
    private int _closeStarted;
    private Task? _writeLoop;
    private Task? _sessionTask;

    internal MessageConnection(MessageConnectionOptions options, IMessageHandlers router, ILogger? logger, bool reconnects)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SendQueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReceiveQueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentHandlers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingRequests, 1);
        Options = options;
        _router = router;
        _logger = logger ?? NullLogger.Instance;
        _reconnects = reconnects;
        _pending = new PendingRequests(options.MaxPendingRequests);
        _writer = new FrameWriter(options.SendQueueCapacity, options.FileChunkSize);
        _incoming = Channel.CreateBounded<IncomingCall>(new BoundedChannelOptions(options.ReceiveQueueCapacity) { SingleWriter = true });
        _handlerLoops = Enumerable.Range(0, options.MaxConcurrentHandlers).Select(_ => Task.Run(HandleIncomingAsync)).ToArray();
    }

    /// <summary>The options this connection was made with.</summary>
    public MessageConnectionOptions Options { get; }

    /// <summary>Where the connection is in its life.</summary>
    public ConnectionState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The peer's address and port (of the current or last session).</summary>
    public EndPoint? RemoteEndPoint { get; private set; }

    /// <summary>The peer's identity, when a server identified it (clever-show keyed peers by IP instead).</summary>
    public string? PeerId { get; internal set; }

    /// <summary>Raised on every state change, outside any lock.</summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>Raised after a pushed file was written under the root.</summary>
    public event EventHandler<FileReceivedEventArgs>? FileReceived;

    /// <summary>How many requests wait for a response.</summary>
    public int PendingRequestCount => _pending.Count;

    /// <summary>Completes when a session is up (at once when it is).</summary>
    /// <exception cref="ConnectionClosedException">The connection closed for good.</exception>
    public Task WaitForConnectedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _connected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Closes for good: frames already queued are written first (within <paramref name="cancellationToken"/>),
    /// then the session ends and anything still waiting fails with <see cref="ConnectionClosedException"/>.
    /// Safe to call from a handler of this connection.
    /// </summary>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) == 1)
        {
            return;
        }

        _writer.Complete();
        ConnectionSession? session;
        lock (_gate)
        {
            session = _session;
        }

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
        ConnectionState previous;
        lock (_gate)
        {
            previous = _state;
            if (previous == next || previous == ConnectionState.Closed)
            {
                return;
            }

            _state = next;
            switch (next)
            {
                case ConnectionState.Connected:
                    _connected.TrySetResult();
                    break;
                case ConnectionState.Closed:
                    _connected.TrySetException(new ConnectionClosedException("The connection is closed."));
                    break;
                default:
                    if (_connected.Task.IsCompleted)
                    {
                        _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    break;
            }
        }

        StateChanged?.Invoke(this, new ConnectionStateChangedEventArgs(previous, next, reason));
    }

    /// <summary>The end of the connection: closed, everything waiting failed; calls already received are still handled.</summary>
    private void ShutDown(Exception error, string reason)
    {
        _writer.Complete();
        _incoming.Writer.TryComplete();
        SetState(ConnectionState.Closed, reason);
        FailEverything(error);
    }

    private void FailEverything(Exception error)
    {
        _writer.FailAll(error);

        _pending.FailAll(error);
    }
}
