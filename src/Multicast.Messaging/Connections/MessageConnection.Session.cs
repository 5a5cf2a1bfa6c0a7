using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

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
        try
        {
            _lifecycle.Attach(session);
        }
        catch
        {
            socket.Dispose();
            throw;
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
        if (!await EstablishAsync(session).ConfigureAwait(false))
        {
            await session.DisposeAsync().ConfigureAwait(false);
            _lifecycle.Detach();
            MessagingLog.SessionEnded(_logger, session.RemoteEndPoint, session.EndReason);
            OnSessionEnded(session.EndReason);
            return;
        }

        _writeLoop = _writer.RunAsync(session, _pending.DueForSending);
        SetState(ConnectionState.Connected, null);
        MessagingLog.SessionStarted(_logger, session.RemoteEndPoint);
        var side = _reconnects ? "client" : "server";
        MessagingTelemetry.SessionChanged(side, +1);
        var heartbeat = StartHeartbeat(session);
        try
        {
            await _reader.RunAsync(session).ConfigureAwait(false);
            session.End("closed");
            await _writeLoop.ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
        finally
        {
            // a loop that failed still ends the session: its socket closed, the count of sessions kept true
            session.End("closed");
            await session.DisposeAsync().ConfigureAwait(false);
            _lifecycle.Detach();
            MessagingTelemetry.SessionChanged(side, -1);
        }

        MessagingLog.SessionEnded(_logger, session.RemoteEndPoint, session.EndReason);
        OnSessionEnded(session.EndReason);
    }

    /// <summary>TLS and the key handshake, as configured; false (the session ended, the reason logged) when the peer failed them.</summary>
    private async Task<bool> EstablishAsync(ConnectionSession session)
    {
        IsAuthenticated = false;
        try
        {
            session.PeerIdentity = await _security.EstablishAsync(session, accepting: !_reconnects, _connectionId, Options.HandshakeTimeout).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            MessagingLog.AuthenticationFailed(_logger, session.RemoteEndPoint, e.Message);
            session.End($"authentication failed: {e.Message}");
            return false;
        }

        IsAuthenticated = _security.AuthenticatesPeers;
        _idProved = !_reconnects && !_security.Key.IsEmpty;
        var address = (session.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "?";
        _replayScope = $"{address}|{session.PeerIdentity}";
        return true;
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

    private Task StartHeartbeat(ConnectionSession session) =>
        Options.Dialect == MessagingDialect.Native && Options.HeartbeatInterval is { } interval
            ? Heartbeat.RunAsync(session, interval, ct => RequestCoreAsync(Heartbeat.RequestName, JsonValues.NoArgs, JsonValues.NoKwargs, interval, null, resendable: false, ct), _logger)
            : Task.CompletedTask;
}
