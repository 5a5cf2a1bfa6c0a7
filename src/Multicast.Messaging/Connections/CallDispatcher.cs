using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Multicast.Messaging;

/// <summary>
/// Runs the handlers of a connection's received actions, requests and file pulls, off the reader:
/// a bounded queue (a full one stops reading) drained by <see cref="MessageConnectionOptions.MaxConcurrentHandlers"/>
/// loops, and the replies queued back through the connection. A handler's failure never ends it.
/// </summary>
internal sealed class CallDispatcher
{
    private readonly MessageConnection _connection;
    private readonly IMessageHandlers _router;
    private readonly RequestReplayCache _replays;
    private readonly FileExchange _files;
    private readonly Func<OutgoingFrame, CancellationToken, ValueTask> _send;
    private readonly ILogger _logger;
    private readonly MessagingDialect _dialect;
    private readonly CancellationToken _closing;
    private readonly Channel<IncomingCall> _calls;
    private readonly ByteBudget _budget;

    /// <param name="connection">The connection handlers see in their <see cref="MessageContext"/>.</param>
    /// <param name="router">Who handles what.</param>
    /// <param name="replays">Replies kept for resent requests.</param>
    /// <param name="budget">The queued-call bytes; each call's share is given back once it is handled.</param>
    /// <param name="files">Serves file pulls.</param>
    /// <param name="send">Queues a reply on the connection.</param>
    /// <param name="logger">Where failures go.</param>
    /// <param name="closing">Cancelled when the connection closes for good: handlers are told to stop.</param>
    public CallDispatcher(MessageConnection connection, IMessageHandlers router, RequestReplayCache replays, ByteBudget budget, FileExchange files, Func<OutgoingFrame, CancellationToken, ValueTask> send, ILogger logger, CancellationToken closing)
    {
        var options = connection.Options;
        _connection = connection;
        _router = router;
        _replays = replays;
        _budget = budget;
        _files = files;
        _send = send;
        _logger = logger;
        _dialect = options.Dialect;
        _closing = closing;
        _calls = Channel.CreateBounded<IncomingCall>(new BoundedChannelOptions(options.ReceiveQueueCapacity) { SingleWriter = true });
        for (var i = 0; i < options.MaxConcurrentHandlers; i++)
        {
            _ = Task.Run(HandleCallsAsync, CancellationToken.None);
        }
    }

    /// <summary>Queues a call for its handler; waits while the queue is full.</summary>
    public ValueTask QueueAsync(IncomingCall call, CancellationToken cancellationToken) =>
        _calls.Writer.WriteAsync(call, cancellationToken);

    /// <summary>No more calls come; those queued are still handled.</summary>
    public void Complete() => _calls.Writer.TryComplete();

