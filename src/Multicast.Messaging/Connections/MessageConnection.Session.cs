using System.Net.Sockets;

namespace Multicast.Messaging;

public sealed partial class MessageConnection
{
    /// <summary>
    /// Runs one TCP session over <paramref name="socket"/> (which it owns) until the peer closes, a
    /// malformed frame arrives, the connection is closed or <paramref name="cancellationToken"/> fires.
    /// Never throws for network reasons: the end is a state change with a reason.
    /// </summary>
    /// <exception cref="ConnectionClosedException">The connection is closed for good.</exception>
    internal Task RunSessionAsync(Socket socket, CancellationToken cancellationToken)
    {
        var session = new ConnectionSession(socket);
        lock (_gate)
        {
            if (_state == ConnectionState.Closed || _closeStarted == 1)
            {
                socket.Dispose();
                throw new ConnectionClosedException("The connection is closed.");
            }

            if (_session is not null)
            {
                socket.Dispose();
                throw new InvalidOperationException("The connection already has a session.");
            }

            _session = session;
        }

        var task = RunAsync(session, cancellationToken);
        _sessionTask = task;
        return task;
    }

    private async Task RunAsync(ConnectionSession session, CancellationToken cancellationToken)
    {
        ApplySocketOptions(session.Socket);
        RemoteEndPoint = session.RemoteEndPoint;
        using var stop = cancellationToken.Register(() => session.End("stopped"));
        using var closing = _closing.Token.Register(() => session.End("closed locally"));
        _writeLoop = _writer.RunAsync(session, _pending.DueForSending);
        SetState(ConnectionState.Connected, null);
        MessagingLog.SessionStarted(_logger, session.RemoteEndPoint);
        var heartbeat = HeartbeatLoopAsync(session);
        await ReadLoopAsync(session).ConfigureAwait(false);
        session.End("closed");
        await _writeLoop.ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
        await session.DisposeAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _session = null;
        }

        MessagingLog.SessionEnded(_logger, session.RemoteEndPoint, session.EndReason);
        OnSessionEnded(session.EndReason);
    }

    private void ApplySocketOptions(Socket socket)
    {
        socket.NoDelay = Options.NoDelay;
        if (Options.KeepAlive is { } keepAlive)
        {
            SocketKeepAlive.Apply(socket, keepAlive, _logger);
        }
    }

    /// <summary>
    /// Settles what the session left behind. A reconnecting client keeps unanswered requests for one
    /// resend and, with <see cref="MessageConnectionOptions.ResumeQueueOnReconnect"/>, its queue; all
    /// else fails with <see cref="ConnectionClosedException"/>, never silently.
    /// </summary>
    private void OnSessionEnded(string reason)
    {
        var error = new ConnectionClosedException($"The session with {RemoteEndPoint} ended: {reason}.");
        var forGood = !_reconnects || _closing.IsCancellationRequested;
        var keepQueue = Options.ResumeQueueOnReconnect && !forGood;
        _writer.SettleAfterSession(keepQueue, error);
        _pending.FailUnresendable(error, resend: !forGood && Options.ResendPendingRequestsOnReconnect);

        if (forGood)
        {
            ShutDown(error, reason);
        }
        else
        {
            SetState(ConnectionState.Disconnected, reason);
        }
    }

    private async Task HeartbeatLoopAsync(ConnectionSession session)
    {
        if (Options.Dialect != MessagingDialect.Native || Options.HeartbeatInterval is not { } interval)
        {
            return;
        }

        try
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(session.Token).ConfigureAwait(false))
            {
                try
                {
                    await RequestCoreAsync(Heartbeat.RequestName, null, null, interval, null, resendable: false, session.Token).ConfigureAwait(false);
                }
                catch (MessagingTimeoutException)
                {
                    MessagingLog.HeartbeatMissed(_logger, session.RemoteEndPoint, interval);
                    session.End("heartbeat unanswered");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ConnectionClosedException)
        {
        }
    }
}
