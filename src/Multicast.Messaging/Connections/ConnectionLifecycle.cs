namespace Multicast.Messaging;

/// <summary>
/// Where a connection is in its life, under one lock: its state, the session it has (at most
/// one), whether closing began, and the task that waiters on "connected" await.
/// </summary>
internal sealed class ConnectionLifecycle
{
    private readonly object _gate = new();
    private TaskCompletionSource _connected = NewConnectedSource();
    private ConnectionSession? _session;
    private ConnectionState _state = ConnectionState.Connecting;
    private int _closeStarted;

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

    /// <summary>True once <see cref="BeginClose"/> was called: nothing new may be sent.</summary>
    public bool IsClosing => Volatile.Read(ref _closeStarted) == 1;

    /// <summary>The session running now, if any.</summary>
    public ConnectionSession? Session
    {
        get
        {
            lock (_gate)
            {
                return _session;
            }
        }
    }

    /// <summary>Marks the start of closing; false when it had begun already.</summary>
    public bool BeginClose() => Interlocked.Exchange(ref _closeStarted, 1) == 0;

    /// <summary>Completes when a session is up (at once when it is); fails once closed for good.</summary>
    public Task WaitForConnectedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _connected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Makes <paramref name="session"/> the current one.</summary>
    /// <exception cref="ConnectionClosedException">Closed, or closing.</exception>
    /// <exception cref="InvalidOperationException">A session is running already.</exception>
    public void Attach(ConnectionSession session)
    {
        lock (_gate)
        {
            if (_state == ConnectionState.Closed || IsClosing)
            {
                throw new ConnectionClosedException("The connection is closed.");
            }

            if (_session is not null)
            {
                throw new InvalidOperationException("The connection already has a session.");
            }

            _session = session;
        }
    }

    public void Detach()
    {
        lock (_gate)
        {
            _session = null;
        }
    }

    /// <summary>Moves to <paramref name="next"/>; false when already there or closed (closed is final).</summary>
    public bool TryMove(ConnectionState next, out ConnectionState previous)
    {
        lock (_gate)
        {
            previous = _state;
            if (previous == next || previous == ConnectionState.Closed)
            {
                return false;
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
                        _connected = NewConnectedSource();
                    }

                    break;
            }

            return true;
        }
    }

    private static TaskCompletionSource NewConnectedSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