    /// <summary>
    /// Queues a reply; when the peer is gone it is dropped with a log line (the peer resends its
    /// request after reconnecting). A handler's reply is also waited for until written, so a peer
    /// that does not read its replies holds up its own handlers (and, through the queued-call
    /// budget, its reader) instead of piling replies up in memory.
    /// </summary>
    public async Task ReplyAsync(string name, string requestId, OutgoingFrame frame, bool untilWritten = false)
    {
        try
        {
            await _send(frame, _closing).ConfigureAwait(false);
            if (untilWritten)
            {
                await frame.Written.WaitAsync(_closing).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ConnectionClosedException or OperationCanceledException or IOException)
        {
            frame.Fail(e);
            MessagingLog.ReplyDropped(_logger, name, requestId, _connection.RemoteEndPoint, e.Message);
        }
    }

    private async Task HandleCallsAsync()
    {
        await foreach (var call in _calls.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var context = new MessageContext(_connection, call.Header);
            try
            {
                switch (call.Kind)
                {
                    case IncomingKind.Action:
                        await RunActionAsync(context, call).ConfigureAwait(false);
                        break;
                    default:
                        await AnswerTracedAsync(context, call).ConfigureAwait(false);
                        break;
                }
            }
            finally
            {
                _budget.Give(call.Budget);
            }
        }
    }

    private async Task RunActionAsync(MessageContext context, IncomingCall call)
    {
        if (!_router.TryGetAction(call.Name, out var action))
        {
            LogUnknownRoute(call);
            return;
        }

        try
        {
            await action(context, call.Arguments, _closing).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a handler may throw anything; it is logged, never fatal to the connection
        catch (Exception e)
#pragma warning restore CA1031
        {
            MessagingLog.HandlerFailed(_logger, e, "action", call.Name, context.RemoteEndPoint);
        }
    }

    /// <summary>Answers a request or a file pull inside its server span, a child of the caller's when it sent its trace context.</summary>
    private async Task AnswerTracedAsync(MessageContext context, IncomingCall call)
    {
        using var telemetry = RequestTelemetry.StartServer(call.Name, Frames.TraceParent(call.Header), context.RemoteEndPoint);
        var failure = call.Kind == IncomingKind.Request
            ? await AnswerRequestAsync(context, call).ConfigureAwait(false)
            : await ServeFileAsync(context, call).ConfigureAwait(false);
        telemetry?.End(failure);
    }

    /// <summary>Runs the request's handler once per (owning session, id): a resent request gets the first run's reply.</summary>
    /// <returns>Why the handler failed, when it did (in this run; a replayed reply counts as answered).</returns>
    private async Task<Exception?> AnswerRequestAsync(MessageContext context, IncomingCall call)
    {
        var id = call.RequestId!;
        var key = _connection.ReplayOwner(call.Header) is { } owner ? (owner, id) : ((string, string)?)null;
        Exception? failure = null;
        var reply = await _replays.GetOrRun(key, () => ProduceReplyAsync(context, call, e => failure = e), out var outcome).ConfigureAwait(false);
        switch (outcome)
        {
            case RequestReplayCache.Outcome.Replayed:
                MessagingLog.RequestReplayed(_logger, call.Name, id, context.RemoteEndPoint);
                break;
            case RequestReplayCache.Outcome.ReplyForgotten:
                MessagingLog.ReplyForgotten(_logger, call.Name, id, context.RemoteEndPoint);
                reply = ErrorReply(call, "the request ran already and its reply was too large to keep");
                break;
        }

        if (reply is not null)
        {
            await ReplyAsync(call.Name, id, new OutgoingFrame(reply), untilWritten: true).ConfigureAwait(false);
        }

        return failure;
    }

    /// <summary>The response frame, an error reply (native dialect), or null when nothing is to be sent.</summary>
    private async Task<byte[]?> ProduceReplyAsync(MessageContext context, IncomingCall call, Action<Exception> failed)
    {
        if (!_router.TryGetRequest(call.Name, out var handler))
        {
            failed(new InvalidOperationException($"no handler for request '{call.Name}'"));
            LogUnknownRoute(call);
            return _router.UnknownRoute == UnknownRouteBehavior.ReplyError ? ErrorReply(call, $"no handler for request '{call.Name}'") : null;
        }

        try
        {
            var value = await handler(context, call.Arguments, _closing).ConfigureAwait(false);
            return Frames.Response(call.Name, call.RequestId!, value, Frames.OkStatus(_dialect));
        }
#pragma warning disable CA1031 // a handler may throw anything; it is logged (and answered in the native dialect), never fatal
        catch (Exception e)
#pragma warning restore CA1031
        {
            failed(e);
            MessagingLog.HandlerFailed(_logger, e, "request", call.Name, context.RemoteEndPoint);
            return ErrorReply(call, e.Message);
        }
    }

    /// <summary>Answers a file pull with the file streamed from under the root, or refuses it.</summary>
    /// <returns>Why the file was refused, when it was.</returns>
    private async Task<Exception?> ServeFileAsync(MessageContext context, IncomingCall call)
    {
        var (response, refusal) = await _files.OpenPulledAsync(context, call).ConfigureAwait(false);
        if (response is not null)
        {
            await ReplyAsync(call.Name, call.RequestId!, response, untilWritten: true).ConfigureAwait(false);
            return null;
        }

        if (ErrorReply(call, refusal!) is { } reply)
        {
            await ReplyAsync(call.Name, call.RequestId!, new OutgoingFrame(reply), untilWritten: true).ConfigureAwait(false);
        }

        return new IOException(refusal);
    }

    private void LogUnknownRoute(IncomingCall call)
    {
        if (_router.UnknownRoute != UnknownRouteBehavior.Ignore)
        {
            MessagingLog.UnknownRoute(_logger, call.Kind == IncomingKind.Action ? "action" : "request", call.Name, _connection.RemoteEndPoint);
        }
    }

    /// <summary>An error reply in the native dialect; null in clever-show's, whose peers cannot take one.</summary>
    private byte[]? ErrorReply(IncomingCall call, string error) =>
        _dialect == MessagingDialect.Native ? Frames.ErrorResponse(call.Name, call.RequestId!, error) : null;
}
