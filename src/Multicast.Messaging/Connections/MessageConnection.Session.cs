using System.Buffers;
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
        _writeLoop = WriteLoopAsync(session);
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
        if (Interlocked.Exchange(ref _inFlight, null) is { Request: null } inFlight)
        {
            // a frame cut off mid-write was never whole at the peer, so sending it again is not a duplicate
            if (keepQueue && inFlight.File is null)
            {
                _retryFrame = inFlight;
            }
            else
            {
                inFlight.Fail(error);
            }
        }

        if (!keepQueue)
        {
            while (_sendQueue.Reader.TryRead(out var frame))
            {
                if (frame.Request is { } request)
                {
                    request.Queued = false;
                }
                else
                {
                    frame.Fail(error);
                }
            }
        }

        foreach (var pending in _pending.Values)
        {
            if (forGood || !Options.ResendPendingRequestsOnReconnect || !pending.Resendable || pending.Transmissions >= 2)
            {
                pending.Fail(error);
            }
        }

        if (forGood)
        {
            ShutDown(error, reason);
        }
        else
        {
            SetState(ConnectionState.Disconnected, reason);
        }
    }

    private async Task WriteLoopAsync(ConnectionSession session)
    {
        try
        {
            if (Interlocked.Exchange(ref _retryFrame, null) is { } retry)
            {
                await WriteFrameAsync(session, retry).ConfigureAwait(false);
            }

            foreach (var pending in _pending.Values.Where(IsDueForSending).OrderBy(p => p.Sequence).ToList())
            {
                await WriteFrameAsync(session, new OutgoingFrame(pending.Frame, pending)).ConfigureAwait(false);
            }

            var queue = _sendQueue.Reader;
            while (await queue.WaitToReadAsync(session.Token).ConfigureAwait(false))
            {
                while (queue.TryRead(out var frame))
                {
                    await WriteFrameAsync(session, frame).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (session.Token.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // whatever broke the writer (socket, a file being read), the session must end with a reason
        catch (Exception e)
#pragma warning restore CA1031
        {
            session.End($"sending failed ({e.Message})");
        }
    }

    /// <summary>A request not in the queue that still has a transmission left: never sent, or sent once before the drop.</summary>
    private bool IsDueForSending(PendingRequest pending) =>
        pending.Resendable && !pending.Queued && !pending.IsCompleted && pending.Transmissions < 2;

    private async Task WriteFrameAsync(ConnectionSession session, OutgoingFrame frame)
    {
        if (frame.Request is { } request)
        {
            request.Queued = false;
            if (request.IsCompleted)
            {
                return; // timed out or cancelled while queued
            }
        }

        _inFlight = frame;
        await session.Stream.WriteAsync(frame.Bytes, session.Token).ConfigureAwait(false);
        if (frame.File is not null)
        {
            await CopyFileAsync(session, frame).ConfigureAwait(false);
        }

        _inFlight = null;
        if (frame.Request is { } sent)
        {
            sent.Transmissions++;
        }

        frame.Succeed();
    }

    private async Task CopyFileAsync(ConnectionSession session, OutgoingFrame frame)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Options.FileChunkSize);
        try
        {
            long sent = 0;
            while (sent < frame.FileLength)
            {
                var chunk = (int)Math.Min(buffer.Length, frame.FileLength - sent);
                var read = await frame.File!.ReadAsync(buffer.AsMemory(0, chunk), session.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    // the header promised more bytes: the stream cannot be framed any more
                    throw new IOException($"the file being sent ended after {sent} of {frame.FileLength} bytes");
                }

                await session.Stream.WriteAsync(buffer.AsMemory(0, read), session.Token).ConfigureAwait(false);
                sent += read;
                frame.Progress?.Report(sent);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
